"""Numbers per module: words for learners, objectives, checks, activities. Used by
``course-builder stats`` and by the module-shape checks."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from course_builder.model.course import Course, Page

WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class ModuleStats:
    id: str
    core: bool
    words_en: int
    words_es: int
    objectives: int
    quizzes: int
    questions: int
    scenarios: int
    practice: int
    facilitator_notes: int
    minutes: int


def learner_words(page: Page | None) -> int:
    """Words a learner reads: the body without facilitator notes, code, HTML or link targets."""
    if page is None:
        return 0
    lines = page.body.split("\n")
    skip: set[int] = set()
    for d in page.directives:
        if d.name == "facilitator":
            start = d.line - page.body_line
            end = (d.end_line - page.body_line) if d.end_line else len(lines) - 1
            skip.update(range(start, end + 1))
    text = "\n".join(line for i, line in enumerate(lines)
                     if i not in skip and not line.startswith("///"))
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    text = re.sub(r"\]\([^)]*\)", "]", text)       # link targets
    text = re.sub(r"\{[^}]*\}", " ", text)          # attribute lists
    text = re.sub(r"<[^>]+>", " ", text)            # raw HTML tags
    text = re.sub(r"^(!!!|\?\?\?\+?)\s+\w+", " ", text, flags=re.MULTILINE)
    return len(WORD_RE.findall(text))


def module_stats(course: Course, module_id: str) -> ModuleStats:
    ref = course.module(module_id)
    en = course.page("en", f"modules/{module_id}.md")
    es = course.page("es", f"modules/{module_id}.md")
    directives = en.directives if en else []
    quiz_ids = [d.arg for d in directives if d.name == "quiz"]
    return ModuleStats(
        id=module_id,
        core=bool(ref and ref.core),
        words_en=learner_words(en),
        words_es=learner_words(es),
        objectives=len(en.objectives) if en else 0,
        quizzes=len(quiz_ids),
        questions=sum(len(course.quizzes[q].questions) for q in quiz_ids if q in course.quizzes),
        scenarios=sum(1 for d in directives if d.name == "scenario"),
        practice=sum(1 for d in directives if d.name == "practice"),
        facilitator_notes=sum(1 for d in directives if d.name == "facilitator"),
        minutes=en.minutes if en else 0,
    )


def course_stats(course: Course) -> list[ModuleStats]:
    return [module_stats(course, ref.id) for ref in course.modules]


COLUMNS = (("id", "module"), ("core", "core"), ("words_en", "words en"),
           ("words_es", "words es"), ("objectives", "objectives"), ("quizzes", "checks"),
           ("questions", "questions"), ("scenarios", "scenarios"), ("practice", "activities"),
           ("facilitator_notes", "facilitator notes"), ("minutes", "minutes"))


def stats_table(rows: list[ModuleStats]) -> str:
    header = [title for _, title in COLUMNS]
    body = [[("yes" if v else "") if k == "core" else str(v)
             for k, v in ((k, asdict(r)[k]) for k, _ in COLUMNS)] for r in rows]
    totals = ["total", "", *[str(sum(asdict(r)[k] for r in rows)) for k, _ in COLUMNS[2:]]]
    widths = [max(len(row[i]) for row in [header, *body, totals]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True)))

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *map(line, body), rule, line(totals)])
