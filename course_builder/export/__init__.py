"""Packages of the course for other systems: ``course-builder export <format>``.

Each format is one entry of ``FORMATS``: the dotted path of a function
``(root: Path, out_dir: Path, langs: tuple[str, ...]) -> list[Path]`` that writes its files
into ``out_dir`` and returns them, and a one-line description for ``--help``. Adding a format
(an LMS package, ...) is one line here; the function may raise ``ExportError`` to refuse.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from course_builder import LANGS


class ExportError(Exception):
    """Why an export was refused (content errors in the quizzes, ...)."""


@dataclass(frozen=True)
class Format:
    function: str    # "package.module:function"
    help: str


FORMATS: dict[str, Format] = {
    "gift": Format("course_builder.export.gift:write_gift",
                   "the quiz bank as Moodle GIFT, one file per language"),
    "qti": Format("course_builder.export.qti:write_qti",
                  "the quiz bank as IMS QTI 2.1 (a zip with imsmanifest.xml) per language"),
    "scorm": Format("course_builder.export.scorm:export",
                    "the whole course as a SCORM 1.2 package for an LMS (both languages)"),
}
DEFAULT_OUT = "dist"


def run(name: str, root: Path, out_dir: Path, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """Export ``root`` in the format ``name`` into ``out_dir``."""
    module, _, function = FORMATS[name].function.partition(":")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = getattr(import_module(module), function)(root, out_dir, langs)
    return written


def quiz_errors(root: Path) -> tuple[Any, list[Any]]:
    """The loaded course and the errors in its quizzes (an export of a broken bank is worse
    than none; other content errors do not block an export)."""
    from course_builder.pipeline import load_and_check
    course, issues = load_and_check(root)
    quiz_dir = (root / "quizzes").resolve()
    errors = [i for i in issues if i.is_error and quiz_dir in Path(i.path).resolve().parents]
    return course, errors


def load_quiz_bank(root: Path) -> Any:
    """The course, or ExportError listing the quiz errors that make an export unsafe."""
    from course_builder.issues import format_issue
    course, errors = quiz_errors(root)
    if errors:
        listed = "\n".join(format_issue(i, root) for i in errors[:20])
        raise ExportError(f"the quizzes have {len(errors)} error(s); fix them first "
                          f"(course-builder check):\n{listed}")
    return course


EXAMPLES = """\
  course-builder export gift                 dist/quiz-bank-en.gift and quiz-bank-es.gift
  course-builder export qti --lang es        dist/quiz-bank-es-qti.zip
  course-builder export gift --out /tmp/lms
  course-builder export scorm                dist/course-scorm.zip (upload it to the LMS)
"""


def register(add: Any) -> None:
    p = add("export", "Export the course for other systems: "
            + "; ".join(f"{n}: {f.help}" for n, f in FORMATS.items()) + ".", EXAMPLES)
    p.add_argument("format", choices=sorted(FORMATS), help="what to export")
    p.add_argument("--lang", choices=LANGS, action="append",
                   help="only this language (repeatable; default: both)")
    p.add_argument("--out", metavar="DIR", help=f"where to write (default: {DEFAULT_OUT}/)")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from course_builder.project import project_root
    root = project_root(args)
    out = Path(args.out).resolve() if args.out else root / DEFAULT_OUT
    langs = tuple(args.lang) if args.lang else LANGS
    try:
        written = run(args.format, root, out, langs)
    except ExportError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    for path in written:
        try:
            shown = path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            shown = path
        print(f"✓ wrote {shown}")
    return 0
