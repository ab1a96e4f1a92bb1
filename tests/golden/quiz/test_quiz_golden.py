"""YAML in, HTML out: the quiz widget and answer key for a fixture using every question type.

Regenerate with ``pytest tests/golden --update-golden`` and review the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from course_builder.load.quizzes import load_quiz
from course_builder.model.quiz import QUESTION_TYPES
from course_builder.render.quiz import render_answer_key, render_quiz

HERE = Path(__file__).parent
FIXTURE = HERE.parent.parent / "fixtures" / "quiz" / "sample-check.yml"


def test_fixture_is_clean_and_uses_every_type() -> None:
    quiz, issues = load_quiz(FIXTURE)
    assert issues == []
    assert quiz is not None
    assert sorted({q.type for q in quiz.questions}) == sorted(QUESTION_TYPES)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(("name", "render"), [("widget", render_quiz),
                                              ("key", render_answer_key)])
def test_golden(golden: Callable[[Path, str], None], name: str,
                render: Callable[..., str], lang: str) -> None:
    quiz, _ = load_quiz(FIXTURE)
    assert quiz is not None
    golden(HERE / f"sample-check.{name}.{lang}.html", render(quiz, lang))
