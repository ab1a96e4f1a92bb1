"""The benchmark's synthetic-course generator makes courses that load without errors.

A test of the generator (benchmarks/synth.py), not a timing: the timings live in
``make bench`` and BENCHMARKS.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import yaml

from course_builder.pipeline import load_and_check

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


def _synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cb_bench_synth", ROOT / "benchmarks/synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


synth = _synth()


def test_double_course_loads_without_errors(tmp_path: Path) -> None:
    original, original_issues = load_and_check(MINI)
    made = synth.make_synthetic(MINI, tmp_path / "course", 2)
    course, issues = load_and_check(made.root)

    errors = [f"{i.path.name}:{i.line}: [{i.code}] {i.message}" for i in issues if i.is_error]
    assert errors == []
    assert len(course.modules) == 2 * len(original.modules) == made.modules
    assert len(course.quizzes) == 2 * len(original.quizzes) == made.quizzes
    for lang in ("en", "es"):
        assert len(course.pages[lang]) == (len(original.pages[lang])
                                           + len(original.modules))
    # No new kind of warning either: the copies are as sound as the originals.
    assert {i.code for i in issues} <= {i.code for i in original_issues}


def test_copies_point_at_their_own_copies(tmp_path: Path) -> None:
    made = synth.make_synthetic(MINI, tmp_path / "course", 2)
    course, _ = load_and_check(made.root)

    page = course.pages["en"]["modules/words-c2.md"]
    assert page.id == "words-c2"
    assert {d.arg for d in page.directives if d.name == "quiz"} == {"words-c2"}
    assert "(listening-c2.md#emotion)" in page.body
    assert course.quizzes["words-c2"].module == "words-c2"
    outline = yaml.safe_load((made.root / "course.yml").read_text(encoding="utf-8"))
    sections = [e for e in outline["outline"] if "section" in e]
    assert {"en": "Core skills (2)", "es": "Habilidades esenciales (2)"} in [
        e["section"] for e in sections]
    # The source course is untouched.
    assert not (MINI / "docs" / "modules" / "words-c2.md").exists()


def test_rewrites_only_ids_directives_and_module_links() -> None:
    modules = {"listening": "listening-c3", "words": "words-c3"}
    widgets = {"words": "words-c3", "call": "call-c3"}
    page = ("---\nid: words\ntitle: Words\n---\n/// quiz | words\n///\n/// scenario | call\n///\n"
            "Listening is key: see [listening](listening.md#emotion), [the glossary]"
            "(../glossary.md) and [words](../modules/words.md).\n")
    out = synth.rewrite_page(page, modules, widgets)
    assert "id: words-c3\n" in out
    assert "/// quiz | words-c3\n" in out and "/// scenario | call-c3\n" in out
    assert "(listening-c3.md#emotion)" in out and "(../modules/words-c3.md)" in out
    assert "(../glossary.md)" in out and "Listening is key" in out

    quiz = "id: words\nmodule: words\nquestions:\n  - id: words\n    module: x\n"
    assert synth.rewrite_yaml(quiz, widgets, modules) == (
        "id: words-c3\nmodule: words-c3\nquestions:\n  - id: words\n    module: x\n")


def _run() -> ModuleType:
    sys.modules.setdefault("synth", _synth())  # run.py imports it by name, beside itself
    spec = importlib.util.spec_from_file_location("cb_bench_run", ROOT / "benchmarks/run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_strict_bench_fails_on_a_missed_target(tmp_path: Path) -> None:
    """`benchmarks/run.py --strict` turns the comparison with the targets into an exit code:
    the published results pass, and the same results with one measure over its target fail."""
    import json
    run = _run()
    latest = ROOT / "benchmarks" / "results" / "latest.json"
    assert run.main(["--render", str(latest), "--no-write", "--strict"]) == 0
    data = json.loads(latest.read_text(encoding="utf-8"))
    data["preview"]["latency_s"]["median"] = 2.5  # over the 2 s target
    slow = tmp_path / "slow.json"
    slow.write_text(json.dumps(data), encoding="utf-8")
    assert run.main(["--render", str(slow), "--no-write", "--strict"]) == 2
    assert run.main(["--render", str(slow), "--no-write"]) == 0
