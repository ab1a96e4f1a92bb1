"""`course-builder new`: files in both languages from templates, registered, never overwriting;
placeholders fail `check` until replaced, and the filled-in skeleton passes."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from course_builder.pipeline import load_and_check
from course_builder.project import load_course
from course_builder.scaffold import (
    ScaffoldError,
    add_module_to_outline,
    insert_block,
    new_module,
    new_quiz,
    new_scenario,
    template,
)
from course_builder.translations import collect

ROOT = Path(__file__).resolve().parents[2]


def problems(root: Path) -> list[tuple[str, str, str]]:
    _, issues = load_and_check(root)
    return sorted((str(i.path.relative_to(root)), i.code, i.severity.value) for i in issues)


def errors(root: Path) -> list[tuple[str, str, str]]:
    return [p for p in problems(root) if p[2] == "error"]


def fill_in(*paths: Path) -> None:
    """What an editor does: replace every TODO placeholder with real text."""
    for path in paths:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"TODO:? ?", "", text), encoding="utf-8")


def test_new_module_creates_both_languages_and_its_quiz(mini_course: Path) -> None:
    result = new_module(mini_course, "handling-silence", section="Core skills",
                        title="Handling silence", title_es="Cómo manejar el silencio")
    created = sorted(p.relative_to(mini_course).as_posix() for p in result.created)
    assert created == ["docs/modules/handling-silence.md",
                       "docs_es/modules/handling-silence.md", "quizzes/handling-silence.yml"]
    outline = yaml.safe_load((mini_course / "course.yml").read_text())
    core = next(e for e in outline["outline"] if e.get("section", {}).get("en") == "Core skills")
    assert core["modules"] == ["listening", "words", "handling-silence"]
    course, _ = load_course(mini_course)
    assert course.page("es", "modules/handling-silence.md").title == "Cómo manejar el silencio"
    assert course.quizzes["handling-silence"].module == "handling-silence"
    # the new Spanish starts as reviewed against the new English
    status = {(e.file, e.kind): e.status for e in collect(course)}
    assert status[("docs_es/modules/handling-silence.md", "page")] == "up-to-date"


def test_placeholders_fail_check_until_replaced_then_it_passes(mini_course: Path) -> None:
    new_module(mini_course, "handling-silence", section="Core skills")
    new_scenario(mini_course, "late-refund", module="handling-silence", industry="e-commerce")
    found = errors(mini_course)
    assert ("docs/modules/handling-silence.md", "page-todo", "error") in found
    assert ("docs_es/modules/handling-silence.md", "page-todo", "error") in found
    assert ("quizzes/handling-silence.yml", "yaml-todo", "error") in found
    assert ("scenarios/late-refund.yml", "yaml-todo", "error") in found
    assert {code for _, code, _ in found} == {"page-todo", "yaml-todo"}
    fill_in(*(mini_course / p for p in (
        "docs/modules/handling-silence.md", "docs_es/modules/handling-silence.md",
        "quizzes/handling-silence.yml", "scenarios/late-refund.yml")))
    assert errors(mini_course) == []
    # the English changed after stamping: the Spanish is stale until reviewed
    assert ("docs_es/modules/handling-silence.md", "translation-stale", "warning") \
        in problems(mini_course)
    done = subprocess.run([sys.executable, "-m", "course_builder", "translations", "review",
                           "docs_es/modules/handling-silence.md", "quizzes/handling-silence.yml",
                           "scenarios/late-refund.yml"], cwd=mini_course, text=True,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [p for p in problems(mini_course) if p[1] == "translation-stale"] == []


def test_new_never_overwrites_and_writes_nothing_when_refusing(mini_course: Path) -> None:
    existing = mini_course / "quizzes" / "handling-silence.yml"
    existing.write_text("# mine\n")
    outline_before = (mini_course / "course.yml").read_text()
    with pytest.raises(ScaffoldError, match="already exists"):
        new_module(mini_course, "handling-silence")
    assert existing.read_text() == "# mine\n"
    assert not (mini_course / "docs/modules/handling-silence.md").exists()
    assert not (mini_course / "docs_es/modules/handling-silence.md").exists()
    assert (mini_course / "course.yml").read_text() == outline_before
    with pytest.raises(ScaffoldError, match="already listed"):
        new_module(mini_course, "words")
    with pytest.raises(ScaffoldError, match="already exists"):
        new_quiz(mini_course, "words")


@pytest.mark.parametrize(("call", "message"), [
    (lambda root: new_module(root, "Bad Id"), "not a valid module id"),
    (lambda root: new_module(root, "x", section="Nowhere"), "no section called 'Nowhere'"),
    (lambda root: new_quiz(root, "orphan"), "which module"),
    (lambda root: new_quiz(root, "q", module="nope"), "'nope' is not a module"),
    (lambda root: new_scenario(root, "s", module="words", industry="retail"),
     "not an industry"),
], ids=["bad id", "unknown section", "quiz without module", "unknown module", "bad industry"])
def test_new_refuses_bad_requests(mini_course: Path, call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScaffoldError, match=message):
        call(mini_course)


def test_new_quiz_is_embedded_in_both_pages_and_keeps_the_review(mini_course: Path) -> None:
    from course_builder.translations import review
    course, _ = load_course(mini_course)
    review(course, [], everything=True)
    result = new_quiz(mini_course, "words-extra", module="words")
    assert {p.relative_to(mini_course).as_posix() for p in result.changed} == \
        {"docs/modules/words.md", "docs_es/modules/words.md"}
    course, _ = load_course(mini_course)
    for lang in ("en", "es"):
        page = course.page(lang, "modules/words.md")
        names = [(d.name, d.arg) for d in page.directives]
        # right after the existing check
        assert names.index(("quiz", "words-extra")) == names.index(("quiz", "words")) + 1
    assert course.quizzes["words-extra"].questions[0].objectives == ("swap",)
    statuses = {e.file: e.status for e in collect(course) if e.kind == "page"}
    assert statuses["docs_es/modules/words.md"] == "up-to-date"
    assert not [e for e in errors(mini_course) if e[1] not in ("yaml-todo",)]


def test_the_scenario_skeleton_passes_the_graph_rules(mini_course: Path) -> None:
    new_scenario(mini_course, "late-refund", module="words", embed=False)
    found = problems(mini_course)
    scenario = [p for p in found if p[0] == "scenarios/late-refund.yml" and p[2] == "error"]
    assert scenario == [("scenarios/late-refund.yml", "yaml-todo", "error")]


def test_module_template_follows_contributing() -> None:
    """The shape CONTRIBUTING.md asks for, in both languages."""
    for lang, untrained, trained, takeaways in (
            ("en", "Untrained reply", "Trained reply", "Key takeaways"),
            ("es", "Respuesta sin entrenamiento", "Respuesta entrenada", "Puntos clave")):
        text = template(f"module.{lang}.md").substitute(id="x", title="T")
        assert not re.search(r"^# ", text, re.MULTILINE)
        headings = re.findall(r"^(#{2,3}) .*$", text, re.MULTILINE)
        assert headings and all(re.search(r"\{#[a-z0-9-]+\}$", h) for h in
                                re.findall(r"^#{2,3} .*$", text, re.MULTILINE))
        assert f'!!! failure "{untrained}"' in text and f'!!! success "{trained}"' in text
        assert text.count("/// practice |") >= 2 and "/// quiz | x" in text
        assert f"## {takeaways} {{#key-takeaways}}" in text and "/// facilitator" in text
        assert text.count("TODO") >= 10


@pytest.mark.parametrize(("section", "expected"), [
    (None, "modules: [new-one]"),                 # the last section with modules
    ("A", "modules: [x, y, new-one]  # keep"),
    ("Esenciales", "      - b\n      - new-one\n"),
    ("3", "    pages: [g.md]\n    modules: [new-one]\n"),
])
def test_add_module_to_outline_only_inserts(section: str | None, expected: str) -> None:
    text = ("outline:\n  - page: index.md\n  - section: {en: A, es: B}\n"
            "    modules: [x, y]  # keep\n  - section:\n      en: Core\n      es: Esenciales\n"
            "    modules:\n      - a\n      - b\n  - section: {en: Ref, es: Ref}\n"
            "    pages: [g.md]\n  - section: {en: E, es: E}\n    modules: []\n")
    new, _ = add_module_to_outline(text, "new-one", section)
    assert expected in new
    ops = difflib.SequenceMatcher(None, text, new, autojunk=False).get_opcodes()
    assert {op for op, *_ in ops} <= {"equal", "insert"}  # nothing removed or rewritten


def test_insert_block_before_a_line_or_at_the_end() -> None:
    assert insert_block("a\nb\n", "X\n", 2) == "a\nX\n\nb\n"
    assert insert_block("a\nb\n", "X\n", 0) == "a\nb\n\nX\n"


def test_new_command(mini_course: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "course_builder", "new", *args],
                              cwd=mini_course, text=True, capture_output=True, timeout=120)
    first = run("module", "handling-silence", "--section", "2")
    assert first.returncode == 0, first.stderr
    assert "created  docs/modules/handling-silence.md" in first.stdout
    assert "changed  course.yml" in first.stdout
    again = run("module", "handling-silence")
    assert again.returncode == 1 and "already" in again.stderr


def test_add_module_to_workshop_appends_a_skeleton() -> None:
    from course_builder.scaffold import add_module_to_workshop
    text = ("# comment\nmodules:\n  - id: a\n    blocks:\n      - id: a-one\n"
            "        kind: exercise\n        steps:\n          - en: \"x\"\n"
            "            es: \"y\"\n")
    new = add_module_to_workshop(text, "new-one")
    assert new.startswith(text)  # only appended
    module = yaml.safe_load(new)["modules"][1]
    assert module["id"] == "new-one"
    assert [b["id"] for b in module["blocks"]] == ["new-one-opening", "new-one-check"]
    assert module["blocks"][1]["quiz"] == "new-one"
    assert all(b["objectives"] == ["first-objective"] for b in module["blocks"])
    without_quiz = yaml.safe_load(add_module_to_workshop(text, "n", quiz=False))["modules"][1]
    assert [b["id"] for b in without_quiz["blocks"]] == ["n-opening"]
    with pytest.raises(ScaffoldError, match="already has blocks"):
        add_module_to_workshop(text, "a")


def test_new_module_in_the_real_course(tmp_path: Path) -> None:
    """In the repository's course, a filled-in new module leaves only the workshop planning
    (scheduling its blocks in the formats) to do, which the workshop checks name."""
    root = tmp_path / "course"
    for name in ("course.yml", "docs", "docs_es", "quizzes", "scenarios", "workshop", "data"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        elif src.is_file():
            root.mkdir(exist_ok=True)
            shutil.copy(src, root / name)
    before = {code for _, code, _ in errors(root)}
    result = new_module(root, "handling-silence", section="Core skills")
    assert root / "workshop/modules.yml" in result.changed
    found = {code for _, code, _ in errors(root)} - before
    assert {"page-todo", "yaml-todo"} <= found
    assert all(code in ("page-todo", "yaml-todo") or code.startswith("workshop-")
               for code in found), found
    fill_in(root / "docs/modules/handling-silence.md", root / "docs_es/modules/handling-silence.md",
            root / "quizzes/handling-silence.yml", root / "workshop/modules.yml")
    left = {code for _, code, _ in errors(root)} - before
    assert all(code.startswith("workshop-") for code in left), left
