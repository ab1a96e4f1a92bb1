"""Golden files: rendered output compared with files kept in the repository.

Regenerate with ``pytest --update-golden`` (the option is registered in tests/conftest.py;
``UPDATE_GOLDEN=1`` works too), then review the diff before committing.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    flag = request.config.getoption("--update-golden", default=False)
    return bool(flag) or os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture
def golden(update_golden: bool) -> Callable[[Path, str], None]:
    """``golden(path, actual)``: assert ``actual`` equals the file, or rewrite it when updating."""

    def check(path: Path, actual: str) -> None:
        if not actual.endswith("\n"):
            actual += "\n"
        if update_golden:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"golden file {path} is missing; create it with --update-golden "
                        "(or UPDATE_GOLDEN=1) and review it")
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                fromfile=f"{path} (golden)", tofile="rendered now"))
            pytest.fail(f"output differs from {path.name}; if the change is intended, run "
                        f"with --update-golden and review the diff:\n{diff}", pytrace=False)

    return check
