"""The KPI worksheet's arithmetic: averages against the baseline, the verdict in words, and
the cautions when the data are thin. The same case table runs against practice-kpi.js in the
browser tests, so the two implementations cannot drift apart."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from course_builder.practice.kpi import MEASURES, summarise, summarise_measure

CASES = json.loads((Path(__file__).parent / "kpi_cases.json").read_text("utf-8"))["cases"]
BY_ID = {m.id: m for m in MEASURES}


def same(actual: Any, expected: Any) -> bool:
    """Equal, with numbers compared to 1e-9 (float sums may differ in the last bit)."""
    if isinstance(expected, float) or isinstance(actual, float):
        return (actual is not None and expected is not None
                and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9))
    return bool(actual == expected)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_kpi_cases(case: dict[str, Any]) -> None:
    result = summarise(case["rows"])
    for measure_id, expected in case["expect"].items():
        actual = result[measure_id].as_dict()
        assert set(actual) == set(expected)
        for key, value in expected.items():
            assert same(actual[key], value), (measure_id, key, actual[key], value)


def test_known_data_set_by_hand() -> None:
    """The worked example, checked against numbers worked out on paper."""
    rows = CASES[0]["rows"]
    esc = summarise_measure(rows, BY_ID["escalation_rate"])
    assert (esc.baseline, esc.after) == (pytest.approx(5.0), pytest.approx(4.0))
    assert esc.diff == pytest.approx(-1.0) and esc.rel == pytest.approx(-20.0)
    assert esc.verdict == "better" and esc.cautions == ()
    aht = summarise_measure(rows, BY_ID["handle_time"])
    assert aht.baseline == pytest.approx(10.0) and aht.after == pytest.approx(9.8)
    assert aht.verdict == "same"  # -2%: stable, the hoped-for result on difficult calls
    csat = summarise_measure(rows, BY_ID["csat"])
    assert csat.rel == pytest.approx(18.75) and csat.verdict == "better"
    fcr = summarise_measure(rows, BY_ID["fcr"])
    assert fcr.diff == pytest.approx(6.0) and fcr.verdict == "better"
    ret = summarise_measure(rows, BY_ID["retention"])
    assert (ret.low, ret.high) == (90, 92)


@pytest.mark.parametrize(("measure", "before", "after", "verdict", "cautions"), [
    # measure            baseline  after   verdict   cautions
    ("escalation_rate", [5, 5, 5], [6, 6, 6], "worse", ()),
    ("escalation_rate", [5, 5, 5], [4.95] * 3, "same", ()),
    ("fcr", [60, 60, 60], [66, 66, 66], "better", ()),
    ("fcr", [60, 60], [66], "better", ("few-baseline", "few-after")),
    ("handle_time", [10, 10, 10], [10.4] * 3, "same", ()),
    ("handle_time", [10, 10, 10], [9, 9, 9], "better", ()),
    ("handle_time", [10, 10, 10], [8, 8, 8], "better", ("sharp-drop",)),
    ("handle_time", [10, 10, 10], [11, 11, 11], "worse", ()),
    ("retention", [88, 92, 96], [94, 94, 94], "better", ("within-range",)),
    ("csat", [], [4, 4, 4], "none", ("few-baseline",)),
])
def test_verdicts(measure: str, before: list[float], after: list[float], verdict: str,
                  cautions: tuple[str, ...]) -> None:
    rows = ([{"phase": "baseline", "values": {measure: v}} for v in before]
            + [{"phase": "after", "values": {measure: v}} for v in after])
    result = summarise_measure(rows, BY_ID[measure])
    assert (result.verdict, result.cautions) == (verdict, cautions)


def test_measures_are_the_five_from_the_course() -> None:
    assert [m.id for m in MEASURES] == ["escalation_rate", "handle_time", "csat", "fcr",
                                        "retention"]
    assert {m.better for m in MEASURES} == {"down", "up", "steady"}
    for m in MEASURES:
        assert m.name.en and m.name.es


def test_the_case_table_covers_every_verdict_and_caution() -> None:
    seen = [s for c in CASES for s in c["expect"].values()]
    assert {s["verdict"] for s in seen} == {"better", "worse", "same", "none"}
    assert {c for s in seen for c in s["cautions"]} == {"few-baseline", "few-after",
                                                        "within-range", "sharp-drop"}
