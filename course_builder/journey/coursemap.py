"""The course map the browser needs to judge progress: modules in order, which knowledge
checks (with their question ids and pass marks) and scenarios each one holds, and which
modules count for the certificate.

It is written into the core bundle ahead of the scripts (``CB.map = {...}``), so the
navigation marks and "continue where you left off" work on every page without a request.
Question ids are listed so the browser ignores answers to removed questions and counts new
ones as unanswered: progress survives content updates.
"""

from __future__ import annotations

import json
from typing import Any

from course_builder.model.course import Course, ModuleRef, Page

# Words the core script writes into every page (the screen-reader mark on finished modules
# and the home page's "continue" link), emitted here so the script has no language tables.
CORE_WORDS: dict[str, dict[str, str]] = {
    "en": {"done": "finished", "cont": "Continue where you left off:"},
    "es": {"done": "terminado", "cont": "Continúa donde te quedaste:"},
}


def embedded(course: Course, module_id: str, kind: str) -> list[str]:
    """Widget ids of ``kind`` the module page embeds, English page first, then any the
    Spanish page adds; ids with no loaded source are left out (the checks report them)."""
    table = course.quizzes if kind == "quiz" else course.scenarios
    found: list[str] = []
    for lang in ("en", "es"):
        page: Page | None = course.page(lang, f"modules/{module_id}.md")
        for d in page.directives if page else []:
            if d.name == kind and d.arg in table and d.arg not in found:
                found.append(d.arg)
    return found


def required(course: Course) -> list[ModuleRef]:
    """The modules the certificate requires: the core ones, or every module when the
    outline marks none core (a course without ``core: true`` still has an end)."""
    return [ref for ref in course.modules if ref.core] or list(course.modules)


def course_map(course: Course) -> dict[str, Any]:
    """The map as plain data: ``m`` lists modules in outline order, each with ``i`` (id),
    ``c`` (1 when required for the certificate, see ``required``), ``q`` ({quiz id:
    [pass mark, [question ids]]}) and ``s`` (scenario ids); ``w`` holds the core script's
    words per language."""
    core = {ref.id for ref in required(course)}
    modules = []
    for ref in course.modules:
        quizzes = {qid: [course.quizzes[qid].pass_mark,
                         [q.id for q in course.quizzes[qid].questions]]
                   for qid in embedded(course, ref.id, "quiz")}
        modules.append({"i": ref.id, "c": 1 if ref.id in core else 0, "q": quizzes,
                        "s": embedded(course, ref.id, "scenario")})
    return {"m": modules, "w": CORE_WORDS}


def map_js(course: Course) -> str:
    """``CB.map = {...}`` as one line of JavaScript, safe inside any page."""
    text = json.dumps(course_map(course), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.CB=window.CB||{{}};CB.map={text};\n"
