"""Shared fixtures: the repository root, throwaway course copies, and a built site."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files from the current output instead of comparing")


def copy_course(source: Path, dest: Path) -> Path:
    """A buildable copy of a course: its sources plus the repository's MkDocs config."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("site", ".build", ".site-*"))
    for name in ("mkdocs.yml", "overrides"):
        if not (dest / name).exists():
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    return dest


SOURCES = ("course.yml", "mkdocs.yml", "overrides", "docs", "docs_es", "quizzes", "scenarios",
           "workshop", "data")


def copy_sources(root: Path, dest: Path) -> Path:
    """Copy just the course sources of ``root`` (no site/, no .build/) so tests never write
    into the repository and parallel workers never share a staging tree."""
    dest.mkdir(parents=True)
    for name in SOURCES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy(src, dest / name)
    return dest


@pytest.fixture
def mini_course(tmp_path: Path) -> Path:
    """A small two-module course in both languages, in tmp_path (safe to break)."""
    return copy_course(FIXTURES / "mini", tmp_path / "course")


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The repository's own course, built once per test session (no link check)."""
    from io import StringIO

    from course_builder.build import build_site

    work = tmp_path_factory.mktemp("repo")
    course = copy_sources(ROOT, work / "course")
    out = work / "site"
    log = StringIO()
    build_site(course, log, link_check=False, site=out)
    yield out


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini course built once per session (no link check), for browser tests."""
    from io import StringIO

    from course_builder.build import build_site

    work = tmp_path_factory.mktemp("mini")
    course = copy_course(FIXTURES / "mini", work / "course")
    return build_site(course, StringIO(), link_check=False, site=work / "site")
