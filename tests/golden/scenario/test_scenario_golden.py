"""Golden HTML for the scenario fixture: the player and the workshop cards, both languages.

Regenerate with ``pytest tests/golden --update-golden`` (or ``UPDATE_GOLDEN=1``) and review
the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from course_builder.load.scenarios import load_scenario
from course_builder.render.scenario import render_cards, render_scenario

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parents[1] / "fixtures" / "scenario"
CASES = sorted(p.stem for p in FIXTURES.glob("*.yml"))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", CASES)
def test_player(golden: Callable[[Path, str], None], name: str, lang: str) -> None:
    scenario, issues = load_scenario(FIXTURES / f"{name}.yml")
    assert scenario is not None and [i for i in issues if i.is_error] == []
    golden(HERE / f"{name}.player.{lang}.html", render_scenario(scenario, lang))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", CASES)
def test_cards(golden: Callable[[Path, str], None], name: str, lang: str) -> None:
    scenario, issues = load_scenario(FIXTURES / f"{name}.yml")
    assert scenario is not None and [i for i in issues if i.is_error] == []
    golden(HERE / f"{name}.cards.{lang}.html", render_cards(scenario, lang))
