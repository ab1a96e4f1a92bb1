"""The scenario HTML keeps the assemble contract and embeds its graph safely."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from course_builder.load.scenarios import load_scenario
from course_builder.model.scenario import TECHNIQUES, Scenario
from course_builder.model.text import Text
from course_builder.render.scenario import (
    SCORE_SCALE,
    UI,
    player_data,
    render_cards,
    render_scenario,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "scenario" / "double-charge.yml"
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source", "area", "base"}


class _Tree(HTMLParser):
    """Checks nesting and collects ids and the roots (top-level elements)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.roots: list[str] = []
        self.ids: list[str] = []
        self.script = ""
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.stack:
            self.roots.append(tag)
        self.ids += [v or "" for k, v in attrs if k == "id"]
        if tag not in VOID:
            self.stack.append(tag)
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.script += data


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    s, issues = load_scenario(FIXTURE)
    assert s is not None and not [i for i in issues if i.is_error]
    return s


def parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == []
    return tree


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("render", [render_scenario, render_cards])
def test_contract(scenario: Scenario, render: object, lang: str) -> None:
    html = render(scenario, lang)  # type: ignore[operator]
    assert html.startswith('<div class="cb-widget ')
    assert "\n\n" not in html and not re.search(r"^ {4,}", html, re.M)
    assert not re.search(r"^\s*$", html, re.M)
    tree = parse(html)
    assert tree.roots == ["div"]
    assert len(tree.ids) == len(set(tree.ids))
    assert all(i.startswith(("cb-sc-double-charge", "cb-scc-double-charge")) for i in tree.ids)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_embedded_graph_round_trips(scenario: Scenario, lang: str) -> None:
    tree = parse(render_scenario(scenario, lang))
    assert json.loads(tree.script) == player_data(scenario, lang)
    assert json.loads(tree.script)["i18n"]["restart"] == UI[lang]["restart"]


def test_script_cannot_be_closed_by_content(scenario: Scenario) -> None:
    """Even text that survives as '</script>' in the data never appears raw in the page."""
    evil = Text("a </script><script>alert(1)</script> <!-- b", "x")
    node = replace(scenario.nodes["opening"], customer=evil)
    html = render_scenario(replace(scenario, nodes={**scenario.nodes, "opening": node}), "en")
    assert html.count("<script") == 1 and html.count("</script>") == 1
    tree = parse(html)
    assert "<" not in tree.script and "&" not in tree.script
    assert "alert(1)" in json.loads(tree.script)["nodes"]["opening"]["c"]


def test_transcript_shows_the_best_path_without_js(scenario: Scenario) -> None:
    html = render_scenario(scenario, "en")
    transcript = html[html.index('<div class="cb-sc-transcript">'):html.index("cb-sc-play")]
    for node in ("opening", "account-check", "explain-charge", "offer-fix"):
        best = next(c for c in scenario.nodes[node].choices if c.best)
        assert best.reply.en.split(".")[0] in transcript
        assert best.feedback.en in transcript
    assert "Money back, trust back" in transcript and "Outcome: <strong>Resolved" in transcript
    assert 'aria-valuetext="Tension 7 of 10: angry"' in html
    assert '<div class="cb-sc-play" hidden>' in html


def test_spanish_player(scenario: Scenario) -> None:
    html = render_scenario(scenario, "es")
    assert 'aria-valuetext="Tensión 7 de 10: enojo"' in html
    assert "Reiniciar" in html and "Juego de roles · Telecomunicaciones" in html


def test_cards(scenario: Scenario) -> None:
    html = render_cards(scenario, "en")
    assert html.count('<section class="cb-sc-card ') == 4
    for words in ("Customer card", "Agent card", "Observer card", "Debrief sheet",
                  "What would calm you", "Listened without interrupting",
                  "Reversals post in 1 to 2 business days.", "Replies that lead here:"):
        assert words in html
    observer = html[html.index("cb-sc-card-observer"):html.index("cb-sc-card-debrief")]
    assert observer.count('class="cb-sc-box"') == 4 * len(SCORE_SCALE) + len(TECHNIQUES)
    es = render_cards(scenario, "es")
    assert "Hoja de evaluación de desescalamiento" in es and "Escuchó sin interrumpir" in es
