"""Agenda arithmetic: clock times, running totals, breaks and stretches. Pure, no I/O.

A session is a start time and a list of rows (teaching blocks, breaks, meals) with minutes.
Laying it out gives each row its start and end on the clock, the teaching minutes run so far
in the whole format, and the length of the stretch of teaching since the last rest, which is
what the checks compare with the 90-minute limit.

>>> rows = lay_out_rows(9 * 60, [("block", 50), ("break", 15), ("block", 40)])
>>> [(clock(r.start, "en"), r.minutes, r.teaching_total, r.stretch) for r in rows]
[('9:00\\xa0a.m.', 50, 50, 50), ('9:50\\xa0a.m.', 15, 50, 0), ('10:05\\xa0a.m.', 40, 90, 40)]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from course_builder.workshop.model import REST_KINDS, Format, Item

DAY_MINUTES = 24 * 60
_CLOCK_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
NBSP = "\u00a0"


@dataclass(frozen=True)
class Row:
    """One laid-out row of a session."""

    kind: str             # "block", "break" or "meal"
    minutes: int
    start: int            # minutes after midnight
    end: int
    teaching_total: int   # teaching minutes in the whole format up to the end of this row
    stretch: int          # teaching minutes since the last rest, this row included (0 for rests)
    ref: str = ""         # the block id, when there is one
    index: int = 0        # position of the row in its session

    @property
    def teaching(self) -> bool:
        return self.kind not in REST_KINDS


@dataclass(frozen=True)
class SessionLayout:
    number: int
    day: int
    start: int
    rows: tuple[Row, ...]

    @property
    def end(self) -> int:
        return self.rows[-1].end if self.rows else self.start

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def teaching(self) -> int:
        return sum(r.minutes for r in self.rows if r.teaching)

    @property
    def rest(self) -> int:
        return sum(r.minutes for r in self.rows if not r.teaching)

    @property
    def meal(self) -> int:
        return sum(r.minutes for r in self.rows if r.kind == "meal")

    @property
    def longest_stretch(self) -> int:
        return max((r.stretch for r in self.rows), default=0)


@dataclass(frozen=True)
class Layout:
    sessions: tuple[SessionLayout, ...]

    @property
    def teaching(self) -> int:
        return sum(s.teaching for s in self.sessions)

    @property
    def rest(self) -> int:
        return sum(s.rest for s in self.sessions)

    @property
    def days(self) -> int:
        return len({s.day for s in self.sessions})

    @property
    def longest_session(self) -> int:
        return max((s.length for s in self.sessions), default=0)


def lay_out_rows(start: int, items: Sequence[tuple[str, int] | tuple[str, int, str]],
                 teaching_before: int = 0) -> tuple[Row, ...]:
    """Place ``(kind, minutes[, ref])`` rows one after another from ``start``.

    ``teaching_before`` is the format's teaching time before this session, so the running
    total continues across sessions. A session always starts a fresh stretch.
    """
    rows: list[Row] = []
    clock_now, total, stretch = start, teaching_before, 0
    for index, item in enumerate(items):
        kind, minutes = item[0], max(0, int(item[1]))
        ref = item[2] if len(item) > 2 else ""  # type: ignore[misc]
        if kind in REST_KINDS:
            stretch = 0
            row_stretch = 0
        else:
            total += minutes
            stretch += minutes
            row_stretch = stretch
        rows.append(Row(kind, minutes, clock_now, clock_now + minutes, total, row_stretch,
                        str(ref), index))
        clock_now += minutes
    return tuple(rows)


def lay_out(fmt: Format, rest_blocks: Mapping[str, bool] | None = None) -> Layout:
    """Lay out every session of a format, with the running teaching total across sessions.

    ``rest_blocks`` marks block ids whose kind is a break (they count as rest, not teaching).
    """
    rest_blocks = rest_blocks or {}
    sessions: list[SessionLayout] = []
    before = 0
    for session in fmt.sessions:
        rows = lay_out_rows(session.start, [_row_item(i, rest_blocks) for i in session.items],
                            before)
        layout = SessionLayout(session.number, session.day, session.start, rows)
        before += layout.teaching
        sessions.append(layout)
    return Layout(tuple(sessions))


def _row_item(item: Item, rest_blocks: Mapping[str, bool]) -> tuple[str, int, str]:
    kind = item.kind
    if kind == "block" and rest_blocks.get(item.block):
        kind = "break"
    return kind, item.minutes, item.block


def stretch_breaches(rows: Sequence[Row], limit: int) -> list[Row]:
    """The first row of each stretch that runs past ``limit`` teaching minutes.

    >>> rows = lay_out_rows(0, [("block", 60), ("block", 40), ("block", 10), ("break", 5)])
    >>> [r.index for r in stretch_breaches(rows, 90)]
    [1]
    """
    found: list[Row] = []
    reported = False
    for row in rows:
        if not row.teaching:
            reported = False
        elif row.stretch > limit and not reported:
            found.append(row)
            reported = True
    return found


def parse_clock(text: str) -> int | None:
    """``"09:30"`` or ``"9:30"`` (24-hour) -> minutes after midnight; None if not a time.

    >>> parse_clock("13:05"), parse_clock("9:00"), parse_clock("25:00")
    (785, 540, None)
    """
    match = _CLOCK_RE.match(text.strip())
    if not match:
        return None
    return int(match.group(1)) * 60 + int(match.group(2))


def clock(minutes: int, lang: str) -> str:
    """A time of day the way people in the US and Mexico write it on an agenda.

    >>> clock(9 * 60, "en"), clock(12 * 60 + 30, "es"), clock(0, "en")
    ('9:00\\xa0a.m.', '12:30\\xa0p.\\xa0m.', '12:00\\xa0a.m.')
    """
    minutes %= DAY_MINUTES
    hour, minute = divmod(minutes, 60)
    suffix = "a.m." if hour < 12 else "p.m."
    if lang == "es":
        suffix = suffix.replace(".m", f".{NBSP}m")
    return f"{(hour % 12) or 12}:{minute:02d}{NBSP}{suffix}"


def clock_range(start: int, end: int, lang: str) -> str:
    return f"{clock(start, lang)}–{clock(end, lang)}"


def duration(minutes: int, lang: str = "en") -> str:
    """``"1 h 30 min"``, ``"45 min"``, ``"8 h"`` (the same in English and Spanish).

    >>> duration(90), duration(45), duration(480), duration(0)
    ('1\\xa0h 30\\xa0min', '45\\xa0min', '8\\xa0h', '0\\xa0min')
    """
    hours, rest = divmod(max(0, minutes), 60)
    if hours and rest:
        return f"{hours}{NBSP}h {rest}{NBSP}min"
    if hours:
        return f"{hours}{NBSP}h"
    return f"{rest}{NBSP}min"
