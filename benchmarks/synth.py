"""Synthetic courses N times the size of a real one, for the check-scaling benchmark.

Every module page (both languages), knowledge check and scenario is copied N - 1 times under
new ids (``<id>-c2``, ``<id>-c3``...), with the ids, the ``/// quiz`` and ``/// scenario``
directives, the quizzes' and scenarios' ``module:`` and the links between module pages
rewritten consistently, and one outline section per copy. The result is a course that loads
with the same problems as the original (no new errors), so checking it measures how the
checks scale, not how they report.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# What a buildable course is made of (tests/conftest.py copy_sources copies the same).
SOURCES = ("course.yml", "mkdocs.yml", "overrides", "docs", "docs_es", "quizzes", "scenarios",
           "workshop", "data")
LANG_DIRS = ("docs", "docs_es")

_DIRECTIVE = re.compile(r"^(///\s*(?:quiz|scenario)\s*\|\s*)([a-z0-9-]+)(\s*)$", re.MULTILINE)
_ID_LINE = re.compile(r"^(id:\s*)([a-z0-9-]+)(\s*(?:#.*)?)$", re.MULTILINE)
_MODULE_LINE = re.compile(r"^(module:\s*)([a-z0-9-]+)(\s*(?:#.*)?)$", re.MULTILINE)
# Inline links and reference definitions to a Markdown file: ](path.md or ]: path.md
_LINK = re.compile(r"(\]\(\s*<?|^\[[^\]\n]+\]:\s*<?)([^)\s#>]+\.md)", re.MULTILINE)


@dataclass(frozen=True)
class Synthetic:
    """What was generated: the course folder and how many of each item it holds."""

    root: Path
    factor: int
    modules: int
    quizzes: int
    scenarios: int
    pages: int  # Markdown pages, both languages


def copy_sources(root: Path, dest: Path) -> Path:
    """Copy only the course sources (no site/, no .build/), so nothing writes into ``root``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, dirs_exist_ok=True)
        elif src.is_file():
            shutil.copy(src, dest / name)
    return dest


def copy_id(ident: str, copy: int) -> str:
    return f"{ident}-c{copy}"


def make_synthetic(source: Path, dest: Path, factor: int) -> Synthetic:
    """Write into ``dest`` a course ``factor`` times the size of the one in ``source``."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    copy_sources(source, dest)
    outline = yaml.safe_load((dest / "course.yml").read_text(encoding="utf-8"))
    module_ids = [m for entry in outline.get("outline", []) for m in entry.get("modules", [])]
    quiz_files = sorted((dest / "quizzes").glob("*.yml")) if (dest / "quizzes").is_dir() else []
    scenario_files = (sorted((dest / "scenarios").glob("*.yml"))
                      if (dest / "scenarios").is_dir() else [])
    quiz_ids = {p.stem for p in quiz_files}
    scenario_ids = {p.stem for p in scenario_files}
    original = list(outline.get("outline", []))
    for copy in range(2, factor + 1):
        modules = {m: copy_id(m, copy) for m in module_ids}
        widgets = {**{q: copy_id(q, copy) for q in quiz_ids},
                   **{s: copy_id(s, copy) for s in scenario_ids}}
        for folder in LANG_DIRS:
            for module in module_ids:
                src = dest / folder / "modules" / f"{module}.md"
                if src.is_file():
                    text = rewrite_page(src.read_text(encoding="utf-8"), modules, widgets)
                    (src.parent / f"{modules[module]}.md").write_text(text, encoding="utf-8")
        for path in quiz_files + scenario_files:
            text = rewrite_yaml(path.read_text(encoding="utf-8"), widgets, modules)
            (path.parent / f"{widgets[path.stem]}.yml").write_text(text, encoding="utf-8")
        outline["outline"] += outline_copy(original, copy)
    (dest / "course.yml").write_text(
        yaml.safe_dump(outline, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8")
    pages = sum(len(list((dest / f).rglob("*.md"))) for f in LANG_DIRS if (dest / f).is_dir())
    return Synthetic(dest, factor, len(module_ids) * factor, len(quiz_ids) * factor,
                     len(scenario_ids) * factor, pages)


def rewrite_page(text: str, modules: dict[str, str], widgets: dict[str, str]) -> str:
    """A module page under its copy's ids: front-matter id, embedded widgets, module links."""
    text = _ID_LINE.sub(lambda m: m[1] + modules.get(m[2], m[2]) + m[3], text, count=1)
    text = _DIRECTIVE.sub(lambda m: m[1] + widgets.get(m[2], m[2]) + m[3], text)

    def link(match: re.Match[str]) -> str:
        target = match[2]
        resolved = posixpath.normpath(posixpath.join("modules", target))
        folder, name = posixpath.split(resolved)
        stem = name.removesuffix(".md")
        if folder == "modules" and stem in modules:
            target = posixpath.join(posixpath.dirname(target), f"{modules[stem]}.md")
        return match[1] + target

    return _LINK.sub(link, text)


def rewrite_yaml(text: str, widgets: dict[str, str], modules: dict[str, str]) -> str:
    """A quiz or scenario under its copy's id, pointing at its copy's module (top-level keys
    only, so question, option and node ids stay as they are)."""
    text = _ID_LINE.sub(lambda m: m[1] + widgets.get(m[2], m[2]) + m[3], text, count=1)
    return _MODULE_LINE.sub(lambda m: m[1] + modules.get(m[2], m[2]) + m[3], text, count=1)


def outline_copy(entries: list[dict[str, Any]], copy: int) -> list[dict[str, Any]]:
    """One outline section per original section with modules, titled with the copy number.
    Copies are not core: the workshop formats must cover every core module."""
    out: list[dict[str, Any]] = []
    for entry in entries:
        if not entry.get("modules"):
            continue
        title = entry.get("section") or {"en": "Modules", "es": "Módulos"}
        out.append({
            "section": {"en": f"{title['en']} ({copy})", "es": f"{title['es']} ({copy})"},
            "modules": [copy_id(m, copy) for m in entry["modules"]],
        })
    return out
