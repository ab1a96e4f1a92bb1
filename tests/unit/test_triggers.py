"""The trigger-word list: loading with lines, the matcher (one table shared with the browser's
matcher), and the rules file the two read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course_builder.model.text import Text
from course_builder.practice.triggers import (
    Rules,
    Trigger,
    TriggerList,
    load_triggers,
    normalise,
    rules,
)

ROOT = Path(__file__).resolve().parents[2]
CASES = json.loads((Path(__file__).parent / "trigger_match_cases.json").read_text("utf-8"))
RULES_FILE = ROOT / "course_builder" / "assets" / "practice-rules.json"


def case_triggers() -> TriggerList:
    """The small list the shared cases are written against (not the editors' list)."""
    return TriggerList(tuple(
        Trigger(t["id"], {"en": tuple(t["en"]), "es": tuple(t["es"])}, Text("", ""),
                {"en": (), "es": ()},
                exceptions={k: tuple(v) for k, v in t.get("except", {}).items()})
        for t in CASES["triggers"]))


# -- the matcher -----------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: f"{c['lang']}:{c['text'][:30]}")
def test_shared_matching_cases(case: dict) -> None:
    found = case_triggers().find(case["text"], case["lang"])
    assert [[m.trigger, m.text] for m in found] == case["expect"]
    for m in found:  # positions point at the words as written
        assert case["text"][m.start:m.end] == m.text


def test_the_case_table_is_broad() -> None:
    """Inflections, accents, case, words inside words, curly apostrophes, both languages."""
    texts = [c["text"] for c in CASES["cases"]]
    assert len(texts) >= 30
    assert any("’" in t for t in texts) and any("\u0301" in t for t in texts)
    assert {c["lang"] for c in CASES["cases"]} == {"en", "es"}
    assert sum(not c["expect"] for c in CASES["cases"]) >= 8  # near misses that must not match


def test_normalise_keeps_a_map_to_the_original() -> None:
    norm, where = normalise("Es  POLÍTICA’s")
    assert norm == "es politicas"
    assert len(where) == len(norm)
    assert where[norm.index("p")] == 4


def test_rules_file_matches_the_defaults() -> None:
    """The dataclass defaults document the shipped file; both sides read the file."""
    data = json.loads(RULES_FILE.read_text("utf-8"))
    assert rules() == Rules()
    assert {k: data[k] for k in Rules().as_json()} == Rules().as_json()
    assert "’" in data["apostrophes"] and data["apostrophe_becomes"] == ""


def test_find_prefers_the_longest_overlapping_phrase() -> None:
    found = case_triggers().find("You'll have to ask: company policy.", "en")
    assert [(m.trigger, m.phrase) for m in found] == [("have-to", "you'll have to"),
                                                       ("policy", "company policy")]


# -- the editors' list -----------------------------------------------------------------------
def test_the_repository_list_loads_cleanly() -> None:
    triggers, issues = load_triggers(ROOT / "data" / "trigger_words.yml")
    assert issues == []
    assert len(triggers.triggers) >= 10
    for t in triggers.triggers:
        assert t.phrases["en"] and t.phrases["es"], t.id
        assert t.alternatives["en"] and t.alternatives["es"], t.id
        assert t.why.en and t.why.es, t.id
    assert [m.trigger for m in triggers.find("Es nuestra política", "es")] == ["policy"]
    assert [m.trigger for m in triggers.find("That's our policy", "en")] == ["policy"]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # conditional and plural forms, and an object pronoun between "no" and the verb
    ("You'd have to call the bank first.", "en", ("have-to", "You'd have to")),
    ("You would need to send it again.", "en", ("have-to", "You would need to")),
    ("Ustedes tienen que llamar al banco.", "es", ("have-to", "tienen que")),
    ("Tendrían que enviarlo otra vez.", "es", ("have-to", "Tendrían que")),
    ("No la podemos mandar hoy.", "es", ("cant", "No la podemos")),
    ("Eso no se lo puedo confirmar.", "es", ("cant", "no se lo puedo")),
])
def test_the_repository_list_catches_common_variants(text: str, lang: str,
                                                     expected: tuple[str, str]) -> None:
    triggers, _ = load_triggers(ROOT / "data" / "trigger_words.yml")
    assert [(m.trigger, m.text) for m in triggers.find(text, lang)] == [expected]


@pytest.mark.parametrize(("text", "lang"), [
    ("Eso tiene que ver con el cargo de marzo.", "es"),
    ("Los dos cobros tienen que ver con el mismo pedido.", "es"),
    ("Could you read me your policy number?", "en"),
    ("Your policy covers the repair.", "en"),
])
def test_the_repository_list_leaves_calm_phrases_alone(text: str, lang: str) -> None:
    triggers, _ = load_triggers(ROOT / "data" / "trigger_words.yml")
    assert triggers.find(text, lang) == []
    have_to = next(t for t in triggers.browser_data("es") if t["id"] == "have-to")
    assert "tiene que ver con" in have_to["x"]  # the Trigger Word Swap gets them too


GOOD = """\
triggers:
  - id: cant
    en: ["can't"]
    es: ["no puedo"]
    why: {en: "Shuts the door.", es: "Cierra la puerta."}
    alternatives: {en: ["Here's what I can do"], es: ["Lo que sí puedo hacer es"]}
"""

# Each row: (what is wrong, the file, the exact (line, code) pairs reported).
BAD_FILES: list[tuple[str, str, list[tuple[int, str]]]] = [
    ("bad indentation", "triggers:\n  - id: cant\n   en: x\n", [(3, "yaml-syntax")]),
    ("a list at the top", "- id: cant\n", [(1, "triggers-type"), (1, "triggers-missing-field")]),
    ("no triggers key", "trigger: []\n",
     [(1, "triggers-unknown-field"), (1, "triggers-missing-field")]),
    ("triggers is not a list", "triggers: cant\n", [(1, "triggers-type")]),
    ("an entry is not a mapping", "triggers:\n  - cant\n", [(2, "triggers-type")]),
    ("no Spanish phrases", GOOD.replace('    es: ["no puedo"]\n', ""),
     [(2, "triggers-missing-translation")]),
    ("empty phrase list", GOOD.replace('en: ["can\'t"]', "en: []"), [(3, "triggers-empty-list")]),
    ("a phrase that is a number", GOOD.replace('en: ["can\'t"]', 'en: ["can\'t", 3]'),
     [(3, "triggers-type")]),
    ("a regular expression", GOOD.replace('en: ["can\'t"]', 'en: ["can(no)?t"]'),
     [(3, "triggers-regex")]),
    ("an id with capitals", GOOD.replace("id: cant", "id: Cant"), [(2, "triggers-bad-id")]),
    ("an unknown field", GOOD + "    colour: red\n", [(7, "triggers-unknown-field")]),
    ("why without Spanish", GOOD.replace(', es: "Cierra la puerta."', ""),
     [(5, "triggers-missing-translation")]),
    ("alternatives without Spanish",
     GOOD.replace(', es: ["Lo que sí puedo hacer es"]', ""),
     [(6, "triggers-missing-translation")]),
    ("no alternatives", GOOD.replace(
        '    alternatives: {en: ["Here\'s what I can do"], es: ["Lo que sí puedo hacer es"]}\n',
        ""), [(2, "triggers-missing-field")]),
    ("an alternative that uses a trigger", GOOD.replace(
        "Here's what I can do", "I can't, but here's what I can do"),
     [(6, "triggers-alternative-has-trigger")]),
    ("HTML in an alternative", GOOD.replace("Lo que sí puedo hacer es", "<b>Lo que sí</b>"),
     [(6, "triggers-unsafe-html"), (6, "triggers-unsafe-html")]),
    ("the same id twice", GOOD + GOOD.split("\n", 1)[1].replace("can't", "cannot")
     .replace("no puedo", "no podemos"), [(7, "triggers-duplicate-id")]),
    ("the same phrase twice (accents and case ignored)",
     GOOD + GOOD.split("\n", 1)[1].replace("id: cant", "id: cant-again")
     .replace("can't", "CAN’T").replace("no puedo", "nó puedo"),
     [(7, "triggers-duplicate-phrase"), (7, "triggers-duplicate-phrase")]),
    ("a duplicate key", GOOD.replace('    es: ["no puedo"]\n',
                                     '    es: ["no puedo"]\n    es: ["no podemos"]\n'),
     [(5, "yaml-duplicate-key")]),
    ("an exception that holds no phrase of its trigger", GOOD.replace(
        '    es: ["no puedo"]\n', '    es: ["no puedo"]\n    except: {es: ["no sé"]}\n'),
     [(5, "triggers-exception-unused")]),
    ("an exception holding another trigger's phrase only", GOOD.replace(
        '    es: ["no puedo"]\n', '    es: ["no puedo"]\n    except:\n      en: ["cannot wait"]\n'),
     [(6, "triggers-exception-unused")]),
    ("exceptions that are not a mapping", GOOD.replace(
        '    es: ["no puedo"]\n', '    es: ["no puedo"]\n    except: ["no puedo creerlo"]\n'),
     [(5, "triggers-type")]),
    ("exceptions in an unknown language", GOOD.replace(
        '    es: ["no puedo"]\n', '    es: ["no puedo"]\n    except: {fr: ["je ne peux"]}\n'),
     [(5, "triggers-unknown-field")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), BAD_FILES, ids=[r[0] for r in BAD_FILES])
def test_bad_trigger_files(tmp_path: Path, name: str, text: str,
                           expected: list[tuple[int, str]]) -> None:
    path = tmp_path / "trigger_words.yml"
    path.write_text(text, encoding="utf-8")
    _, issues = load_triggers(path)
    assert sorted((i.line, i.code) for i in issues) == sorted(expected)
    for issue in issues:
        assert issue.path == path and issue.message and issue.hint


def test_a_good_file_has_no_issues(tmp_path: Path) -> None:
    path = tmp_path / "trigger_words.yml"
    path.write_text(GOOD, encoding="utf-8")
    triggers, issues = load_triggers(path)
    assert issues == []
    assert triggers.get("cant") is not None
    assert triggers.browser_data("es") == [{"id": "cant", "p": ["no puedo"],
                                            "w": "Cierra la puerta.",
                                            "a": ["Lo que sí puedo hacer es"]}]


def test_exceptions_load_and_reach_the_browser(tmp_path: Path) -> None:
    path = tmp_path / "trigger_words.yml"
    path.write_text(GOOD.replace('    es: ["no puedo"]\n',
                                 '    es: ["no puedo"]\n    except: {es: ["no puedo creerlo"]}\n'),
                    encoding="utf-8")
    triggers, issues = load_triggers(path)
    assert issues == []
    assert triggers.find("¡No puedo creerlo, qué buena noticia!", "es") == []
    assert [m.text for m in triggers.find("No puedo creerlo y no puedo hacerlo.", "es")] == \
        ["no puedo"]
    assert triggers.browser_data("es")[0]["x"] == ["no puedo creerlo"]
    assert "x" not in triggers.browser_data("en")[0]
