"""Read ``workshop/modules.yml``, ``formats.yml`` and ``handouts.yml`` into a Workshop.

Like the other loaders, it reads on past every mistake (a default value and an Issue with
the file and line), so an editor sees every problem in one run. Only the shape of the files
is checked here; what needs the rest of the course (modules, objectives, quizzes, scenarios)
and the agenda arithmetic are in ``checks``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from course_builder.issues import Issue, IssueList, Pos
from course_builder.load.reader import ID_RE, Reader, type_name
from course_builder.load.yamlfile import YMap, YSeq, load_yaml
from course_builder.model.text import Text
from course_builder.workshop.agenda import parse_clock
from course_builder.workshop.model import (
    EVERY,
    HANDOUT_KINDS,
    KINDS,
    Block,
    Criterion,
    FollowUp,
    FollowUpItem,
    Format,
    Handout,
    Item,
    Measure,
    ModulePlan,
    ScaleStep,
    Session,
    Workshop,
)


class _Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def pos(self) -> Pos: ...


_Entry = TypeVar("_Entry", bound=_Named)

if TYPE_CHECKING:
    from course_builder.model.course import Course

KIND = "workshop"
MODULES_FILE, FORMATS_FILE, HANDOUTS_FILE = "modules.yml", "formats.yml", "handouts.yml"

MODULE_FIELDS = ("id", "room", "prepare", "blocks")
BLOCK_FIELDS = ("id", "kind", "minutes", "title", "objectives", "quiz", "scenario", "handouts",
                "materials", "prepare", "steps", "talking_points", "prompts", "setup", "debrief",
                "pitfalls")
FORMAT_FIELDS = ("id", "title", "summary", "hours", "max_session_minutes",
                 "max_stretch_minutes", "guide", "sessions")
SESSION_FIELDS = ("day", "start", "title", "max_minutes", "items")
ITEM_KEYS = ("module", "block", "break", "meal")
FOLLOW_UP_FIELDS = ("id", "every", "minutes", "title", "summary", "items")
FOLLOW_UP_ITEM_FIELDS = ("minutes", "kind", "title", "notes")
HANDOUT_COMMON = ("id", "kind", "title", "intro", "tips")
HANDOUT_FIELDS: dict[str, tuple[str, ...]] = {
    "trigger-word-swap": ("lines",),
    "scorecard": ("criteria", "scale"),
    "role-play-cards": ("scenarios",),
    "kpi-baseline": ("months", "measures", "prompts"),
    "reinforcement-plan": ("prompts",),
}
STRETCH_LIMIT = 90          # the longest teaching stretch without a break the course allows
BLOCK_MINUTES = (1, 240)
BREAK_MINUTES = (5, 60)
MEAL_MINUTES = (20, 120)


def load_workshop(folder: Path) -> tuple[Workshop | None, list[Issue]]:
    """Load ``folder`` (the project's ``workshop/``); None when the course has no workshop."""
    if not folder.is_dir():
        return None, []
    issues = IssueList()
    reader = Reader(issues, KIND)
    workshop = Workshop(folder=folder)
    for name in (MODULES_FILE, FORMATS_FILE):
        if not (folder / name).is_file():
            issues.error(Pos(folder / name, 0), "workshop-missing-file",
                         f"workshop/{name} is missing", "the workshop needs modules.yml (blocks "
                         "per module) and formats.yml (sessions); see CONTRIBUTING.md")
    for other in sorted(folder.glob("*.yaml")):
        issues.error(Pos(other, 0), "workshop-other-extension",
                     f"'{other.name}' is not read: workshop files end in .yml",
                     f"rename it to {other.stem}.yml")
    loader = _Loader(reader, workshop)
    data = _root(folder / MODULES_FILE, "modules", issues, workshop)
    if data is not None:
        loader.modules(data)
    data = _root(folder / FORMATS_FILE, "formats", issues, workshop)
    if data is not None:
        loader.formats(data)
    data = _root(folder / HANDOUTS_FILE, "handouts", issues, workshop)
    if data is not None:
        loader.handouts(data)
    return workshop, issues.items


def _root(path: Path, key: str, issues: IssueList, workshop: Workshop) -> YMap | None:
    if not path.is_file():
        return None
    workshop.files.append(path)
    data, found = load_yaml(path)
    issues.extend(found)
    if data is None and any(i.is_error for i in found):
        return None
    if not isinstance(data, YMap):
        shape = "empty" if data is None else type_name(data)
        issues.error(Pos(path, 1), "workshop-type",
                     f"workshop/{path.name} should be a mapping with '{key}:', but it is {shape}",
                     f"start the file with '{key}:' and list the entries under it")
        return None
    return data


class _Loader:
    def __init__(self, reader: Reader, workshop: Workshop) -> None:
        self.r = reader
        self.w = workshop

    def error(self, pos: Pos, code: str, message: str, hint: str = "") -> None:
        self.r.issues.error(pos, code, message, hint)

    # -- modules.yml -------------------------------------------------------------------------
    def modules(self, data: YMap) -> None:
        r = self.r
        r.unknown_keys(data, ("modules",), f"workshop/{MODULES_FILE}")
        seen_modules: dict[str, Pos] = {}
        seen_blocks: dict[str, Pos] = {}
        entries = r.seq(data, "modules", "the modules and their workshop blocks")
        for index, raw in enumerate(entries):
            entry = r.mapping(raw, entries.pos_at(index), f"module entry {index + 1}")
            r.unknown_keys(entry, MODULE_FIELDS, "a workshop module")
            module_id = r.ident(entry, "id", "the module's id, as in course.yml")
            if module_id in seen_modules:
                self._duplicate(entry.pos_of("id"), "module", module_id, seen_modules)
                continue
            seen_modules[module_id] = entry.pos_of("id")
            blocks: list[Block] = []
            raw_blocks = r.seq(entry, "blocks", "the module's activities, in order")
            if "blocks" in entry and isinstance(entry.get("blocks"), YSeq) and not raw_blocks:
                self.error(entry.pos_of("blocks"), "workshop-no-blocks",
                           f"module '{module_id}' has no blocks", "add at least one block")
            # block ids are unique across the workshop: one 'seen' for every module
            blocks.extend(self._each_unique(raw_blocks, partial(self.block, module_id=module_id),
                                            "block", seen_blocks))
            self.w.modules.append(ModulePlan(
                module_id, tuple(blocks), r.text(entry, "room", "room set-up", required=False),
                tuple(r.texts(entry, "prepare", "preparation steps", required=False)),
                entry.pos))

    def block(self, raw: Any, pos: Pos, module_id: str) -> Block:
        r = self.r
        data = r.mapping(raw, pos, "a block")
        r.unknown_keys(data, BLOCK_FIELDS, "a block")
        block_id = r.ident(data, "id", "the block's id, unique in the workshop")
        kind = r.choice(data, "kind", "what kind of activity this is", KINDS)
        minutes = r.integer(data, "minutes", "how long the block takes", *BLOCK_MINUTES)
        title = r.text(data, "title", "the block's title") or Text("", "", data.pos)
        quiz = r.ident(data, "quiz", "the knowledge check's id", required=False)
        scenario = r.ident(data, "scenario", "the scenario's id", required=False)
        if kind == "knowledge-check" and "quiz" not in data:
            self.error(data.pos_of("kind"), "workshop-missing-quiz",
                       f"block '{block_id}' is a knowledge check but names no quiz",
                       "add 'quiz: <id>' with the id of a file in quizzes/")
        if quiz and kind != "knowledge-check":
            self.error(data.pos_of("quiz"), "workshop-field-not-used",
                       f"block '{block_id}' names a quiz, but only knowledge-check blocks run "
                       "one", "set 'kind: knowledge-check' or remove 'quiz:'")
        if scenario and kind == "break":
            self.error(data.pos_of("scenario"), "workshop-field-not-used",
                       f"block '{block_id}' is a break and cannot run a scenario",
                       "remove 'scenario:' or change the kind")
        teaching = kind != "break"
        return Block(
            id=block_id, module=module_id, kind=kind, minutes=minutes, title=title,
            objectives=tuple(self._ids(data, "objectives", "objective ids this block practises")),
            quiz=quiz, scenario=scenario,
            handouts=tuple(self._ids(data, "handouts", "handout ids used in this block")),
            materials=tuple(r.texts(data, "materials", "materials", required=False)),
            prepare=tuple(r.texts(data, "prepare", "preparation steps", required=False)),
            steps=tuple(r.texts(data, "steps", "the step-by-step script", required=teaching)),
            talking_points=tuple(r.texts(data, "talking_points", "talking points",
                                         required=False)),
            prompts=tuple(r.texts(data, "prompts", "discussion prompts", required=False)),
            setup=r.text(data, "setup", "the role-play set-up", required=False),
            debrief=tuple(r.texts(data, "debrief", "debrief questions", required=False)),
            pitfalls=tuple(r.texts(data, "pitfalls", "common pitfalls", required=False)),
            pos=data.pos)

    # -- formats.yml -------------------------------------------------------------------------
    def formats(self, data: YMap) -> None:
        r = self.r
        r.unknown_keys(data, ("formats", "follow_up"), f"workshop/{FORMATS_FILE}")
        entries = r.seq(data, "formats", "the workshop formats (8, 12, 16 hours...)")
        self.w.formats.extend(self._each_unique(entries, self.format, "format"))
        marked = [f for f in self.w.formats if f.guide]
        for extra in marked[1:]:
            self.error(extra.pos, "workshop-guide-format",
                       f"formats '{marked[0].id}' and '{extra.id}' are both marked 'guide: true'",
                       "mark only the format the full facilitator guide follows")
        seen_follow: dict[str, Pos] = {}
        follow = r.seq(data, "follow_up", "the recurring sessions after the foundation",
                       required=False)
        for index, raw in enumerate(follow):
            item = self.follow_up(raw, follow.pos_at(index))
            if item.id in seen_follow:
                self._duplicate(item.pos, "follow-up session", item.id, seen_follow)
                continue
            seen_follow[item.id] = item.pos
            self.w.follow_up.append(item)

    def format(self, raw: Any, pos: Pos) -> Format:
        r = self.r
        data = r.mapping(raw, pos, "a format")
        r.unknown_keys(data, FORMAT_FIELDS, "a format")
        fmt_id = r.ident(data, "id", "the format's id, such as 8h")
        title = r.text(data, "title", "the format's title") or Text("", "", data.pos)
        summary = r.text(data, "summary", "a one-line summary", required=False)
        hours = r.integer(data, "hours", "the teaching hours this format promises", 1, 40)
        max_session = r.integer(data, "max_session_minutes",
                                "the longest session this format allows, breaks included",
                                30, 720)
        stretch = r.integer(data, "max_stretch_minutes",
                            "the longest teaching stretch without a break", 15, STRETCH_LIMIT,
                            required=False, default=STRETCH_LIMIT)
        guide = r.boolean(data, "guide", "whether the full facilitator guide follows this format")
        sessions: list[Session] = []
        raw_sessions = r.seq(data, "sessions", "the sessions, in order")
        if "sessions" in data and isinstance(data.get("sessions"), YSeq) and not raw_sessions:
            self.error(data.pos_of("sessions"), "workshop-empty-session",
                       f"format '{fmt_id}' has no sessions", "add at least one session")
        for index, s_raw in enumerate(raw_sessions):
            sessions.append(self.session(s_raw, raw_sessions.pos_at(index), index + 1))
        return Format(fmt_id, title, summary, hours, max_session, stretch, tuple(sessions),
                      guide, data.pos)

    def session(self, raw: Any, pos: Pos, number: int) -> Session:
        r = self.r
        data = r.mapping(raw, pos, f"session {number}")
        r.unknown_keys(data, SESSION_FIELDS, "a session")
        day = r.integer(data, "day", "the day of the workshop this session is on", 1, 60,
                        default=1)
        start = self._start(data)
        title = r.text(data, "title", "the session's title", required=False)
        max_minutes = r.integer(data, "max_minutes", "this session's own length limit", 30, 720,
                                required=False)
        items: list[Item] = []
        raw_items = r.seq(data, "items", "the blocks, breaks and meals, in order")
        if "items" in data and isinstance(data.get("items"), YSeq) and not raw_items:
            self.error(data.pos_of("items"), "workshop-empty-session",
                       f"session {number} has no items", "add blocks with 'module:' or 'block:'")
        for index, i_raw in enumerate(raw_items):
            items += self.item(i_raw, raw_items.pos_at(index))
        return Session(number, day, start, tuple(items), title, max_minutes, data.pos)

    def _start(self, data: YMap) -> int:
        value = data.get("start")
        pos = data.pos_of("start")
        if value is None:
            self.r.missing(data, "start", "the start time, such as \"09:00\"")
            return 9 * 60
        minutes = parse_clock(value) if isinstance(value, str) else None
        if minutes is None:
            shown = f"'{value}'" if isinstance(value, str) else type_name(value)
            hint = "write a 24-hour time in quotes, such as start: \"09:00\" or \"13:30\""
            if isinstance(value, int) and not isinstance(value, bool):
                shown = "a number (YAML reads an unquoted 9:00 as minutes)"
            self.error(pos, "workshop-bad-time", f"the start time is {shown}, not a time of day",
                       hint)
            return 9 * 60
        return minutes

    def item(self, raw: Any, pos: Pos) -> list[Item]:
        r = self.r
        data = r.mapping(raw, pos, "a session item")
        keys = [k for k in ITEM_KEYS if k in data]
        if len(keys) != 1:
            found = ", ".join(f"'{k}'" for k in keys) or "none of them"
            self.error(data.pos, "workshop-bad-item",
                       f"a session item needs exactly one of 'module', 'block', 'break' or "
                       f"'meal', and this one has {found}",
                       "write '- module: <id>', '- block: <id>', '- break: 15' or '- meal: 45'")
            return []
        key = keys[0]
        r.unknown_keys(data, ("module", "blocks") if key == "module" else (key,), "a session item")
        if key in ("break", "meal"):
            lo, hi = BREAK_MINUTES if key == "break" else MEAL_MINUTES
            minutes = r.integer(data, key, f"the {key}'s minutes", lo, hi)
            return [Item(key, minutes, "", data.pos_of(key))]
        blocks = self.w.blocks
        if key == "block":
            block_id = r.ident(data, "block", "a block id from modules.yml")
            block = blocks.get(block_id)
            if block is None:
                self._unknown_block(data.pos_of("block"), block_id, list(blocks))
                return []
            return [Item("block", block.minutes, block.id, data.pos_of("block"))]
        module_id = r.ident(data, "module", "a module id from modules.yml")
        plan = self.w.plan(module_id)
        if plan is None:
            close = difflib.get_close_matches(module_id, [m.id for m in self.w.modules], 1)
            self.error(data.pos_of("module"), "workshop-unknown-module",
                       f"module '{module_id}' has no blocks in workshop/{MODULES_FILE}",
                       f"did you mean '{close[0]}'?" if close else
                       f"add it to workshop/{MODULES_FILE} first")
            return []
        if "blocks" not in data:
            return [Item("block", b.minutes, b.id, data.pos_of("module")) for b in plan.blocks]
        chosen = r.seq(data, "blocks", "the module's blocks to run, in order")
        own = {b.id: b for b in plan.blocks}
        items: list[Item] = []
        for index, block_id in enumerate(chosen):
            where = chosen.pos_at(index)
            block = own.get(block_id) if isinstance(block_id, str) else None
            if block is None:
                self._unknown_block(where, str(block_id), list(own), module_id)
                continue
            items.append(Item("block", block.minutes, block.id, where))
        return items

    def follow_up(self, raw: Any, pos: Pos) -> FollowUp:
        r = self.r
        data = r.mapping(raw, pos, "a follow-up session")
        r.unknown_keys(data, FOLLOW_UP_FIELDS, "a follow-up session")
        fid = r.ident(data, "id", "the follow-up session's id")
        every = r.choice(data, "every", "how often it happens", EVERY)
        minutes = r.integer(data, "minutes", "how long it lasts", 15, 480)
        title = r.text(data, "title", "its title") or Text("", "", data.pos)
        summary = r.text(data, "summary", "a one-line summary", required=False)
        items: list[FollowUpItem] = []
        raw_items = r.seq(data, "items", "its agenda, in order")
        for index, i_raw in enumerate(raw_items):
            item = r.mapping(i_raw, raw_items.pos_at(index), "an agenda item")
            r.unknown_keys(item, FOLLOW_UP_ITEM_FIELDS, "a follow-up agenda item")
            items.append(FollowUpItem(
                r.integer(item, "minutes", "how long it takes", *BLOCK_MINUTES),
                r.choice(item, "kind", "what kind of activity", KINDS),
                r.text(item, "title", "its title") or Text("", "", item.pos),
                r.text(item, "notes", "notes for the person running it", required=False),
                item.pos))
        total = sum(i.minutes for i in items)
        if items and total != minutes:
            self.error(data.pos_of("minutes"), "workshop-follow-up-minutes",
                       f"'{fid}' lasts {minutes} minutes, but its agenda adds up to {total}",
                       "make the items' minutes add up to 'minutes'")
        return FollowUp(fid, every, minutes, title, summary, tuple(items), data.pos)

    # -- handouts.yml ------------------------------------------------------------------------
    def handouts(self, data: YMap) -> None:
        r = self.r
        r.unknown_keys(data, ("handouts",), f"workshop/{HANDOUTS_FILE}")
        kinds: dict[str, Pos] = {}
        entries = r.seq(data, "handouts", "the printed handouts")
        for handout in self._each_unique(entries, self.handout, "handout"):
            if handout.kind in kinds:
                self.error(handout.pos, "workshop-duplicate-id",
                           f"a second '{handout.kind}' handout (the first is on line "
                           f"{kinds[handout.kind].line})", "keep one handout of each kind")
                continue
            kinds[handout.kind] = handout.pos
            self.w.handouts.append(handout)

    def handout(self, raw: Any, pos: Pos) -> Handout:
        r = self.r
        data = r.mapping(raw, pos, "a handout")
        hid = r.ident(data, "id", "the handout's id")
        kind = r.choice(data, "kind", "which handout this is", HANDOUT_KINDS)
        r.unknown_keys(data, HANDOUT_COMMON + HANDOUT_FIELDS.get(kind, ()),
                       f"a {kind or 'handout'} handout")
        title = r.text(data, "title", "the handout's title") or Text("", "", data.pos)
        criteria: list[Criterion] = []
        raw_criteria = r.seq(data, "criteria", "the scorecard's behaviours",
                             required=kind == "scorecard")
        for index, c_raw in enumerate(raw_criteria):
            c = r.mapping(c_raw, raw_criteria.pos_at(index), "a scorecard behaviour")
            r.unknown_keys(c, ("id", "behaviour", "listen_for"), "a scorecard behaviour")
            criteria.append(Criterion(
                r.ident(c, "id", "the behaviour's id"),
                r.text(c, "behaviour", "the behaviour") or Text("", "", c.pos),
                r.text(c, "listen_for", "what to listen for") or Text("", "", c.pos), c.pos))
        scale: list[ScaleStep] = []
        raw_scale = r.seq(data, "scale", "the rating scale", required=kind == "scorecard")
        for index, s_raw in enumerate(raw_scale):
            s = r.mapping(s_raw, raw_scale.pos_at(index), "a step of the scale")
            r.unknown_keys(s, ("score", "label", "meaning"), "a step of the scale")
            scale.append(ScaleStep(r.integer(s, "score", "the score", 0, 10),
                                   r.text(s, "label", "its name") or Text("", "", s.pos),
                                   r.text(s, "meaning", "what it means") or Text("", "", s.pos)))
        measures: list[Measure] = []
        raw_measures = r.seq(data, "measures", "the measures", required=kind == "kpi-baseline")
        for index, m_raw in enumerate(raw_measures):
            m = r.mapping(m_raw, raw_measures.pos_at(index), "a measure")
            r.unknown_keys(m, ("id", "name", "formula", "note"), "a measure")
            measures.append(Measure(
                r.ident(m, "id", "the measure's id"),
                r.text(m, "name", "its name") or Text("", "", m.pos),
                r.text(m, "formula", "how it is calculated") or Text("", "", m.pos),
                r.text(m, "note", "what to watch for") or Text("", "", m.pos), m.pos))
        return Handout(
            id=hid, kind=kind, title=title,
            intro=r.text(data, "intro", "the instructions at the top", required=False),
            lines=tuple(r.texts(data, "lines", "the lines to rewrite",
                                required=kind == "trigger-word-swap")),
            criteria=tuple(criteria), scale=tuple(scale),
            tips=tuple(r.texts(data, "tips", "short notes", required=False)),
            scenarios=tuple(self._ids(data, "scenarios", "scenario ids")),
            measures=tuple(measures),
            months=r.integer(data, "months", "months of baseline", 3, 24, required=False,
                             default=3),
            prompts=tuple(r.texts(data, "prompts", "questions to fill in", required=False)),
            pos=data.pos)

    # -- helpers -----------------------------------------------------------------------------
    def _ids(self, data: YMap, key: str, what: str) -> list[str]:
        values = self.r.seq(data, key, what, required=False)
        out: list[str] = []
        for index, value in enumerate(values):
            if not isinstance(value, str) or not ID_RE.match(value):
                self.error(values.pos_at(index), "workshop-bad-id",
                           f"item {index + 1} of '{key}' must be an id of lowercase letters, "
                           f"digits and hyphens, but it is {type_name(value)}",
                           "for example: swap-trigger-words")
                continue
            out.append(value)
        return out

    def _each_unique(self, entries: YSeq, read: Callable[[Any, Pos], _Entry], what: str,
                     seen: dict[str, Pos] | None = None) -> Iterator[_Entry]:
        """Each entry as ``read`` makes it, if its id was not used before (in ``seen``): a
        repeated id is reported and the entry left out, and so is an entry without an id
        (``read`` reported why)."""
        seen = {} if seen is None else seen
        for index, raw in enumerate(entries):
            item = read(raw, entries.pos_at(index))
            if not item.id:
                continue
            if item.id in seen:
                self._duplicate(item.pos, what, item.id, seen)
                continue
            seen[item.id] = item.pos
            yield item

    def _duplicate(self, pos: Pos, what: str, ident: str, seen: dict[str, Pos]) -> None:
        self.error(pos, "workshop-duplicate-id",
                   f"the {what} id '{ident}' is used twice (first on line {seen[ident].line})",
                   f"give each {what} its own id")

    def _unknown_block(self, pos: Pos, block_id: str, known: list[str],
                       module_id: str = "") -> None:
        close = difflib.get_close_matches(block_id, known, 1)
        where = f"module '{module_id}'" if module_id else f"workshop/{MODULES_FILE}"
        self.error(pos, "workshop-unknown-block", f"block '{block_id}' is not in {where}",
                   f"did you mean '{close[0]}'?" if close else
                   f"use a block id from workshop/{MODULES_FILE}")


def load_into(course: Course, issues: IssueList) -> int:
    """Load the project's ``workshop/`` onto ``course.workshop``; return the files read."""
    course.workshop, found = load_workshop(course.root / "workshop")
    issues.extend(found)
    return len(course.workshop.files) if course.workshop else 0
