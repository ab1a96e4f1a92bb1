"""Checks on Markdown pages: pairing across languages, headings, directives, safety, outline."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from course_builder import LANGS
from course_builder.checks.safety import unsafe_in_markdown
from course_builder.issues import Issue, Pos, Severity
from course_builder.model.course import Course, Page
from course_builder.project import SOURCE_DIRS

KNOWN_DIRECTIVES = ("quiz", "scenario", "practice", "facilitator")
OTHER = {"en": "es", "es": "en"}
NAMES = {"en": "English", "es": "Spanish"}


def check_pages(course: Course) -> Iterator[Issue]:
    yield from _check_outline(course)
    for lang in LANGS:
        for page in course.pages[lang].values():
            yield from _check_page(course, page)
    yield from _check_pairs(course)


def _check_outline(course: Course) -> Iterator[Issue]:
    if not course.outline:
        return  # course.yml failed to load: that error is reported already
    listed: set[str] = set()
    for entry in course.outline:
        for index, rel in enumerate(entry.pages):
            listed.add(rel)
            if rel not in course.pages["en"]:
                missing = course.root / SOURCE_DIRS["en"] / rel
                yield Issue.at(entry.pos_of(index), "outline-missing-page",
                               f"the outline lists '{rel}', but {missing.relative_to(course.root)} "
                               "does not exist", _suggest(rel, course.pages["en"]) or
                               f"create {missing.relative_to(course.root)} (course-builder new "
                               "module <id> creates both languages), or remove it from the outline")
    for rel, page in course.pages["en"].items():
        if rel not in listed:
            yield Issue.at(page.pos(1), "page-not-in-outline",
                           f"'{rel}' is not listed in course.yml, so learners cannot reach it",
                           "add it to a section's 'pages' (or its id to 'modules') in course.yml")


def _check_page(course: Course, page: Page) -> Iterator[Issue]:
    module = page.rel.startswith("modules/")
    if module and page.id and page.rel != f"modules/{page.id}.md":
        yield Issue.at(page.pos(2), "page-id-mismatch",
                       f"the module id '{page.id}' does not match its file name '{page.rel}'",
                       f"rename the file to modules/{page.id}.md or set id: "
                       f"{page.rel.removeprefix('modules/').removesuffix('.md')}")
    seen_ids: dict[str, int] = {}
    previous = 1
    for heading in page.headings:
        if heading.level == 1:
            yield Issue.at(page.pos(heading.line), "page-h1",
                           "this page has a '#' heading; the title comes from the front matter",
                           "remove the '# ...' line, or make it a '##' section")
            continue
        if heading.level > previous + 1:
            yield Issue(page.path, heading.line, "page-heading-skip",
                        f"this heading jumps from level {previous} to level {heading.level}",
                        f"use {'#' * (previous + 1)} here: screen-reader users navigate by levels",
                        Severity.WARNING)
        previous = heading.level
        if heading.level <= 3 and not heading.id:
            yield Issue.at(page.pos(heading.line), "page-heading-id",
                           f"the heading '{heading.text}' has no explicit id",
                           f"add an id that is the same in both languages: "
                           f"'{'#' * heading.level} {heading.text} {{#{_slug(heading.text)}}}'")
        if heading.id:
            if heading.id in seen_ids:
                yield Issue.at(page.pos(heading.line), "page-duplicate-id",
                               f"the heading id '{heading.id}' is already used on line "
                               f"{seen_ids[heading.id]}", "give each heading its own id")
            seen_ids[heading.id] = heading.line
    for directive in page.directives:
        yield from _check_directive(course, page, directive)
    for index, line in enumerate(page.body.split("\n")):
        for problem in unsafe_in_markdown(line):
            yield Issue.at(page.pos(page.body_line + index), "page-unsafe-html",
                           f"this line contains {problem}, which is not allowed in content",
                           "use Markdown; interactive parts come from quizzes/ and scenarios/")


def _check_directive(course: Course, page: Page, directive) -> Iterator[Issue]:  # type: ignore[no-untyped-def]
    pos = page.pos(directive.line)
    if directive.name not in KNOWN_DIRECTIVES:
        close = difflib.get_close_matches(directive.name, KNOWN_DIRECTIVES, 1)
        yield Issue.at(pos, "page-unknown-directive", f"unknown block '/// {directive.name}'",
                       f"did you mean '/// {close[0]}'?" if close else
                       f"known blocks: {', '.join(KNOWN_DIRECTIVES)}")
        return
    if not directive.end_line:
        yield Issue.at(pos, "page-unclosed-directive",
                       f"the block '/// {directive.name}' is never closed",
                       "end it with a line holding only '///'")
    if directive.name in ("quiz", "scenario"):
        known = course.quizzes if directive.name == "quiz" else course.scenarios
        folder = "quizzes" if directive.name == "quiz" else "scenarios"
        if not directive.arg:
            yield Issue.at(pos, f"page-{directive.name}-id",
                           f"'/// {directive.name}' needs the id of a {directive.name}",
                           f"write '/// {directive.name} | <id>' with a file {folder}/<id>.yml")
        elif directive.arg not in known:
            close = difflib.get_close_matches(directive.arg, list(known), 1)
            yield Issue.at(pos, f"page-unknown-{directive.name}",
                           f"this page embeds the {directive.name} '{directive.arg}', but there "
                           f"is no {folder}/{directive.arg}.yml",
                           f"did you mean '{close[0]}'?" if close else
                           f"create {folder}/{directive.arg}.yml or fix the id")
    if directive.name == "practice" and not directive.arg:
        yield Issue.at(pos, "page-practice-title", "a practice block needs a title",
                       "write '/// practice | Title of the activity'")


def _check_pairs(course: Course) -> Iterator[Issue]:
    for lang in LANGS:
        other = OTHER[lang]
        for rel, page in course.pages[lang].items():
            twin = course.pages[other].get(rel)
            if twin is None:
                expected = f"{SOURCE_DIRS[other]}/{rel}"
                yield Issue.at(page.pos(1), "page-missing-translation",
                               f"this {NAMES[lang]} page has no {NAMES[other]} counterpart "
                               f"({expected} does not exist)",
                               f"create {expected} with the same id and heading ids"
                               if lang == "en" else
                               f"remove it, or create docs/{rel} if the English page is missing")
                continue
            if lang == "es" and page.meta and twin.meta:  # a broken front matter says enough
                yield from _compare(page, twin)


def _compare(es: Page, en: Page) -> Iterator[Issue]:
    if es.id and en.id and es.id != en.id:
        yield Issue.at(es.pos(2), "page-id-mismatch",
                       f"the Spanish page's id '{es.id}' differs from the English '{en.id}'",
                       f"use id: {en.id} in both")
    en_obj = [o.id for o in en.objectives]
    es_obj = [o.id for o in es.objectives]
    if en_obj != es_obj:
        yield Issue.at(es.pos(es.objectives[0].pos.line if es.objectives else 2),
                       "page-objectives-mismatch",
                       f"the objective ids differ from the English page: Spanish "
                       f"{es_obj}, English {en_obj}",
                       "use the same objective ids, in the same order, in both languages")
    en_ids = [h.id for h in en.headings if h.id and h.level > 1]
    es_heads = [h for h in es.headings if h.id and h.level > 1]
    es_ids = [h.id for h in es_heads]
    if en_ids != es_ids:
        missing = [i for i in en_ids if i not in es_ids]
        extra = [h for h in es_heads if h.id not in en_ids]
        if extra:
            h = extra[0]
            hint = (f"use the English page's ids; missing here: {', '.join(missing)}" if missing
                    else "give the English heading this id too, or remove it here (the English "
                         "page has no heading with this id)")
            yield Issue.at(es.pos(h.line), "page-heading-mismatch",
                           f"the heading id '{h.id}' does not exist in the English page", hint)
        elif missing:
            yield Issue.at(es.pos(1), "page-heading-mismatch",
                           f"the English page has heading ids missing here: {', '.join(missing)}",
                           "add the same sections with the same {#ids}")
        else:
            first = next(i for i, (a, b) in enumerate(zip(en_ids, es_ids, strict=True)) if a != b)
            yield Issue.at(es.pos(es_heads[first].line), "page-heading-mismatch",
                           f"the headings are in another order than in English: here "
                           f"'{es_ids[first]}', in English '{en_ids[first]}'",
                           "keep the sections in the same order in both languages")
    en_widgets = [(d.name, d.arg) for d in en.directives if d.name in ("quiz", "scenario")]
    es_widgets = [(d.name, d.arg) for d in es.directives if d.name in ("quiz", "scenario")]
    if sorted(en_widgets) != sorted(es_widgets):
        diff = sorted(set(en_widgets) ^ set(es_widgets))
        yield Issue.at(es.pos(1), "page-widgets-mismatch",
                       "the two languages embed different checks or scenarios: "
                       + ", ".join(f"{n} '{a}'" for n, a in diff),
                       "embed the same /// quiz and /// scenario ids in both languages")


def _suggest(rel: str, pages: dict[str, Page]) -> str:
    close = difflib.get_close_matches(rel, list(pages), 1)
    return f"did you mean '{close[0]}'?" if close else ""


def _slug(text: str) -> str:
    import re
    import unicodedata
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "section"


__all__ = ["Pos", "check_pages"]
