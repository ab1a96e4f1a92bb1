"""Checks that need the whole course: workshop blocks against modules, objectives, quizzes and
scenarios, and every format's agenda against the timing rules.

The rules a facilitator relies on: teaching time within 8 to 16 hours (and equal to what the
format promises), no session longer than its format allows, never more than 90 minutes of
teaching without a break, a meal break in long sessions, every core module in every format,
and every objective of every module practised by at least one activity.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from course_builder.issues import Issue, IssueList, Pos
from course_builder.model.course import Course
from course_builder.workshop.agenda import DAY_MINUTES, Layout, lay_out, stretch_breaches
from course_builder.workshop.loader import MODULES_FILE
from course_builder.workshop.model import Format, Workshop

MIN_TEACHING, MAX_TEACHING = 8 * 60, 16 * 60
MEAL_AFTER = 5 * 60          # a session longer than this needs a meal break
EXPECTED_HOURS = (8, 12, 16)  # the formats the course promises facilitators

CODES: dict[str, str] = {
    "workshop-missing-file": "workshop/ exists but modules.yml or formats.yml is missing",
    "workshop-other-extension": "a .yaml file in workshop/, which only reads .yml files",
    "workshop-type": "a value has the wrong shape (text where a list belongs), or a file is empty",
    "workshop-missing-field": "a required field is missing",
    "workshop-unknown-field": "a field the workshop format does not know (a typo? see the hint)",
    "workshop-bad-id": "an id is not lowercase letters, digits and hyphens",
    "workshop-bad-value": "a value that is not one of the allowed words (kind, every...)",
    "workshop-out-of-range": "a number outside its range (minutes, hours, day...)",
    "workshop-missing-translation": "a string lacks its English or Spanish version",
    "workshop-unsafe-html": "a string contains HTML, which YAML strings may not hold",
    "workshop-duplicate-id": "two modules, blocks, formats, follow-ups or handouts share an id",
    "workshop-no-blocks": "a module entry has an empty block list",
    "workshop-missing-quiz": "a knowledge-check block names no quiz",
    "workshop-field-not-used": "a field this block kind does not use (a quiz on a discussion...)",
    "workshop-bad-time": "a session's start is not a quoted 24-hour time such as \"09:00\"",
    "workshop-bad-item": "a session item is not exactly one of module, block, break or meal",
    "workshop-empty-session": "a format has no sessions, or a session has no items",
    "workshop-unknown-module": "a module id that course.yml or workshop/modules.yml lacks",
    "workshop-unknown-block": "a session names a block id that modules.yml does not have",
    "workshop-unknown-objective": "a block practises an objective its module page does not have",
    "workshop-unknown-quiz": "a knowledge-check block names a quiz that does not exist",
    "workshop-unknown-scenario": "a block or the role-play cards name a missing scenario",
    "workshop-unknown-handout": "a block names a handout that handouts.yml does not have",
    "workshop-quiz-module": "a block runs a quiz that belongs to another module (warning)",
    "workshop-objective-uncovered": "a module objective that no workshop activity practises",
    "workshop-follow-up-minutes": "a follow-up session's agenda does not add up to its minutes",
    "workshop-guide-format": "more than one format is marked 'guide: true'",
    "workshop-teaching-time": "a format's teaching time is outside 8 to 16 hours",
    "workshop-hours-mismatch": "a format's teaching time differs from the hours it promises",
    "workshop-session-too-long": "a session, breaks included, is longer than its format allows",
    "workshop-long-stretch": "more than 90 minutes (or the format's limit) without a break",
    "workshop-no-meal": "a session longer than 5 hours has no meal break",
    "workshop-day-order": "a session is on an earlier day than the one before it",
    "workshop-session-overlap": "a session starts before the previous one that day has ended",
    "workshop-past-midnight": "a session runs past midnight",
    "workshop-block-twice": "a block is scheduled twice in one format",
    "workshop-missing-core": "a format leaves out a core module",
    "workshop-unscheduled-block": "a block is in no session of the format the full guide follows",
    "workshop-missing-format": "no 8-hour, 12-hour or 16-hour format (warning)",
    "workshop-swap-no-trigger": "a Trigger Word Swap line without a trigger word (warning)",
}


def check_workshop(course: Course) -> list[Issue]:
    """Every cross-file workshop problem; an empty list when the course has no workshop."""
    workshop: Workshop | None = getattr(course, "workshop", None)
    if workshop is None:
        return []
    issues = IssueList()
    _check_blocks(course, workshop, issues)
    _check_coverage(course, workshop, issues)
    for fmt in workshop.formats:
        _check_format(course, workshop, fmt, issues)
    _check_guide_format(workshop, issues)
    hours = {f.hours for f in workshop.formats}
    for expected in EXPECTED_HOURS:
        if workshop.formats and expected not in hours:
            issues.warning(Pos(workshop.folder / "formats.yml", 0), "workshop-missing-format",
                           f"there is no {expected}-hour format",
                           f"add a format with 'hours: {expected}'; facilitators are promised "
                           "8, 12 and 16-hour formats")
    return issues.items


def layout_of(workshop: Workshop, fmt: Format) -> Layout:
    """The format's agenda, with break-kind blocks counted as rest (laid out once per format
    and set of blocks: every guide and agenda page asks for it)."""
    blocks = workshop.blocks
    cached = workshop._layouts.get(id(fmt))
    if cached is not None and cached[0] is fmt and cached[1] is blocks:
        return cached[2]  # type: ignore[return-value]
    layout = lay_out(fmt, {b.id: not b.teaching for b in blocks.values()})
    workshop._layouts[id(fmt)] = (fmt, blocks, layout)
    return layout


def _hm(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def _suggest(value: str, known: Iterable[str], fallback: str) -> str:
    close = difflib.get_close_matches(value, list(known), 1)
    return f"did you mean '{close[0]}'?" if close else fallback


def _check_blocks(course: Course, workshop: Workshop, issues: IssueList) -> None:
    module_ids = [m.id for m in course.modules]
    handout_ids = [h.id for h in workshop.handouts]
    for plan in workshop.modules:
        if plan.id and plan.id not in module_ids:
            issues.error(plan.pos, "workshop-unknown-module",
                         f"module '{plan.id}' is not in course.yml",
                         _suggest(plan.id, module_ids, "use a module id listed in course.yml"))
            continue
        page = course.page("en", f"modules/{plan.id}.md")
        known = [o.id for o in page.objectives] if page else []
        for block in plan.blocks:
            for objective in block.objectives:
                if page is not None and objective not in known:
                    issues.error(block.pos, "workshop-unknown-objective",
                                 f"block '{block.id}' practises objective '{objective}', which "
                                 f"module '{plan.id}' does not have",
                                 _suggest(objective, known, f"objectives of '{plan.id}': "
                                          f"{', '.join(known) or 'none'}"))
            if block.quiz:
                quiz = course.quizzes.get(block.quiz)
                if quiz is None:
                    issues.error(block.pos, "workshop-unknown-quiz",
                                 f"block '{block.id}' runs the quiz '{block.quiz}', which does "
                                 "not exist", _suggest(block.quiz, course.quizzes,
                                                       "use the id of a file in quizzes/"))
                elif quiz.module != block.module:
                    issues.warning(block.pos, "workshop-quiz-module",
                                   f"block '{block.id}' in module '{block.module}' runs the quiz "
                                   f"'{block.quiz}' of module '{quiz.module}'",
                                   "move the block to that module, or use this module's quiz")
            if block.scenario and block.scenario not in course.scenarios:
                issues.error(block.pos, "workshop-unknown-scenario",
                             f"block '{block.id}' uses the scenario '{block.scenario}', which "
                             "does not exist", _suggest(block.scenario, course.scenarios,
                                                        "use the id of a file in scenarios/"))
            for handout in block.handouts:
                if handout not in handout_ids:
                    issues.error(block.pos, "workshop-unknown-handout",
                                 f"block '{block.id}' uses the handout '{handout}', which "
                                 "handouts.yml does not have",
                                 _suggest(handout, handout_ids, "use a handout id from "
                                          "workshop/handouts.yml"))
    triggers = getattr(course, "triggers", None)
    for handout in workshop.handouts:
        for line in handout.lines if triggers else ():
            for lang in ("en", "es"):
                if not triggers.find(line[lang], lang):
                    issues.warning(line.pos, "workshop-swap-no-trigger",
                                   f"this {'English' if lang == 'en' else 'Spanish'} line to "
                                   "rewrite has no trigger word from data/trigger_words.yml",
                                   "each worksheet line should contain the language it trains "
                                   "people to swap")
        for scenario in handout.scenarios:
            if scenario not in course.scenarios:
                issues.error(handout.pos, "workshop-unknown-scenario",
                             f"the role-play cards list the scenario '{scenario}', which does "
                             "not exist", _suggest(scenario, course.scenarios,
                                                   "use the id of a file in scenarios/"))


def _check_coverage(course: Course, workshop: Workshop, issues: IssueList) -> None:
    """Every objective of every module is practised by at least one workshop block."""
    practised: dict[str, set[str]] = {}
    for block in workshop.blocks.values():
        practised.setdefault(block.module, set()).update(block.objectives)
    modules_file = workshop.folder / MODULES_FILE
    for module in course.modules:
        page = course.page("en", module.rel)
        if page is None:
            continue  # reported by the page checks
        plan = workshop.plan(module.id)
        missing = [o.id for o in page.objectives if o.id not in practised.get(module.id, set())]
        if not missing:
            continue
        pos = plan.pos if plan else Pos(modules_file, 0)
        where = (f"module '{module.id}'" if plan else
                 f"module '{module.id}' has no blocks in workshop/{MODULES_FILE}, so it")
        issues.error(pos, "workshop-objective-uncovered",
                     f"{where} leaves objective{'s' if len(missing) > 1 else ''} "
                     f"{', '.join(repr(m) for m in missing)} practised by no activity",
                     "add the objective id to the 'objectives' of a block that practises it")


def _check_format(course: Course, workshop: Workshop, fmt: Format, issues: IssueList) -> None:
    layout = layout_of(workshop, fmt)
    teaching = layout.teaching
    if not MIN_TEACHING <= teaching <= MAX_TEACHING:
        issues.error(fmt.pos, "workshop-teaching-time",
                     f"format '{fmt.id}' has {teaching} minutes of teaching ({_hm(teaching)}), "
                     "outside 8 to 16 hours",
                     "add or remove blocks; breaks and meals do not count as teaching")
    elif teaching != fmt.hours * 60:
        issues.error(fmt.pos, "workshop-hours-mismatch",
                     f"format '{fmt.id}' promises {fmt.hours} hours, but its blocks add up to "
                     f"{_hm(teaching)} of teaching",
                     f"change 'hours' or the blocks, so the teaching time is {fmt.hours} h")
    seen: dict[str, Pos] = {}
    blocks = workshop.blocks
    previous = None
    for session, sl in zip(fmt.sessions, layout.sessions, strict=True):
        limit = session.max_minutes or fmt.max_session_minutes
        if sl.length > limit:
            issues.error(session.pos, "workshop-session-too-long",
                         f"session {session.number} of format '{fmt.id}' lasts {_hm(sl.length)} "
                         f"with breaks, longer than the {_hm(limit)} allowed",
                         "move blocks to another session, or split it in two")
        if sl.length > MEAL_AFTER and not sl.meal:
            issues.error(session.pos, "workshop-no-meal",
                         f"session {session.number} of format '{fmt.id}' lasts {_hm(sl.length)} "
                         "and has no meal break",
                         "add '- meal: 45' near the middle of the session")
        if sl.end > DAY_MINUTES:
            issues.error(session.pos, "workshop-past-midnight",
                         f"session {session.number} of format '{fmt.id}' runs past midnight",
                         "start it earlier or make it shorter")
        for row in stretch_breaches(sl.rows, fmt.max_stretch_minutes):
            item = session.items[row.index]
            issues.error(item.pos, "workshop-long-stretch",
                         f"session {session.number} of format '{fmt.id}' reaches {row.stretch} "
                         f"minutes of teaching without a break here (the limit is "
                         f"{fmt.max_stretch_minutes})",
                         "add '- break: 10' before this item")
        if previous is not None:
            prev_session, prev_layout = previous
            if session.day < prev_session.day:
                issues.error(session.pos, "workshop-day-order",
                             f"session {session.number} of format '{fmt.id}' is on day "
                             f"{session.day}, before session {prev_session.number} (day "
                             f"{prev_session.day})", "list the sessions in the order they happen")
            elif session.day == prev_session.day and session.start < prev_layout.end:
                issues.error(session.pos, "workshop-session-overlap",
                             f"session {session.number} of format '{fmt.id}' starts before "
                             f"session {prev_session.number} ends on day {session.day}",
                             "start it later, or put it on another day")
        previous = (session, sl)
        for item in session.items:
            if item.kind != "block":
                continue
            if item.block in seen:
                issues.error(item.pos, "workshop-block-twice",
                             f"block '{item.block}' is scheduled twice in format '{fmt.id}' "
                             f"(first on line {seen[item.block].line})",
                             "run each block once per format")
            else:
                seen[item.block] = item.pos
    covered = {blocks[b].module for b in seen if b in blocks}
    for module in course.core_modules:
        if module.id not in covered:
            issues.error(fmt.pos, "workshop-missing-core",
                         f"format '{fmt.id}' leaves out the core module '{module.id}'",
                         f"schedule at least one block of '{module.id}' in this format")


def _check_guide_format(workshop: Workshop, issues: IssueList) -> None:
    fmt = workshop.guide_format
    if fmt is None:
        return
    scheduled = {i.block for s in fmt.sessions for i in s.items if i.kind == "block"}
    for block in workshop.blocks.values():
        if block.id not in scheduled:
            issues.error(block.pos, "workshop-unscheduled-block",
                         f"block '{block.id}' is in no session of format '{fmt.id}', which the "
                         "full facilitator guide follows",
                         f"schedule it in format '{fmt.id}', or remove it")


__all__ = ["CODES", "check_workshop", "layout_of"]
