"""A branching role-play call: the customer speaks (nodes), the agent replies (choices).

The model is plain frozen data, built by ``load.scenarios`` and read by ``render.scenario``.
The vocabularies (techniques, industries, outcomes, tension levels) live here with their
English and Spanish labels, so the loader, the renderer and the JSON Schema agree on one list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from course_builder.issues import Pos
from course_builder.model.text import Text

_NOWHERE = Pos(Path(""))

TECHNIQUE_LABELS: dict[str, Text] = {
    "validation": Text("Validation", "Validación"),
    "active-listening": Text("Active listening", "Escucha activa"),
    "ownership": Text("Ownership", "Responsabilidad"),
    "collaborative-language": Text("Collaborative language", "Lenguaje colaborativo"),
    "future-focus": Text("Future Focus", "Enfoque al futuro"),
    "boundary-setting": Text("Boundary setting", "Establecer límites"),
    "transparency": Text("Transparency", "Transparencia"),
    "calm-tone": Text("Calm tone", "Tono sereno"),
    "summarising": Text("Summarising", "Resumir"),
    "apology": Text("Apology", "Disculpa"),
}
TECHNIQUES: tuple[str, ...] = tuple(TECHNIQUE_LABELS)

INDUSTRY_LABELS: dict[str, Text] = {
    "e-commerce": Text("E-commerce", "Comercio electrónico"),
    "healthcare": Text("Healthcare", "Salud"),
    "financial-services": Text("Financial services", "Servicios financieros"),
    "utilities": Text("Utilities", "Servicios públicos"),
    "saas": Text("Software (SaaS)", "Software (SaaS)"),
    "travel": Text("Travel", "Viajes"),
    "telecom": Text("Telecom", "Telecomunicaciones"),
    "other": Text("Other", "Otro"),
}
INDUSTRIES: tuple[str, ...] = tuple(INDUSTRY_LABELS)

OUTCOME_LABELS: dict[str, Text] = {
    "resolved": Text("Resolved", "Resuelta"),
    "partly-resolved": Text("Partly resolved", "Resuelta en parte"),
    "escalated": Text("Escalated", "Escalada"),
}
OUTCOMES: tuple[str, ...] = tuple(OUTCOME_LABELS)

# How a tension value reads as words, from calm to boiling over: the meter's text, so the mood
# is never shown by colour alone. A value is placed by its share of the min..max range. The
# Spanish labels are nouns, so they need no gender agreement with the customer.
TENSION_LEVELS: tuple[Text, ...] = (
    Text("calm", "calma"),
    Text("uneasy", "inquietud"),
    Text("frustrated", "frustración"),
    Text("angry", "enojo"),
    Text("about to hang up", "a punto de colgar"),
)

TENSION_CHANGE_LIMIT = 5  # one reply moves tension by at most this much either way
MIN_CHOICES, MAX_CHOICES = 2, 4


def tension_level(value: int, lo: int, hi: int) -> Text:
    """The words for a tension value (same formula as the browser player)."""
    span = max(hi - lo, 1)
    index = (max(lo, min(hi, value)) - lo) * len(TENSION_LEVELS) // (span + 1)
    return TENSION_LEVELS[min(index, len(TENSION_LEVELS) - 1)]


@dataclass(frozen=True)
class Choice:
    """One agent reply: how it moves tension, why, and where the call goes next."""

    reply: Text
    tension: int
    feedback: Text
    techniques: tuple[str, ...]
    next: str
    best: bool = False
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class Node:
    """A point in the call where the customer speaks and the agent must reply."""

    id: str
    customer: Text
    mood: Text
    choices: tuple[Choice, ...]
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class Ending:
    id: str
    outcome: str
    title: Text
    customer: Text
    debrief: Text
    pos: Pos = field(default=_NOWHERE, compare=False)


@dataclass(frozen=True)
class Cards:
    """What the printed workshop role-play cards say beyond the scenario itself."""

    customer_calms: tuple[Text, ...] = ()
    customer_angers: tuple[Text, ...] = ()
    customer_lines: tuple[Text, ...] = ()
    agent_goal: Text | None = None
    agent_facts: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Scenario:
    id: str
    module: str
    industry: str
    title: Text
    situation: Text
    customer_name: Text
    customer_profile: Text
    goals: tuple[Text, ...]
    tension_start: int
    tension_min: int
    tension_max: int
    start: str
    nodes: dict[str, Node]
    endings: dict[str, Ending]
    cards: Cards = field(default_factory=Cards)
    pos: Pos = field(default=_NOWHERE, compare=False)


def best_choice(node: Node) -> tuple[int, Choice] | None:
    """The strongest reply of a node and its index (the first one marked best)."""
    for index, choice in enumerate(node.choices):
        if choice.best:
            return index, choice
    return None


def best_path(s: Scenario) -> list[tuple[Node, Choice]]:
    """Follow the best choice from ``start`` until an ending (or a loop or a gap)."""
    path: list[tuple[Node, Choice]] = []
    seen: set[str] = set()
    current = s.start
    while current in s.nodes and current not in seen:
        seen.add(current)
        node = s.nodes[current]
        found = best_choice(node)
        if found is None:
            break
        path.append((node, found[1]))
        current = found[1].next
    return path


def best_ending(s: Scenario) -> Ending | None:
    """The ending the best path reaches, or None when it reaches none."""
    path = best_path(s)
    last = path[-1][1].next if path else s.start
    return s.endings.get(last)


def best_indexes(s: Scenario) -> list[int]:
    """The best path as choice indexes: what the player saves and compares against."""
    out = []
    for node, _ in best_path(s):
        found = best_choice(node)
        out.append(found[0] if found else 0)
    return out


def leads_to(s: Scenario, target: str) -> list[tuple[Node, Choice]]:
    """Every reply whose ``next`` is ``target``, in file order (the debrief sheet uses it)."""
    return [(node, choice) for node in s.nodes.values() for choice in node.choices
            if choice.next == target]
