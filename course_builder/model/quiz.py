"""A knowledge check: questions of six kinds, every string in English and Spanish.

Plain frozen data, built by ``load.quizzes`` and read by ``render.quiz``, the guides and the
exports. The right answers live in the structure (``correct``, ``answer``, item order, pairs),
never in a language, so the two languages cannot disagree about what is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from course_builder.issues import Pos
from course_builder.model.text import Text

_NOWHERE = Pos(Path(""))

QUESTION_TYPES: tuple[str, ...] = (
    "single", "multiple", "true-false", "best-response", "ordering", "matching",
)
# What each type is called where a person reads it (the answer key, the guides).
TYPE_LABELS: dict[str, Text] = {
    "single": Text("Single choice", "Opción única"),
    "multiple": Text("Multiple choice", "Opción múltiple"),
    "true-false": Text("True or false", "Verdadero o falso"),
    "best-response": Text("Best response", "Mejor respuesta"),
    "ordering": Text("Ordering", "Ordenar"),
    "matching": Text("Matching", "Relacionar"),
}
# Types whose answer is a choice among ``options``.
OPTION_TYPES: tuple[str, ...] = ("single", "multiple", "best-response")


@dataclass(frozen=True)
class Option:
    """One choice of a single, multiple or best-response question."""

    id: str
    text: Text
    correct: bool = False
    feedback: Text | None = None
    pos: Pos = _NOWHERE


@dataclass(frozen=True)
class Item:
    """One step of an ordering question; a question lists its items in the right order."""

    id: str
    text: Text
    pos: Pos = _NOWHERE


@dataclass(frozen=True)
class Pair:
    """One line of a matching question: ``left`` belongs with ``right``."""

    id: str
    left: Text
    right: Text
    pos: Pos = _NOWHERE


@dataclass(frozen=True)
class TrueFalseFeedback:
    """Feedback for a true-false question, by the value the learner picked."""

    true: Text | None = None
    false: Text | None = None

    def for_value(self, value: bool) -> Text | None:
        return self.true if value else self.false


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: Text
    objectives: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    answer: bool | None = None  # true-false only
    items: tuple[Item, ...] = ()  # ordering only, in the right order
    pairs: tuple[Pair, ...] = ()  # matching only
    customer: Text | None = None  # best-response only: the customer's line
    explanation: Text | None = None
    tf_feedback: TrueFalseFeedback | None = None  # true-false only
    pos: Pos = _NOWHERE

    @property
    def correct_options(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.correct)


@dataclass(frozen=True)
class Quiz:
    id: str
    module: str
    title: Text
    pass_mark: int
    questions: tuple[Question, ...] = ()
    pos: Pos = _NOWHERE

    @property
    def path(self) -> Path:
        return self.pos.path

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
