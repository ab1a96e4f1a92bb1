"""The quiz loader: a table of bad inputs to the exact (line, code) pairs they must produce.

Each case is a whole quiz file written to ``tmp_path/check.yml`` (so the id ``check`` matches
the file name). HEAD takes lines 1-5; the first question starts on line 6.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from course_builder.load.quizzes import CODES, check_quiz_refs, load_quiz, load_quizzes

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schemas" / "quiz.schema.json"

HEAD = """\
id: check
module: strategic-language
title: {en: "Check", es: "Verificación"}
pass_mark: 80
questions:
"""
# A valid single-choice question: lines 6-12 when it comes first.
SINGLE = """\
  - id: q1
    type: single
    objectives: [obj]
    prompt: {en: "P", es: "P"}
    options:
      - {id: a, text: {en: "A", es: "A"}, correct: true}
      - {id: b, text: {en: "B", es: "B"}}
"""


def q(body: str, qid: str = "q1", qtype: str = "single") -> str:
    """A question with the common fields (4 lines) followed by ``body``."""
    return (f"  - id: {qid}\n    type: {qtype}\n    objectives: [obj]\n"
            f"    prompt: {{en: \"P\", es: \"P\"}}\n{body}")


OPTS_2 = """\
    options:
      - {id: a, text: {en: "A", es: "A"}, correct: true}
      - {id: b, text: {en: "B", es: "B"}}
"""

# (name, file text, expected sorted [(line, code)], the JSON Schema rejects it too)
CASES: list[tuple[str, str, list[tuple[int, str]], bool]] = [
    ("yaml syntax", "id: check\ntitle: {en: \"T\", es: \"T\"\nmodule: x\n",
     [(2, "yaml-syntax")], False),
    ("empty file", "", [(1, "quiz-type")], False),
    ("not a mapping", "- id: check\n", [(1, "quiz-type")], True),
    ("duplicate key", HEAD.replace("pass_mark: 80\n", "pass_mark: 80\npass_mark: 90\n") + SINGLE,
     [(5, "yaml-duplicate-key")], False),
    ("unknown top field (typo) and so a missing one",
     HEAD.replace("pass_mark:", "pass-mark:") + SINGLE,
     [(1, "quiz-missing-field"), (4, "quiz-unknown-field")], True),
    ("missing title", HEAD.replace('title: {en: "Check", es: "Verificación"}\n', "") + SINGLE,
     [(1, "quiz-missing-field")], True),
    ("id differs from file name", HEAD.replace("id: check", "id: other") + SINGLE,
     [(1, "quiz-id-mismatch")], False),
    ("bad quiz id", HEAD.replace("id: check", "id: Check_1") + SINGLE,
     [(1, "quiz-bad-id")], True),
    ("pass_mark 0", HEAD.replace("80", "0") + SINGLE, [(4, "quiz-out-of-range")], True),
    ("pass_mark 101", HEAD.replace("80", "101") + SINGLE, [(4, "quiz-out-of-range")], True),
    ("pass_mark as text", HEAD.replace("80", '"80%"') + SINGLE, [(4, "quiz-type")], True),
    ("no questions", HEAD.replace("questions:", "questions: []"), [(5, "quiz-no-questions")],
     True),
    ("duplicate question id", HEAD + SINGLE + SINGLE, [(13, "quiz-duplicate-id")], False),
    ("a question that is only text", HEAD + SINGLE + "  - just a question?\n",
     [(13, "quiz-type")], True),
    ("an option that is only text",
     HEAD + SINGLE.replace('      - {id: b, text: {en: "B", es: "B"}}', '      - "B"'),
     [(10, "quiz-too-few-options"), (12, "quiz-type")], True),
    ("unknown type", HEAD + q(OPTS_2, qtype="singel"), [(7, "quiz-unknown-type")], True),
    ("missing type", HEAD + SINGLE.replace("    type: single\n", ""),
     [(6, "quiz-missing-field")], True),
    ("missing Spanish prompt", HEAD + SINGLE.replace('{en: "P", es: "P"}', '{en: "P"}'),
     [(9, "quiz-missing-translation")], True),
    ("prompt is a single text", HEAD + SINGLE.replace('{en: "P", es: "P"}', '"P"'),
     [(9, "quiz-missing-translation")], True),
    ("missing English option text",
     HEAD + SINGLE.replace('text: {en: "B", es: "B"}', 'text: {es: "B"}'),
     [(12, "quiz-missing-translation")], True),
    ("HTML in a string", HEAD + SINGLE.replace('{en: "P", es: "P"}',
                                               '{en: "P<br>", es: "P"}'),
     [(9, "quiz-unsafe-html")], False),
    ("unknown question field", HEAD + SINGLE + "    explanaton: {en: E, es: E}\n",
     [(13, "quiz-unknown-field")], True),
    ("no objectives", HEAD + SINGLE.replace("[obj]", "[]"), [(8, "quiz-no-objectives")], True),
    ("bad objective id", HEAD + SINGLE.replace("[obj]", "[Obj One]"), [(8, "quiz-bad-id")],
     True),
    ("single with two correct", HEAD + SINGLE.replace('"B"}}', '"B"}, correct: true}'),
     [(10, "quiz-correct-count")], True),
    ("single with none correct", HEAD + SINGLE.replace(", correct: true", ""),
     [(10, "quiz-correct-count")], True),
    ("best-response with two correct, no customer",
     HEAD + q(OPTS_2.replace('"B"}}', '"B"}, correct: true}'), qtype="best-response"),
     [(6, "quiz-missing-field"), (10, "quiz-correct-count")], True),
    ("multiple with none correct", HEAD + q(OPTS_2.replace(", correct: true", ""),
                                            qtype="multiple"),
     [(10, "quiz-no-correct")], True),
    ("one option", HEAD + q('    options:\n      - {id: a, text: {en: A, es: A}, correct: true}\n'),
     [(10, "quiz-too-few-options")], True),
    ("duplicate option id", HEAD + SINGLE.replace("{id: b,", "{id: a,"),
     [(12, "quiz-duplicate-id")], False),
    ("two options read the same", HEAD + SINGLE.replace('{en: "B", es: "B"}',
                                                        '{en: "a ", es: "B"}'),
     [(12, "quiz-ambiguous")], False),
    ("correct as text", HEAD + SINGLE.replace("correct: true", 'correct: "yes"'),
     [(10, "quiz-correct-count"), (11, "quiz-type")], True),
    ("true-false without answer", HEAD + q("", qtype="true-false"), [(6, "quiz-tf-answer")],
     True),
    ("true-false answer not boolean", HEAD + q('    answer: "false"\n', qtype="true-false"),
     [(10, "quiz-tf-answer")], True),
    ("true-false with options", HEAD + q("    answer: true\n" + OPTS_2, qtype="true-false"),
     [(11, "quiz-field-not-used")], True),
    ("true-false feedback with an unknown key",
     HEAD + q("    answer: true\n    feedback:\n      maybe: {en: M, es: M}\n",
              qtype="true-false"),
     [(12, "quiz-unknown-field")], True),
    ("feedback on a single question", HEAD + SINGLE + "    feedback: {en: F, es: F}\n",
     [(13, "quiz-field-not-used")], True),
    ("ordering with two items", HEAD + q("    items:\n      - {id: x, text: {en: X, es: X}}\n"
                                         "      - {id: y, text: {en: Y, es: Y}}\n",
                                         qtype="ordering"),
     [(10, "quiz-too-few-items")], True),
    ("ordering with a duplicate item id",
     HEAD + q("    items:\n      - {id: x, text: {en: X, es: X}}\n"
              "      - {id: y, text: {en: Y, es: Y}}\n      - {id: x, text: {en: Z, es: Z}}\n",
              qtype="ordering"),
     [(13, "quiz-duplicate-id")], False),
    ("matching with two pairs",
     HEAD + q("    pairs:\n      - {id: x, left: {en: L1, es: L1}, right: {en: R1, es: R1}}\n"
              "      - {id: y, left: {en: L2, es: L2}, right: {en: R2, es: R2}}\n",
              qtype="matching"),
     [(10, "quiz-too-few-pairs")], True),
    ("matching with two identical right sides",
     HEAD + q("    pairs:\n      - {id: x, left: {en: L1, es: L1}, right: {en: R1, es: R1}}\n"
              "      - {id: y, left: {en: L2, es: L2}, right: {en: R2, es: R2}}\n"
              "      - {id: z, left: {en: L3, es: L3}, right: {en: R1, es: R3}}\n",
              qtype="matching"),
     [(13, "quiz-ambiguous")], False),
    ("items on a matching question",
     HEAD + q("    pairs:\n      - {id: x, left: {en: L1, es: L1}, right: {en: R1, es: R1}}\n"
              "      - {id: y, left: {en: L2, es: L2}, right: {en: R2, es: R2}}\n"
              "      - {id: z, left: {en: L3, es: L3}, right: {en: R3, es: R3}}\n"
              "    items: []\n", qtype="matching"),
     [(14, "quiz-field-not-used")], True),
]


def _write(tmp_path: Path, text: str, name: str = "check.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "expected"), [(c[1], c[2]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input_gives_exact_line_and_code(tmp_path: Path, text: str,
                                             expected: list[tuple[int, str]]) -> None:
    _, issues = load_quiz(_write(tmp_path, text))
    found = sorted((i.line, i.code) for i in issues)
    assert found == expected, "\n".join(f"{i.line}: [{i.code}] {i.message}" for i in issues)
    for issue in issues:
        assert issue.path.name == "check.yml"
        assert issue.message and issue.hint, issue
        assert issue.code in CODES, f"{issue.code} is not documented in CODES"


def test_valid_base_has_no_issues(tmp_path: Path) -> None:
    quiz, issues = load_quiz(_write(tmp_path, HEAD + SINGLE))
    assert issues == []
    assert quiz is not None and quiz.id == "check" and quiz.pass_mark == 80
    (question,) = quiz.questions
    assert question.type == "single" and [o.id for o in question.correct_options] == ["a"]
    assert question.prompt["es"] == "P" and question.pos.line == 6


def test_messages_say_what_to_do(tmp_path: Path) -> None:
    _, issues = load_quiz(_write(tmp_path, HEAD + q(OPTS_2, qtype="singel")))
    assert issues[0].hint == "did you mean 'single'?"
    _, issues = load_quiz(_write(tmp_path, HEAD + q(OPTS_2, qtype="truefalse")))
    assert issues[0].hint == "did you mean 'true-false'?"
    two = HEAD + SINGLE.replace('"B"}}', '"B"}, correct: true}')
    _, issues = load_quiz(_write(tmp_path, two))
    assert "has 2 (a, b)" in issues[0].message
    _, issues = load_quiz(_write(tmp_path, HEAD.replace("id: check", "id: other") + SINGLE))
    assert "rename the file to other.yml" in issues[0].hint


def test_yaml_failure_returns_no_quiz(tmp_path: Path) -> None:
    quiz, issues = load_quiz(_write(tmp_path, "id: [\n"))
    assert quiz is None and issues[0].code == "yaml-syntax"


def test_true_false_feedback_and_all_types_load() -> None:
    quiz, issues = load_quiz(ROOT / "tests" / "fixtures" / "quiz" / "sample-check.yml")
    assert issues == [] and quiz is not None
    tf = quiz.question("agree-to-validate")
    assert tf is not None and tf.answer is False and tf.tf_feedback is not None
    assert tf.tf_feedback.for_value(False) is not None
    assert tf.tf_feedback.for_value(False)["en"].startswith("Right")  # type: ignore[index]
    order = quiz.question("three-steps")
    assert order is not None and order.items[0].id == "safety"


def test_load_quizzes_reports_duplicate_ids_with_both_files(tmp_path: Path) -> None:
    _write(tmp_path, HEAD + SINGLE)
    _write(tmp_path, HEAD + SINGLE, "copy.yml")  # declares id 'check' too
    _write(tmp_path, HEAD + SINGLE, "old.yaml")
    quizzes, issues = load_quizzes(tmp_path)
    assert list(quizzes) == ["check"]
    assert quizzes["check"].path.name == "check.yml"
    codes = sorted((i.path.name, i.line, i.code) for i in issues)
    assert codes == [("copy.yml", 1, "quiz-duplicate-quiz"), ("copy.yml", 1, "quiz-id-mismatch"),
                     ("old.yaml", 0, "quiz-other-extension")]
    dup = next(i for i in issues if i.code == "quiz-duplicate-quiz")
    assert "copy.yml" in dup.message and "check.yml" in dup.message


def test_load_quizzes_of_missing_folder(tmp_path: Path) -> None:
    assert load_quizzes(tmp_path / "nope") == ({}, [])


def test_check_quiz_refs(tmp_path: Path) -> None:
    quizzes, _ = load_quizzes(Path(_write(tmp_path, HEAD + SINGLE)).parent)
    assert check_quiz_refs(quizzes, {"strategic-language": ["obj"]}) == []
    issues = check_quiz_refs(quizzes, {"strategic-language": ["obj-2"]})
    assert [(i.line, i.code, i.hint) for i in issues] == [
        (6, "quiz-unknown-objective", "did you mean 'obj-2'?")]
    issues = check_quiz_refs(quizzes, {"strategic-languages": []})
    assert [(i.code, i.hint) for i in issues] == [
        ("quiz-unknown-module", "did you mean 'strategic-languages'?")]


def test_every_code_is_documented() -> None:
    source = (ROOT / "course_builder" / "load" / "quizzes.py").read_text(encoding="utf-8")
    emitted = set(re.findall(r'"(quiz-[a-z-]+)"', source))
    assert emitted <= set(CODES)
    assert all(CODES[c].strip() for c in CODES)


# -- the JSON Schema ---------------------------------------------------------------------------
def _schema() -> dict:  # type: ignore[type-arg]
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def _data(text: str) -> object:
    """YAML as an editor's schema check sees it: keys are text (``true:`` is "true")."""

    def keys_as_text(value: object) -> object:
        if isinstance(value, dict):
            return {(str(k).lower() if isinstance(k, bool) else k): keys_as_text(v)
                    for k, v in value.items()}
        if isinstance(value, list):
            return [keys_as_text(v) for v in value]
        return value

    return keys_as_text(yaml.safe_load(text))


def test_schema_is_valid_2020_12() -> None:
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("text", [c[1] for c in CASES if c[3]],
                         ids=[c[0] for c in CASES if c[3]])
def test_schema_rejects_bad_inputs(text: str) -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    assert list(validator.iter_errors(_data(text))), "the schema accepted a bad quiz"


def test_schema_accepts_the_fixture_and_the_base() -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    fixture = ROOT / "tests" / "fixtures" / "quiz" / "sample-check.yml"
    for data in (_data(fixture.read_text(encoding="utf-8")), _data(HEAD + SINGLE)):
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == []


QUIZ_FILES = sorted((ROOT / "quizzes").glob("*.yml"))


@pytest.mark.skipif(not QUIZ_FILES, reason="quizzes/ has no .yml files yet: nothing to validate")
@pytest.mark.parametrize("path", QUIZ_FILES, ids=[p.name for p in QUIZ_FILES])
def test_every_quiz_file_validates_against_the_schema(path: Path) -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator.iter_errors(_data(path.read_text(encoding="utf-8")))]
    assert errors == []
