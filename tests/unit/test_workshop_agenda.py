"""Agenda arithmetic (course_builder/workshop/agenda.py): clock times, running totals, breaks,
stretches between breaks, and the clock and duration formats of both languages."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from course_builder.issues import Pos
from course_builder.model.text import Text
from course_builder.workshop import agenda
from course_builder.workshop.agenda import (
    clock,
    clock_range,
    duration,
    lay_out,
    lay_out_rows,
    parse_clock,
    stretch_breaches,
)
from course_builder.workshop.model import Format, Item, Session

NB = "\u00a0"


def test_doctests() -> None:
    assert doctest.testmod(agenda).failed == 0


def test_rows_follow_each_other_on_the_clock() -> None:
    rows = lay_out_rows(9 * 60, [("block", 10), ("block", 35), ("break", 15), ("block", 20),
                                 ("meal", 45), ("block", 30)])
    assert [(r.start, r.end) for r in rows] == [
        (540, 550), (550, 585), (585, 600), (600, 620), (620, 665), (665, 695)]
    assert [clock(r.start, "en") for r in rows] == [
        f"9:00{NB}a.m.", f"9:10{NB}a.m.", f"9:45{NB}a.m.", f"10:00{NB}a.m.", f"10:20{NB}a.m.",
        f"11:05{NB}a.m."]


def test_running_total_counts_teaching_only_and_continues_across_sessions() -> None:
    rows = lay_out_rows(13 * 60, [("block", 40), ("break", 10), ("block", 50), ("meal", 30),
                                  ("block", 15)], teaching_before=120)
    assert [r.teaching_total for r in rows] == [160, 160, 210, 210, 225]
    assert [r.teaching for r in rows] == [True, False, True, False, True]


def test_stretch_restarts_after_every_break_and_meal() -> None:
    rows = lay_out_rows(0, [("block", 30), ("block", 45), ("break", 5), ("block", 60),
                            ("block", 25), ("meal", 40), ("block", 90)])
    assert [r.stretch for r in rows] == [30, 75, 0, 60, 85, 0, 90]


@pytest.mark.parametrize(("items", "limit", "breach_rows"), [
    ([("block", 90)], 90, []),                                      # exactly the limit is fine
    ([("block", 91)], 90, [0]),                                     # one long block
    ([("block", 60), ("block", 31)], 90, [1]),                      # the row that tips it over
    ([("block", 60), ("block", 31), ("block", 10)], 90, [1]),       # reported once per stretch
    ([("block", 60), ("block", 31), ("break", 10), ("block", 95)], 90, [1, 3]),
    ([("block", 50), ("break", 10), ("block", 50), ("meal", 30), ("block", 50)], 90, []),
    ([("block", 50), ("block", 20)], 60, [1]),                      # a stricter format limit
])
def test_stretch_breaches(items: list[tuple[str, int]], limit: int,
                          breach_rows: list[int]) -> None:
    assert [r.index for r in stretch_breaches(lay_out_rows(0, items), limit)] == breach_rows


def _format(*sessions: tuple[int, int, list[Item]]) -> Format:
    return Format("t", Text("T", "T"), None, 8, 480, 90, tuple(
        Session(n, day, start, tuple(items), pos=Pos(Path("f.yml"), n))
        for n, (day, start, items) in enumerate(sessions, 1)))


def test_lay_out_a_format() -> None:
    fmt = _format(
        (1, 9 * 60, [Item("block", 60, "a"), Item("break", 15), Item("block", 60, "b")]),
        (1, 14 * 60, [Item("block", 30, "c"), Item("block", 20, "pause"),
                      Item("block", 45, "d")]),
        (3, 8 * 60 + 30, [Item("block", 90, "e"), Item("meal", 45), Item("block", 75, "f")]),
    )
    layout = lay_out(fmt, {"pause": True})  # a block of kind "break" is rest, not teaching
    first, second, third = layout.sessions
    assert (first.start, first.end, first.length, first.teaching, first.rest) == (
        540, 675, 135, 120, 15)
    assert (second.teaching, second.rest, second.longest_stretch) == (75, 20, 45)
    assert [r.teaching_total for r in second.rows] == [150, 150, 195]
    assert (third.meal, third.teaching, third.end) == (45, 165, 8 * 60 + 30 + 210)
    assert third.rows[-1].teaching_total == 360 == layout.teaching
    assert (layout.rest, layout.days, layout.longest_session) == (80, 2, 210)


def test_empty_session_ends_where_it_starts() -> None:
    layout = lay_out(_format((1, 600, [])))
    assert (layout.sessions[0].end, layout.sessions[0].length, layout.teaching) == (600, 0, 0)


@pytest.mark.parametrize(("text", "minutes"), [
    ("09:00", 540), ("9:00", 540), ("13:30", 810), ("00:05", 5), ("23:59", 1439),
    (" 08:15 ", 495), ("24:00", None), ("9", None), ("9.30", None), ("09:60", None),
    ("nine", None), ("", None),
])
def test_parse_clock(text: str, minutes: int | None) -> None:
    assert parse_clock(text) == minutes


@pytest.mark.parametrize(("minutes", "en", "es"), [
    (0, "12:00 a.m.", "12:00 a. m."),
    (9 * 60 + 5, "9:05 a.m.", "9:05 a. m."),
    (11 * 60 + 59, "11:59 a.m.", "11:59 a. m."),
    (12 * 60, "12:00 p.m.", "12:00 p. m."),
    (13 * 60 + 30, "1:30 p.m.", "1:30 p. m."),
    (23 * 60 + 45, "11:45 p.m.", "11:45 p. m."),
    (24 * 60 + 30, "12:30 a.m.", "12:30 a. m."),  # wraps past midnight
])
def test_clock_in_both_languages(minutes: int, en: str, es: str) -> None:
    assert clock(minutes, "en").replace(NB, " ") == en
    assert clock(minutes, "es").replace(NB, " ") == es
    assert " " not in clock(minutes, "es")  # never breaks across lines


def test_clock_range() -> None:
    assert clock_range(540, 675, "en").replace(NB, " ") == "9:00 a.m.–11:15 a.m."


@pytest.mark.parametrize(("minutes", "text"), [
    (0, "0 min"), (5, "5 min"), (59, "59 min"), (60, "1 h"), (90, "1 h 30 min"),
    (480, "8 h"), (965, "16 h 5 min"), (-3, "0 min"),
])
def test_duration(minutes: int, text: str) -> None:
    assert duration(minutes, "en").replace(NB, " ") == text
    assert duration(minutes, "es") == duration(minutes, "en")
