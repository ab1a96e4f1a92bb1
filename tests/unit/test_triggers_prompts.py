"""The Trigger Word Swap's prompts (data/swap_prompts.yml): loading, and the checks that every
line has something to swap and no model answer uses trigger language."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.practice.prompts import MIN_PROMPTS, load_prompts
from course_builder.practice.triggers import load_triggers

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def triggers():  # type: ignore[no-untyped-def]
    found, issues = load_triggers(ROOT / "data" / "trigger_words.yml")
    assert issues == []
    return found


def test_the_repository_prompts(triggers) -> None:  # type: ignore[no-untyped-def]
    prompts, issues = load_prompts(ROOT / "data" / "swap_prompts.yml", triggers)
    assert issues == []
    assert len(prompts) >= MIN_PROMPTS
    assert len({p.id for p in prompts}) == len(prompts)
    for p in prompts:
        for lang in ("en", "es"):
            assert triggers.find(p.line[lang], lang), (p.id, lang)
            assert not triggers.find(p.model[lang], lang), (p.id, lang)
            assert p.context is not None and p.context[lang]
    # the lines exercise many kinds of trigger, not one over and over
    kinds = {m.trigger for p in prompts for m in triggers.find(p.line["en"], "en")}
    assert len(kinds) >= 10


def test_prompts_are_new_lines() -> None:
    """Written fresh: none repeats a line of the module's own paper exercise."""
    module = (ROOT / "docs" / "modules" / "strategic-language.md").read_text("utf-8")
    data = (ROOT / "data" / "swap_prompts.yml").read_text("utf-8")
    for line in data.splitlines():
        if line.strip().startswith("en: \"") and "line" not in line:
            text = line.split('"', 1)[1].rstrip('"')
            assert text[:40] not in module


ONE = """\
  - id: {id}
    line:
      en: "{en}"
      es: "{es}"
    model: {{en: "{men}", es: "{mes}"}}
"""


def prompt(pid: str = "p", en: str = "That's our policy.", es: str = "Es nuestra política.",
           men: str = "Here's the reason.", mes: str = "Le explico por qué.") -> str:
    return ONE.format(id=pid, en=en, es=es, men=men, mes=mes)


# (what is wrong, the file, the exact (line, code) pairs)
BAD: list[tuple[str, str, list[tuple[int, str]]]] = [
    ("not YAML", "prompts:\n  - id: p\n   line: x\n", [(3, "yaml-syntax")]),
    ("no prompts key", "prompt: []\n", [(1, "swap-unknown-field"), (1, "swap-missing-field")]),
    ("a prompt that is text", "prompts:\n  - hello\n", [(2, "swap-type"), (1, "swap-too-few")]),
    ("a line with no trigger", "prompts:\n" + prompt(en="Here's what I can do."),
     [(4, "swap-no-trigger"), (1, "swap-too-few")]),
    ("a Spanish line with no trigger", "prompts:\n" + prompt(es="Le explico."),
     [(5, "swap-no-trigger"), (1, "swap-too-few")]),
    ("a model answer with a trigger", "prompts:\n" + prompt(men="You'll have to wait."),
     [(6, "swap-model-has-trigger"), (1, "swap-too-few")]),
    ("a Spanish model answer with a trigger", "prompts:\n" + prompt(mes="Cálmese, por favor."),
     [(6, "swap-model-has-trigger"), (1, "swap-too-few")]),
    ("the same id twice", "prompts:\n" + prompt() + prompt(),
     [(7, "swap-duplicate-id"), (1, "swap-too-few")]),
    ("a line without Spanish", "prompts:\n  - id: p\n    line: {en: \"That's policy.\"}\n"
     "    model: {en: \"Here.\", es: \"Aquí.\"}\n",
     [(3, "swap-missing-translation"), (1, "swap-too-few")]),
    ("a line as plain text", "prompts:\n  - id: p\n    line: \"That's policy.\"\n"
     "    model: {en: \"Here.\", es: \"Aquí.\"}\n",
     [(3, "swap-missing-translation"), (1, "swap-too-few")]),
    ("HTML in a model answer", "prompts:\n" + prompt(men="<b>Here</b>"),
     [(6, "swap-unsafe-html"), (6, "swap-unsafe-html"), (1, "swap-too-few")]),
    ("no model answer", "prompts:\n  - id: p\n    line: {en: \"Policy.\", es: \"Política.\"}\n",
     [(2, "swap-missing-field"), (1, "swap-too-few")]),
    ("a bad id", "prompts:\n" + prompt(pid="Refund_1"), [(2, "swap-bad-id"), (1, "swap-too-few")]),
    ("an unknown field", "prompts:\n" + prompt() + "    hint: {en: a, es: b}\n",
     [(7, "swap-unknown-field"), (1, "swap-too-few")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_prompt_files(tmp_path: Path, triggers, name: str, text: str,  # type: ignore[no-untyped-def]
                          expected: list[tuple[int, str]]) -> None:
    path = tmp_path / "swap_prompts.yml"
    path.write_text(text, encoding="utf-8")
    _, issues = load_prompts(path, triggers)
    assert sorted((i.line, i.code) for i in issues) == sorted(expected)
    assert all(i.message and i.hint for i in issues)


def test_ten_good_prompts_pass(tmp_path: Path, triggers) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "swap_prompts.yml"
    path.write_text("prompts:\n" + "".join(prompt(pid=f"p{i}") for i in range(10)),
                    encoding="utf-8")
    prompts, issues = load_prompts(path, triggers)
    assert issues == [] and len(prompts) == 10
    assert prompts[0].line.es == "Es nuestra política."
