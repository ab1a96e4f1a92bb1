"""The team lead's KPI worksheet: the five measures and the arithmetic against the baseline.

The browser (``assets/practice-kpi.js``) does the same arithmetic on the lead's own numbers,
which never leave the page; this module is its reference, and the two are tested against one
table of cases (``tests/unit/kpi_cases.json``). The measures' words live here, so the page
and any printed sheet name them the same way in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from course_builder.model.text import Text

BASELINE, AFTER = "baseline", "after"
PHASES = (BASELINE, AFTER)
MIN_MONTHS = 3          # fewer months than this on either side: too few to conclude
SAME_PCT = 2.0          # a relative change smaller than this reads as "no real change"
AHT_STEADY_PCT = 5.0    # handle time within ±5% of baseline is "stable" (the hoped-for result)
AHT_SHARP_PCT = 15.0    # a drop steeper than this may mean calls are being rushed


@dataclass(frozen=True)
class Measure:
    id: str              # used in storage and CSV headers; never translated
    name: Text
    unit: Text           # shown after numbers
    better: str          # "down", "up" or "steady" (handle time: stable or a slight decrease)
    percent: bool        # a share from 0 to 100 (changes are then in percentage points)


MEASURES: tuple[Measure, ...] = (
    Measure("escalation_rate", Text("Escalation rate", "Tasa de escalamiento"),
            Text("%", "%"), "down", True),
    Measure("handle_time", Text("Handle time on difficult calls",
                                "Tiempo de atención en llamadas difíciles"),
            Text("min", "min"), "steady", False),
    Measure("csat", Text("Post-conflict CSAT", "CSAT después de un conflicto"),
            Text("", ""), "up", False),
    Measure("fcr", Text("First call resolution", "Resolución en el primer contacto"),
            Text("%", "%"), "up", True),
    Measure("retention", Text("Agent retention", "Retención de agentes"),
            Text("%", "%"), "up", True),
)


@dataclass(frozen=True)
class Summary:
    """One measure against its baseline. ``verdict`` is better, worse, same or none (no data
    on one side); ``cautions`` are codes the page turns into plain words."""

    baseline: float | None
    after: float | None
    baseline_months: int
    after_months: int
    diff: float | None
    rel: float | None     # percent of the baseline; None when the baseline is 0
    verdict: str
    cautions: tuple[str, ...]
    low: float | None = None    # the baseline's own range, month to month
    high: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The same fields, under the same names, as practice-kpi.js computes."""
        return {"baseline": self.baseline, "after": self.after, "nb": self.baseline_months,
                "na": self.after_months, "diff": self.diff, "rel": self.rel,
                "verdict": self.verdict, "cautions": list(self.cautions),
                "lo": self.low, "hi": self.high}


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def summarise_measure(rows: list[dict[str, Any]], measure: Measure) -> Summary:
    """Average the baseline and the months after training, compare, and flag thin evidence."""
    base = [v for r in rows if r.get("phase") == BASELINE
            and (v := _number((r.get("values") or {}).get(measure.id))) is not None]
    after = [v for r in rows if r.get("phase") == AFTER
             and (v := _number((r.get("values") or {}).get(measure.id))) is not None]
    b, a = _mean(base), _mean(after)
    lo, hi = (min(base), max(base)) if base else (None, None)
    cautions: list[str] = []
    if len(base) < MIN_MONTHS:
        cautions.append("few-baseline")
    if len(after) < MIN_MONTHS:
        cautions.append("few-after")
    if b is None or a is None:
        return Summary(b, a, len(base), len(after), None, None, "none", tuple(cautions), lo, hi)
    diff = a - b
    rel = diff / b * 100 if b != 0 else None
    verdict = _verdict(measure, diff, rel)
    if measure.better == "steady" and rel is not None and rel < -AHT_SHARP_PCT:
        cautions.append("sharp-drop")
    if verdict != "same" and len(base) >= 2 and min(base) <= a <= max(base):
        cautions.append("within-range")
    return Summary(b, a, len(base), len(after), diff, rel, verdict, tuple(cautions), lo, hi)


def _verdict(measure: Measure, diff: float, rel: float | None) -> str:
    if measure.better == "steady":
        if rel is None:
            return "same" if diff == 0 else ("worse" if diff > 0 else "better")
        if abs(rel) <= AHT_STEADY_PCT:
            return "same"
        return "better" if rel < 0 else "worse"
    if diff == 0 or (rel is not None and abs(rel) < SAME_PCT):
        return "same"
    up = diff > 0
    return "better" if up == (measure.better == "up") else "worse"


def summarise(rows: list[dict[str, Any]]) -> dict[str, Summary]:
    """Every measure's summary, by measure id."""
    return {m.id: summarise_measure(rows, m) for m in MEASURES}
