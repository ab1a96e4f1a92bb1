"""Problems in content are data: checks return Issues, one reporter prints them.

An Issue names the file and line, a stable code (documented in ``codes.py``), what is wrong
and how to fix it. Checks never print and never raise for bad content.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TextIO


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Pos:
    """Where a value came from: a file and a 1-based line (0 when the whole file is meant)."""

    path: Path
    line: int = 0


@dataclass(frozen=True)
class Issue:
    path: Path
    line: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @classmethod
    def at(cls, pos: Pos, code: str, message: str, hint: str = "",
           severity: Severity = Severity.ERROR) -> Issue:
        return cls(pos.path, pos.line, code, message, hint, severity)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, str, str]:
        return (str(self.path), self.line, self.code, self.message)


@dataclass
class IssueList:
    """A collector that checks append to; ``extend`` accepts any iterable of Issues."""

    items: list[Issue] = field(default_factory=list)

    def error(self, pos: Pos, code: str, message: str, hint: str = "") -> None:
        self.items.append(Issue.at(pos, code, message, hint))

    def warning(self, pos: Pos, code: str, message: str, hint: str = "") -> None:
        self.items.append(Issue.at(pos, code, message, hint, Severity.WARNING))

    def add(self, issue: Issue) -> None:
        self.items.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.items.extend(issues)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.items if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.items if not i.is_error]


def relpath(path: Path, root: Path | None) -> str:
    if root is None:
        return str(path)
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def format_issue(issue: Issue, root: Path | None = None) -> str:
    """``path:line: [code] message`` and, on the next line, the hint."""
    where = relpath(issue.path, root)
    if issue.line:
        where += f":{issue.line}"
    label = "" if issue.is_error else "warning: "
    text = f"{where}: {label}[{issue.code}] {issue.message}"
    if issue.hint:
        text += f"\n    hint: {issue.hint}"
    return text


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_annotation(issue: Issue, root: Path | None = None) -> str:
    kind = "error" if issue.is_error else "warning"
    where = f"file={relpath(issue.path, root)}"
    if issue.line:
        where += f",line={issue.line}"
    body = f"[{issue.code}] {issue.message}"
    if issue.hint:
        body += f" Hint: {issue.hint}"
    return f"::{kind} {where},title={issue.code}::{_gh_escape(body)}"


def summary(issues: Iterable[Issue], files_checked: int | None = None) -> str:
    items = list(issues)
    errors = sum(1 for i in items if i.is_error)
    warnings = len(items) - errors
    files = sorted({str(i.path) for i in items if i.is_error})

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    checked = f" in {plural(files_checked, 'file')}" if files_checked is not None else ""
    if errors:
        scope = f" (checked {checked[4:]})" if checked else ""
        return (f"✗ {plural(errors, 'error')} in {plural(len(files), 'file')}, "
                f"{plural(warnings, 'warning')}{scope}")
    return f"✓ no errors, {plural(warnings, 'warning')}{checked}"


def report(issues: Iterable[Issue], stream: TextIO, root: Path | None = None,
           github: bool | None = None) -> None:
    """Print every issue, sorted by file and line; GitHub annotations when in Actions."""
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    for issue in sorted(issues, key=Issue.sort_key):
        print(format_issue(issue, root), file=stream)
        if github:
            print(github_annotation(issue, root), file=stream)
