"""The workshop as plain data: what happens in the room, and how the time is laid out.

``modules.yml`` gives each module its blocks (one activity each, with minutes and a kind),
``formats.yml`` arranges blocks into sessions for each workshop length, plus the follow-up
rhythm, and ``handouts.yml`` holds the printed handouts' text. Every person-facing string is
a ``Text`` with English and Spanish, and every item keeps the position it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from course_builder.issues import Pos
from course_builder.model.text import Text

_NOWHERE = Pos(Path(""))

# What a block is, in the order a facilitator thinks about it; "break" counts as rest.
KIND_LABELS: dict[str, Text] = {
    "presentation": Text("Presentation", "Presentación"),
    "discussion": Text("Discussion", "Discusión"),
    "role-play": Text("Role-play", "Juego de roles"),
    "knowledge-check": Text("Knowledge check", "Verificación de conocimientos"),
    "exercise": Text("Exercise", "Ejercicio"),
    "break": Text("Break", "Descanso"),
}
KINDS: tuple[str, ...] = tuple(KIND_LABELS)
REST_KINDS = ("break", "meal")  # agenda rows that are not teaching time

HANDOUT_KINDS: tuple[str, ...] = (
    "trigger-word-swap", "scorecard", "role-play-cards", "kpi-baseline", "reinforcement-plan",
)
EVERY: dict[str, Text] = {
    "month": Text("Every month", "Cada mes"),
    "quarter": Text("Every quarter", "Cada trimestre"),
}


@dataclass(frozen=True)
class Block:
    """One activity in the room: a talk, a discussion, a drill, a role-play, a check."""

    id: str
    module: str
    kind: str
    minutes: int
    title: Text
    objectives: tuple[str, ...] = ()
    quiz: str = ""
    scenario: str = ""
    handouts: tuple[str, ...] = ()
    materials: tuple[Text, ...] = ()
    prepare: tuple[Text, ...] = ()
    steps: tuple[Text, ...] = ()
    talking_points: tuple[Text, ...] = ()
    prompts: tuple[Text, ...] = ()
    setup: Text | None = None
    debrief: tuple[Text, ...] = ()
    pitfalls: tuple[Text, ...] = ()
    pos: Pos = field(default=_NOWHERE, compare=False)

    @property
    def teaching(self) -> bool:
        return self.kind not in REST_KINDS


@dataclass(frozen=True)
class ModulePlan:
    """The workshop side of one course module: room set-up, preparation and its blocks."""

    id: str
    blocks: tuple[Block, ...]
    room: Text | None = None
    prepare: tuple[Text, ...] = ()
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class Item:
    """One row of a session as written: a block (by id), a break or a meal."""

    kind: str          # "block", "break" or "meal"
    minutes: int       # for blocks: the block's minutes, filled in when resolved
    block: str = ""    # block id when kind == "block"
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class Session:
    number: int
    day: int
    start: int                 # minutes after midnight
    items: tuple[Item, ...]
    title: Text | None = None
    max_minutes: int = 0       # 0: the format's limit applies
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class Format:
    """One way to run the foundation: 8, 12 or 16 hours in sessions over several days."""

    id: str
    title: Text
    summary: Text | None
    hours: int
    max_session_minutes: int
    max_stretch_minutes: int
    sessions: tuple[Session, ...]
    guide: bool = False        # the format the full facilitator guide (PDF) follows
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class FollowUpItem:
    minutes: int
    kind: str
    title: Text
    notes: Text | None = None
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class FollowUp:
    """A recurring session after the foundation: monthly coaching, quarterly refresher."""

    id: str
    every: str
    minutes: int
    title: Text
    summary: Text | None
    items: tuple[FollowUpItem, ...]
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class Criterion:
    id: str
    behaviour: Text
    listen_for: Text
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class ScaleStep:
    score: int
    label: Text
    meaning: Text


@dataclass(frozen=True)
class Measure:
    id: str
    name: Text
    formula: Text
    note: Text
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class Handout:
    """A printed sheet. Which fields are filled depends on ``kind``."""

    id: str
    kind: str
    title: Text
    intro: Text | None = None
    lines: tuple[Text, ...] = ()          # trigger-word-swap: lines to rewrite
    criteria: tuple[Criterion, ...] = ()  # scorecard
    scale: tuple[ScaleStep, ...] = ()     # scorecard
    tips: tuple[Text, ...] = ()           # any kind: short notes printed under the sheet
    scenarios: tuple[str, ...] = ()       # role-play-cards: scenario ids (empty: all used)
    measures: tuple[Measure, ...] = ()    # kpi-baseline
    months: int = 3                       # kpi-baseline: months of baseline
    prompts: tuple[Text, ...] = ()        # kpi-baseline definitions, reinforcement commitments
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass
class Workshop:
    """Everything in ``workshop/``; ``files`` are the paths read (for error positions)."""

    folder: Path
    modules: list[ModulePlan] = field(default_factory=list)
    formats: list[Format] = field(default_factory=list)
    follow_up: list[FollowUp] = field(default_factory=list)
    handouts: list[Handout] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    # Built once per set of modules (ModulePlan is frozen): the pages ask thousands of times.
    _blocks: tuple[tuple[int, ...], dict[str, Block]] = field(
        default=((), {}), init=False, repr=False, compare=False)
    # Agenda layouts by format (workshop.checks.layout_of), for the same reason.
    _layouts: dict[int, tuple[object, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @property
    def blocks(self) -> dict[str, Block]:
        key = tuple(map(id, self.modules))
        if key != self._blocks[0]:
            self._blocks = (key, {b.id: b for m in self.modules for b in m.blocks})
        return self._blocks[1]

    def plan(self, module_id: str) -> ModulePlan | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def format(self, format_id: str) -> Format | None:
        return next((f for f in self.formats if f.id == format_id), None)

    def handout(self, kind: str) -> Handout | None:
        return next((h for h in self.handouts if h.kind == kind), None)

    @property
    def guide_format(self) -> Format | None:
        """The format the full guide follows: the one marked ``guide: true``, else the longest."""
        marked = [f for f in self.formats if f.guide]
        if marked:
            return marked[0]
        return max(self.formats, key=lambda f: f.hours, default=None)
