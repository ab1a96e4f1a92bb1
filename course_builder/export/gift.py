"""The quiz bank as Moodle GIFT, one file per language.

GIFT is a line format: ``::name::[html]question {answers}``. Question, answers and feedback
are written as HTML rendered from the same light Markdown as the site, so emphasis and links
survive. GIFT's special characters ``~ = # { } :`` and the backslash are escaped with a
backslash; a newline is written ``\\n``. Two things GIFT cannot escape are written as HTML
entities instead: ``%`` (a leading ``%50%`` would be read as a weight) and ``->`` (the
matching separator). The right-hand side of a matching pair is plain text (Moodle shows it in
a drop-down list).

Ordering questions have no GIFT type: they become matching questions (each step to its
position, 1 = first), which Moodle grades the same way.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from course_builder.export import load_quiz_bank
from course_builder.model.course import Course
from course_builder.model.quiz import Question, Quiz
from course_builder.model.text import Text
from course_builder.render.inline import inline_md
from course_builder.render.quiz import WORDS

SPECIAL = "~=#{}:"
# Moodle accepts only these answer weights (percent); 100/n and -100/n for n = 1..10.
WEIGHTS = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571",
           8: "12.5", 9: "11.11111", 10: "10"}
ORDER_HINT = Text("Match each step to its place in the order (1 = first).",
                  "Relaciona cada paso con su lugar en el orden (1 = primero).")


def escape(text: str) -> str:
    """Escape GIFT's special characters (and the backslash itself) and newlines."""
    out = text.replace("\\", "\\\\")
    for char in SPECIAL:
        out = out.replace(char, "\\" + char)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def rich(text: str) -> str:
    """A Markdown string as escaped GIFT HTML."""
    rendered = inline_md(text).replace("%", "&#37;").replace("->", "-&gt;")
    return escape(rendered)


def plain(text: str) -> str:
    """A Markdown string as escaped GIFT plain text (for matching answers)."""
    words = html.unescape(re.sub(r"<[^>]+>", "", inline_md(text)))
    return escape(" ".join(words.split()).replace("->", "→"))


def quiz_bank(course: Course, lang: str) -> str:
    """Every quiz of the course as one GIFT document in ``lang``."""
    parts = [f"// {course.title[lang]}: knowledge checks ({lang}). Made by course-builder; "
             "import into Moodle as GIFT.", ""]
    for quiz in sorted(course.quizzes.values(), key=lambda q: q.id):
        parts += [f"$CATEGORY: $course$/{_category(course.title[lang])}/"
                  f"{_category(quiz.title[lang])}", ""]
        for question in quiz.questions:
            parts += [gift_question(quiz, question, lang), ""]
    return "\n".join(parts)


def _category(name: str) -> str:
    return " ".join(name.split()).replace("/", "//")


def gift_question(quiz: Quiz, q: Question, lang: str) -> str:
    name = f"::{escape(f'{quiz.id}/{q.id}')}::"
    prompt = rich(q.prompt[lang])
    if q.customer is not None:
        customer = escape(f"<p><em>{html.escape(WORDS['customer'][lang])}</em> ") + \
            rich(q.customer[lang]) + escape("</p><p>")
        prompt = customer + prompt + escape("</p>")
    if q.type == "ordering":
        prompt += escape("<br>") + rich(ORDER_HINT[lang])
    lines = [f"{name}[html]{prompt} {{"]
    lines += _answers(q, lang)
    if q.explanation is not None:
        lines.append(f"####{rich(q.explanation[lang])}")
    lines.append("}")
    return "\n".join(lines)


def _answers(q: Question, lang: str) -> list[str]:
    if q.type in ("single", "best-response"):
        return [f"{'=' if o.correct else '~'}{rich(o.text[lang])}{_feedback(o.feedback, lang)}"
                for o in q.options]
    if q.type == "multiple":
        right = sum(1 for o in q.options if o.correct)
        wrong = len(q.options) - right
        return [f"~%{WEIGHTS[right] if o.correct else '-' + WEIGHTS[max(wrong, 1)]}%"
                f"{rich(o.text[lang])}{_feedback(o.feedback, lang)}" for o in q.options]
    if q.type == "true-false":
        answer = bool(q.answer)
        fb = q.tf_feedback
        right = fb.for_value(answer) if fb else None
        wrong = fb.for_value(not answer) if fb else None
        # Moodle: {TRUE#feedback when answered wrongly#feedback when answered rightly}
        text = "TRUE" if answer else "FALSE"
        if right or wrong:
            text += f"#{rich(wrong[lang]) if wrong else ''}#{rich(right[lang]) if right else ''}"
        return [text]
    if q.type == "ordering":
        return [f"={rich(item.text[lang])} -> {index}"
                for index, item in enumerate(q.items, 1)]
    if q.type == "matching":
        return [f"={rich(p.left[lang])} -> {plain(p.right[lang])}" for p in q.pairs]
    raise ValueError(f"unknown question type {q.type!r}")  # the loader rejects these


def _feedback(text: Text | None, lang: str) -> str:
    return f"#{rich(text[lang])}" if text is not None else ""


def write_gift(root: Path, out_dir: Path, langs: tuple[str, ...]) -> list[Path]:
    """``quiz-bank-<lang>.gift`` per language in ``out_dir``."""
    course = load_quiz_bank(root)
    written = []
    for lang in langs:
        path = out_dir / f"quiz-bank-{lang}.gift"
        path.write_text(quiz_bank(course, lang), encoding="utf-8")
        written.append(path)
    return written
