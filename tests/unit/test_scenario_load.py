"""The scenario loader: a table of broken inputs and graphs, each to its exact (line, code).

Every case edits the valid scenario BASE below (the line numbers in the table are BASE's
lines) and writes it to ``sample.yml`` in tmp_path, so the file name matches the id.
"""

# ruff: noqa: E501  (the YAML below keeps one choice per line, as authors write them)
from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.issues import Issue
from course_builder.load.scenarios import CODES, load_scenario, load_scenarios
from course_builder.model.scenario import (
    best_ending,
    best_indexes,
    best_path,
    leads_to,
    tension_level,
)

BASE = """\
id: sample
module: putting-it-together
industry: e-commerce
title: {en: "Title", es: "Título"}
situation: {en: "Situation", es: "Situación"}
customer:
  name: Dana
  profile: {en: "Profile", es: "Perfil"}
goals:
  - {en: "Goal", es: "Meta"}
tension: {start: 6, min: 0, max: 10}
start: a
cards:
  customer:
    calms: [{en: "c", es: "c"}]
    angers: [{en: "a", es: "a"}]
    lines: [{en: "l", es: "l"}]
  agent:
    goal: {en: "g", es: "g"}
    facts: [{en: "f", es: "f"}]
nodes:
  a:
    customer: {en: "A", es: "A"}
    mood: {en: "m", es: "m"}
    choices:
      - reply: {en: "a1", es: "a1"}
        tension: -1
        feedback: {en: "f", es: "f"}
        techniques: [validation]
        next: b
        best: true
      - reply: {en: "a2", es: "a2"}
        tension: 2
        feedback: {en: "f", es: "f"}
        next: e
  b:
    customer: {en: "B", es: "B"}
    mood: {en: "m", es: "m"}
    choices:
      - {reply: {en: "b1", es: "b1"}, tension: -1, feedback: {en: "f", es: "f"}, next: c, best: true}
      - {reply: {en: "b2", es: "b2"}, tension: 1, feedback: {en: "f", es: "f"}, next: e}
  c:
    customer: {en: "C", es: "C"}
    mood: {en: "m", es: "m"}
    choices:
      - {reply: {en: "c1", es: "c1"}, tension: -1, feedback: {en: "f", es: "f"}, next: d, best: true}
      - {reply: {en: "c2", es: "c2"}, tension: 1, feedback: {en: "f", es: "f"}, next: part}
  d:
    customer: {en: "D", es: "D"}
    mood: {en: "m", es: "m"}
    choices:
      - {reply: {en: "d1", es: "d1"}, tension: -1, feedback: {en: "f", es: "f"}, next: win, best: true}
      - {reply: {en: "d2", es: "d2"}, tension: 2, feedback: {en: "f", es: "f"}, next: lose}
  e:
    customer: {en: "E", es: "E"}
    mood: {en: "m", es: "m"}
    choices:
      - {reply: {en: "e1", es: "e1"}, tension: -1, feedback: {en: "f", es: "f"}, next: part, best: true}
      - {reply: {en: "e2", es: "e2"}, tension: 2, feedback: {en: "f", es: "f"}, next: lose}
endings:
  win:
    outcome: resolved
    title: {en: "W", es: "W"}
    customer: {en: "w", es: "w"}
    debrief: {en: "d", es: "d"}
  part:
    outcome: partly-resolved
    title: {en: "P", es: "P"}
    customer: {en: "p", es: "p"}
    debrief: {en: "d", es: "d"}
  lose:
    outcome: escalated
    title: {en: "L", es: "L"}
    customer: {en: "l", es: "l"}
    debrief: {en: "d", es: "d"}
"""

ENDING_B = """\
  b:
    outcome: escalated
    title: {en: "X", es: "X"}
    customer: {en: "x", es: "x"}
    debrief: {en: "d", es: "d"}
"""
NODE_Z = """\
  z:
    customer: {en: "Z", es: "Z"}
    mood: {en: "m", es: "m"}
    choices:
      - {reply: {en: "z1", es: "z1"}, tension: -1, feedback: {en: "f", es: "f"}, next: win, best: true}
      - {reply: {en: "z2", es: "z2"}, tension: 1, feedback: {en: "f", es: "f"}, next: lose}
endings:
"""
NODE_B_AGAIN = BASE[BASE.index("  b:\n"):BASE.index("  c:\n")] + "endings:\n"
E_LOOP = """\
      - {reply: {en: "e1", es: "e1"}, tension: 0, feedback: {en: "f", es: "f"}, next: f, best: true}
      - {reply: {en: "e2", es: "e2"}, tension: 0, feedback: {en: "f", es: "f"}, next: f}
  f:
    customer: {en: "F", es: "F"}
    mood: {en: "m", es: "m"}
    choices:
      - {reply: {en: "f1", es: "f1"}, tension: 0, feedback: {en: "f", es: "f"}, next: e, best: true}
      - {reply: {en: "f2", es: "f2"}, tension: 0, feedback: {en: "f", es: "f"}, next: e}
endings:
"""
E_CHOICES = """\
      - {reply: {en: "e1", es: "e1"}, tension: -1, feedback: {en: "f", es: "f"}, next: part, best: true}
      - {reply: {en: "e2", es: "e2"}, tension: 2, feedback: {en: "f", es: "f"}, next: lose}
endings:
"""
LINE_41 = '{reply: {en: "b2", es: "b2"}, tension: 1, feedback: {en: "f", es: "f"}, next: e}'


def edit(*pairs: tuple[str, str]) -> str:
    """BASE with each ``old`` replaced once by ``new`` (``old`` must occur exactly once)."""
    text = BASE
    for old, new in pairs:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in BASE"
        text = text.replace(old, new)
    return text


# (case name, edits to BASE, the exact issues expected as (line, code), sorted)
CASES: list[tuple[str, tuple[tuple[str, str], ...], list[tuple[int, str]]]] = [
    ("yaml syntax", (('title: {en: "Title", es: "Título"}', 'title: {en: "Title", es: "Título"'),),
     [(4, "yaml-syntax")]),
    ("unknown field, so industry missing", (("industry: e-commerce", "industy: e-commerce"),),
     [(1, "scenario-missing-field"), (3, "scenario-unknown-field")]),
    ("missing Spanish", (('situation: {en: "Situation", es: "Situación"}',
                          'situation: {en: "Situation"}'),),
     [(5, "scenario-missing-translation")]),
    ("bad industry", (("industry: e-commerce", "industry: ecommerce"),),
     [(3, "scenario-bad-value")]),
    ("bad technique", (("[validation]", "[validaton]"),), [(29, "scenario-bad-value")]),
    ("bad outcome", (("outcome: escalated", "outcome: escalate"),), [(72, "scenario-bad-value")]),
    ("unsafe HTML", (('reply: {en: "a1", es: "a1"}', 'reply: {en: "a1 <script>x", es: "a1"}'),),
     [(26, "scenario-unsafe-html")]),
    ("id is not the file name", (("id: sample", "id: other"),), [(1, "scenario-id-mismatch")]),
    ("node and ending share an id", (("  lose:\n", ENDING_B + "  lose:\n"),),
     [(71, "scenario-duplicate-id")]),
    ("node id used twice", (("endings:\n", NODE_B_AGAIN),), [(60, "yaml-duplicate-key")]),
    ("one choice", (("      - " + LINE_41 + "\n", ""),), [(39, "scenario-choice-count")]),
    ("two best choices", ((LINE_41, LINE_41[:-1] + ", best: true}"),),
     [(41, "scenario-best-count")]),
    ("no best choice", (('next: c, best: true}', 'next: c}'),), [(39, "scenario-best-count")]),
    ("start points nowhere", (("\nstart: a\n", "\nstart: aa\n"),),
     [(12, "scenario-missing-target")]),
    ("start is an ending", (("\nstart: a\n", "\nstart: win\n"),),
     [(12, "scenario-missing-target")]),
    ("next points nowhere", (("        next: e\n", "        next: ee\n"),),
     [(35, "scenario-missing-target")]),
    ("unreachable node", (("endings:\n", NODE_Z),), [(60, "scenario-unreachable")]),
    ("loop with no way out: cycle and dead ends", ((E_CHOICES, E_LOOP),),
     [(54, "scenario-dead-end"), (60, "scenario-dead-end"), (64, "scenario-cycle")]),
    ("loop with a way out", (("next: lose}\n  e:", "next: b}\n  e:"),), [(53, "scenario-cycle")]),
    ("reply leads back to its own node", ((LINE_41, LINE_41.replace("tension: 1", "tension: 0")
                                            .replace("next: e", "next: b")),),
     [(41, "scenario-cycle")]),
    ("no resolved ending", (("outcome: resolved", "outcome: partly-resolved"),),
     [(60, "scenario-no-resolved-ending"), (61, "scenario-best-not-resolved")]),
    ("tension change too big, so the running tension drops below min",
     (("tension: -1\n", "tension: -6\n"),),
     [(27, "scenario-out-of-range"), (40, "scenario-tension-overflow")]),
    ("tension start above max", (("min: 0, max: 10}", "min: 0, max: 5}"),),
     [(11, "scenario-tension-range")]),
    ("tension min not below max", (("min: 0, max: 10}", "min: 7, max: 5}"),),
     [(11, "scenario-tension-range")]),
    ("tension can pass max", (('"e2"}, tension: 2', '"e2"}, tension: 3'),),
     [(59, "scenario-tension-overflow")]),
    ("tension can pass min", (("{start: 6,", "{start: 1,"),), [(40, "scenario-tension-overflow")]),
    ("missing field in a node", (('    mood: {en: "m", es: "m"}\n    choices:\n      - reply',
                                  '    choices:\n      - reply'),),
     [(23, "scenario-missing-field")]),
]


def load_text(tmp_path: Path, text: str, name: str = "sample.yml") -> tuple[object, list[Issue]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def test_base_is_clean(tmp_path: Path) -> None:
    scenario, issues = load_text(tmp_path, BASE)
    assert scenario is not None
    assert issues == []


@pytest.mark.parametrize(("edits", "expected"), [(e, x) for _, e, x in CASES],
                         ids=[name for name, _, _ in CASES])
def test_broken_input(tmp_path: Path, edits: tuple[tuple[str, str], ...],
                      expected: list[tuple[int, str]]) -> None:
    _, issues = load_text(tmp_path, edit(*edits))
    assert sorted((i.line, i.code) for i in issues) == expected
    for issue in issues:
        assert issue.path == tmp_path / "sample.yml"
        assert issue.message and issue.hint


def test_every_code_in_the_table_is_documented() -> None:
    codes = {code for _, _, expected in CASES for _, code in expected}
    assert len(CASES) >= 15
    assert {c for c in codes if c.startswith("scenario-")} <= set(CODES)


def messages(tmp_path: Path, *edits: tuple[str, str]) -> list[Issue]:
    return load_text(tmp_path, edit(*edits))[1]


def test_missing_target_names_the_id_and_suggests(tmp_path: Path) -> None:
    (issue,) = messages(tmp_path, ("        next: e\n", "        next: ee\n"))
    assert "'ee'" in issue.message
    assert issue.hint == "did you mean 'e'?"


def test_cycle_is_shown_as_a_path(tmp_path: Path) -> None:
    (issue,) = messages(tmp_path, ("next: lose}\n  e:", "next: b}\n  e:"))
    assert "b → c → d → b" in issue.message


def test_overflow_names_the_choice_and_the_path(tmp_path: Path) -> None:
    (issue,) = messages(tmp_path, ('"e2"}, tension: 2', '"e2"}, tension: 3'))
    assert "reach 11, above the maximum 10, at choice 2 of node 'e'" in issue.message
    assert "a (choice 2) → e (choice 2)" in issue.message
    assert "6 → 8 → 11" in issue.hint


def test_unknown_technique_suggests_the_closest(tmp_path: Path) -> None:
    (issue,) = messages(tmp_path, ("[validation]", "[validaton]"))
    assert issue.hint == "did you mean 'validation'?"


SHORT = BASE[:BASE.index("nodes:")] + """\
nodes:
  a:
    customer: {en: "A", es: "A"}
    mood: {en: "m", es: "m"}
    choices:
      - {reply: {en: "a1", es: "a1"}, tension: -1, feedback: {en: "f", es: "f"}, next: win, best: true}
      - {reply: {en: "a2", es: "a2"}, tension: 1, feedback: {en: "f", es: "f"}, next: lose}
endings:
  win:
    outcome: resolved
    title: {en: "W", es: "W"}
    customer: {en: "w", es: "w"}
    debrief: {en: "d", es: "d"}
  lose:
    outcome: escalated
    title: {en: "L", es: "L"}
    customer: {en: "l", es: "l"}
    debrief: {en: "d", es: "d"}
"""


def test_shape_warnings(tmp_path: Path) -> None:
    """One decision on the best path and two endings: the call plays, but warnings say it
    falls short of the course's standard (four decisions, three endings)."""
    _, issues = load_text(tmp_path, SHORT)
    assert sorted((i.line, i.code, i.is_error) for i in issues) == [
        (12, "scenario-short-best-path", False), (28, "scenario-few-endings", False)]


def test_not_a_mapping(tmp_path: Path) -> None:
    scenario, issues = load_text(tmp_path, "- just\n- a list\n")
    assert scenario is None
    assert [(i.line, i.code) for i in issues] == [(1, "scenario-type")]


def test_syntax_error_gives_no_scenario(tmp_path: Path) -> None:
    scenario, issues = load_text(tmp_path, "id: [unclosed\n")
    assert scenario is None
    assert [i.code for i in issues] == ["yaml-syntax"]


def test_load_folder(tmp_path: Path) -> None:
    (tmp_path / "sample.yml").write_text(BASE, encoding="utf-8")
    (tmp_path / "broken.yml").write_text(BASE, encoding="utf-8")  # id 'sample': mismatch
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    found, issues = load_scenarios(tmp_path)
    assert list(found) == ["sample"]
    assert [(i.path.name, i.code) for i in issues] == [("broken.yml", "scenario-id-mismatch")]
    assert load_scenarios(tmp_path / "absent") == ({}, [])


def test_model_helpers(tmp_path: Path) -> None:
    scenario, _ = load_text(tmp_path, BASE)
    assert [node.id for node, _ in best_path(scenario)] == ["a", "b", "c", "d"]
    assert best_ending(scenario).id == "win"
    assert best_indexes(scenario) == [0, 0, 0, 0]
    assert [(n.id, c.reply.en) for n, c in leads_to(scenario, "lose")] == [("d", "d2"), ("e", "e2")]
    assert scenario.customer_name.es == "Dana"
    assert scenario.nodes["a"].pos.line == 22
    assert scenario.nodes["a"].choices[1].pos.line == 32
    assert [tension_level(v, 0, 10).en for v in (0, 3, 5, 7, 10)] == [
        "calm", "uneasy", "frustrated", "angry", "about to hang up"]
