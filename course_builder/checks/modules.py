"""Checks across a module's page and its widgets: the shape every module page must have,
quizzes and scenarios tied to real modules and objectives, and objective coverage."""

from __future__ import annotations

from collections.abc import Iterator

from course_builder.issues import Issue, Pos, Severity
from course_builder.load.quizzes import check_quiz_refs
from course_builder.model.course import Course, Page
from course_builder.stats import module_stats

CORE_MIN_WORDS = 1200
MIN_PRACTICE = 2


def check_modules(course: Course) -> Iterator[Issue]:
    yield from _check_shapes(course)
    yield from _check_widget_links(course)
    objectives = {ref.id: [o.id for o in page.objectives] for ref in course.modules
                  if (page := course.page("en", ref.rel)) is not None}
    yield from check_quiz_refs(course.quizzes, objectives)
    yield from _check_quiz_coverage(course)


def _check_shapes(course: Course) -> Iterator[Issue]:
    for ref in course.modules:
        page = course.page("en", ref.rel)
        if page is None:
            continue  # reported by the outline check
        stats = module_stats(course, ref.id)
        where = page.pos(1)
        if stats.practice < MIN_PRACTICE:
            yield _warn(where, "module-practice", f"this module has {stats.practice} practice "
                        f"activit{'y' if stats.practice == 1 else 'ies'}; it needs at least "
                        f"{MIN_PRACTICE}", "add '/// practice | Title' blocks (CONTRIBUTING.md)")
        if not stats.quizzes:
            yield _warn(where, "module-no-quiz", "this module embeds no knowledge check",
                        "add '/// quiz | <id>' with a file quizzes/<id>.yml")
        if "key-takeaways" not in page.anchors:
            yield _warn(where, "module-no-takeaways", "this module has no key takeaways",
                        "add '## Key takeaways {#key-takeaways}' with three to six points")
        if not stats.facilitator_notes:
            yield _warn(where, "module-no-facilitator-notes",
                        "this module has no notes for facilitators",
                        "add a '/// facilitator' block: they go into the facilitator guide")
        if ref.core and stats.words_en < CORE_MIN_WORDS:
            yield _warn(where, "module-too-short", f"this core module has {stats.words_en} "
                        f"words for learners; core modules need at least {CORE_MIN_WORDS}",
                        "develop the core ideas with more worked examples")


def _check_widget_links(course: Course) -> Iterator[Issue]:
    embedded = {(d.name, d.arg) for pages in course.pages.values() for p in pages.values()
                for d in p.directives}
    for kind, table in (("quiz", course.quizzes), ("scenario", course.scenarios)):
        for item_id, item in table.items():
            if (kind, item_id) not in embedded:
                yield _warn(item.pos, f"{kind}-not-embedded",
                            f"no page embeds the {kind} '{item_id}', so learners never see it",
                            f"add '/// {kind} | {item_id}' to a module page, or delete the file")
            module = getattr(item, "module", "")
            if kind == "scenario" and module and course.module(module) is None:
                yield Issue.at(item.pos, f"{kind}-unknown-module",
                               f"'module: {module}' is not a module in course.yml",
                               "use the id of a module listed in course.yml")


def _check_quiz_coverage(course: Course) -> Iterator[Issue]:
    """Every objective of a module is assessed by at least one question of its quizzes."""
    covered: dict[str, set[str]] = {}
    for quiz in course.quizzes.values():
        for question in quiz.questions:
            covered.setdefault(quiz.module, set()).update(question.objectives)
    for ref in course.modules:
        page = course.page("en", ref.rel)
        if page is None:
            continue
        for objective in page.objectives:
            if objective.id not in covered.get(ref.id, set()):
                yield Issue.at(objective.pos, "objective-not-assessed",
                               f"the objective '{objective.id}' is not assessed by any "
                               "knowledge-check question",
                               f"tag a question of quizzes/{ref.id}.yml with "
                               f"'objectives: [{objective.id}]'")


def _warn(pos: Pos, code: str, message: str, hint: str) -> Issue:
    return Issue.at(pos, code, message, hint, Severity.WARNING)


__all__ = ["Page", "check_modules"]
