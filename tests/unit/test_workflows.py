"""The GitHub workflows: valid YAML with the expected triggers, jobs and steps, calling Makefile
targets that exist, with shell steps that parse."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    if True in data:  # YAML 1.1 reads the key `on` as true; GitHub reads it as "on"
        data["on"] = data.pop(True)
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def uses(job: dict[str, Any]) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(s["run"] for s in steps(job) if "run" in s)


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):", text, re.MULTILINE))


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_workflow_shape(name: str) -> None:
    data = load(name)
    assert data["name"] and data["on"] and data["jobs"]
    for job_id, job in data["jobs"].items():
        assert job["runs-on"] == "ubuntu-latest", job_id
        for step in steps(job):
            assert ("uses" in step) != ("run" in step), f"{job_id}: {step}"
            if "uses" in step:
                assert re.match(r"^[\w.-]+/[\w.-]+@v\d+$", step["uses"]), step["uses"]
        for target in re.findall(r"\bmake (\w[\w-]*)", runs(job)):
            assert target in make_targets(), f"{name}: make {target} is not in the Makefile"


def test_pull_request_workflow_runs_checks_and_tests() -> None:
    data = load("pr.yml")
    assert "pull_request" in data["on"]
    assert data["permissions"] == {"contents": "read"}
    jobs = data["jobs"]
    assert set(jobs) == {"check", "test"}
    for job in jobs.values():
        assert uses(job)[:2] == ["actions/checkout", "actions/setup-python"]
        setup = next(s for s in steps(job) if s.get("uses", "").startswith("actions/setup-python"))
        assert str(setup["with"]["python-version"]) == "3.11"
    # `course-builder check` prints ::error file=...,line=...:: when GITHUB_ACTIONS is true,
    # which Actions sets for every step
    assert re.search(r"^make check$", runs(jobs["check"]), re.MULTILINE)
    assert re.search(r"^make test$", runs(jobs["test"]), re.MULTILINE)
    assert "/usr/bin/chromium" in runs(jobs["test"])


def test_pages_workflow_builds_and_deploys_from_main() -> None:
    data = load("pages.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert data["concurrency"]["cancel-in-progress"] is False
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert uses(build) == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                           "actions/upload-pages-artifact"]
    assert re.search(r"^make site$", runs(build), re.MULTILINE)
    upload = next(s for s in steps(build) if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy) == ["actions/deploy-pages"]


def test_annotations_come_from_course_builder_check(tmp_path: Path) -> None:
    """What the check job shows on a pull request: ::error lines with the file and line."""
    (tmp_path / "course.yml").write_text("title: {en: T}\n")
    result = subprocess.run([sys.executable, "-m", "course_builder", "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert re.search(r"^::error file=course\.yml,line=1,title=outline-missing-translation::",
                     result.stdout, re.MULTILINE), result.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_run_steps_are_valid_bash(name: str) -> None:
    for job in load(name)["jobs"].values():
        for step in steps(job):
            if "run" in step:
                script = re.sub(r"\$\{\{[^}]*\}\}", "x", step["run"])
                done = subprocess.run(["bash", "-n"], input=script, text=True,
                                      capture_output=True)
                assert done.returncode == 0, f"{name}: {done.stderr}\n{script}"
