"""YAML in, HTML out: the three practice tools in both languages, from the fixtures in
tests/fixtures/practice/ (a small trigger list, two swap prompts, two quizzes with every
question type between them).

Regenerate with ``pytest tests/golden --update-golden`` and review the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from course_builder.load.quizzes import load_quiz
from course_builder.model.course import Course
from course_builder.model.quiz import QUESTION_TYPES
from course_builder.model.text import Text
from course_builder.practice.prompts import load_prompts
from course_builder.practice.render import render_kpi, render_refresher, render_swap
from course_builder.practice.triggers import load_triggers

HERE = Path(__file__).parent
FIXTURES = HERE.parent.parent / "fixtures" / "practice"


def practice_course() -> Course:
    """A Course holding just what the practice tools read."""
    triggers, _ = load_triggers(FIXTURES / "trigger_words.yml")
    prompts, _ = load_prompts(FIXTURES / "swap_prompts.yml", triggers)
    quizzes = {}
    for name in ("practice-a.yml", "practice-b.yml"):
        quiz, issues = load_quiz(FIXTURES / name)
        assert quiz is not None and issues == []
        quizzes[quiz.id] = quiz
    return Course(root=FIXTURES, title=Text("", ""), description=Text("", ""), outline=[],
                  modules=[], pages={"en": {}, "es": {}}, quizzes=quizzes,
                  triggers=triggers, swap_prompts=prompts)


def test_fixtures_cover_every_question_type() -> None:
    course = practice_course()
    types = {q.type for quiz in course.quizzes.values() for q in quiz.questions}
    assert sorted(types) == sorted(QUESTION_TYPES)


RENDERERS: dict[str, Callable[[Course, str], str]] = {
    "swap": lambda c, lang: render_swap(c.swap_prompts, c.triggers, lang),  # type: ignore[arg-type]
    "refresher": render_refresher,
    "kpi": lambda c, lang: render_kpi(lang),
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_golden(golden: Callable[[Path, str], None], name: str, lang: str) -> None:
    golden(HERE / f"{name}.{lang}.html", RENDERERS[name](practice_course(), lang))
