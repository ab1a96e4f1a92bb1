"""Every code a check can emit is documented (course_builder/codes.py and each module's CODES),
and CONTRIBUTING.md's "Error codes" section is the one generated from them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from course_builder.codes import (
    CODE_RE,
    END,
    PACKAGE,
    START,
    all_codes,
    code_modules,
    group_of,
    markdown_section,
)
from course_builder.pipeline import load_and_check

ROOT = Path(__file__).resolve().parents[2]


def emitted_in_source() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(literal codes, f-string code patterns) passed to calls in modules that make Issues."""
    prefixes = {c.split("-")[0] for c in all_codes()}
    literals: set[tuple[str, str]] = set()
    patterns: set[tuple[str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "Issue" not in source:
            continue
        where = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
                        and CODE_RE.match(arg.value) and arg.value.split("-")[0] in prefixes:
                    literals.add((arg.value, where))
                elif isinstance(arg, ast.JoinedStr):
                    parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z0-9-]+"
                             for v in arg.values]
                    pattern = "".join(parts)
                    fixed = pattern.replace("[a-z0-9-]+", "").replace("\\-", "-")
                    if re.fullmatch(r"[a-z-]+", fixed) and "-" in fixed:
                        patterns.add((pattern, where))
    return literals, patterns


def test_every_literal_code_in_the_source_is_documented() -> None:
    literals, _ = emitted_in_source()
    assert len(literals) > 50
    assert sorted(c for c in literals if c[0] not in all_codes()) == []


def test_every_code_pattern_in_the_source_matches_documented_codes() -> None:
    _, patterns = emitted_in_source()
    assert patterns
    codes = list(all_codes())
    assert sorted(p for p in patterns if not any(re.fullmatch(p[0], c) for c in codes)) == []


def test_codes_emitted_by_a_broken_course_are_documented(mini_course: Path) -> None:
    """Break the mini course in many ways; every code reported must be in the registry."""
    words = mini_course / "docs/modules/words.md"
    words.write_text(words.read_text()
                     .replace("## The swap {#swap}", "# The swap\n\n#### Deep")
                     .replace("/// quiz | words", "/// quiz | nowhere")
                     .replace("Words matter.", "![](x.png) [click here](nowhere.md#x) TODO"))
    (mini_course / "docs_es/glossary.md").unlink()
    quiz = mini_course / "quizzes/words.yml"
    quiz.write_text(quiz.read_text().replace("pass_mark: 50", "pass_mark: 500\ncolour: red"))
    outline = mini_course / "course.yml"
    outline.write_text(outline.read_text().replace("[listening, words]",
                                                   "[listening, words, words, ghost]"))
    _, issues = load_and_check(mini_course)
    found = {i.code for i in issues}
    assert len(found) >= 10
    assert sorted(found - set(all_codes())) == []


def test_registry_is_well_formed() -> None:
    codes = all_codes()
    assert "course_builder.translations" in code_modules()
    assert "course_builder.checks.lints" in code_modules()
    for code, meaning in codes.items():
        assert CODE_RE.match(code), code
        assert meaning and meaning == meaning.strip() and "\n" not in meaning, code
        assert group_of(code) != "Other", f"{code}: add its prefix to codes.GROUPS"


def test_contributing_lists_every_code() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert START in text and END in text, "CONTRIBUTING.md has no generated Error codes section"
    current = START + text.split(START, 1)[1].split(END, 1)[0] + END
    if current != markdown_section():
        pytest.fail("CONTRIBUTING.md's Error codes section is out of date: run "
                    "`python -m course_builder.codes --write` and commit the result")
    for code in all_codes():
        assert f"| `{code}` |" in current
