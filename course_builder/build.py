"""``course-builder build``: check, assemble, MkDocs, link check, then swap ``site/`` in.

The new site is built in a temporary folder beside ``site/`` and only replaces it when
every stage passed, so a failed build leaves the last good site as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from course_builder.ahead import Ahead
from course_builder.issues import Issue, report, summary
from course_builder.model.course import Course
from course_builder.pipeline import STAGING, load_and_check, prepare_site

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


class BuildFailed(Exception):
    """A stage failed; the message says which and why. ``site/`` was not touched."""


@dataclass
class Progress:
    """Prints each stage as it runs, with the time it took."""

    stream: TextIO
    times: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        print(f"• {name}…", file=self.stream, flush=True)
        start = time.monotonic()
        try:
            yield
        finally:
            self.times[name] = time.monotonic() - start
        print(f"  {name}: done in {self.times[name]:.1f} s", file=self.stream, flush=True)

    def note(self, text: str) -> None:
        print(f"  {text}", file=self.stream, flush=True)


class _MkDocsLog(logging.Handler):
    """Collects MkDocs warnings (strict mode fails on them) and reports per-language builds."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            self.warnings.append(message)
        elif message.startswith("course: built"):
            self.progress.note(message.removeprefix("course: "))


class MkDocsRun:
    """One strict MkDocs build in two steps: starting MkDocs (imports, configuration, plugins)
    and building. ``build_site`` starts it while the course is checked and assembled; any
    failure to start is kept and raised by ``build``, so content problems are reported first.
    ``adjust`` may change the loaded config (the offline copy adds Material's offline plugin).
    """

    def __init__(self, root: Path, site_dir: Path, progress: Progress,
                 adjust: Callable[[Any], None] | None = None) -> None:
        self._handler = _MkDocsLog(progress)
        self._config: Any = None
        self._failed: BuildFailed | None = None
        with self._logging():
            try:
                from mkdocs.config import load_config
                self._config = load_config(config_file=str(root / "mkdocs.yml"),
                                           site_dir=str(site_dir), strict=True)
                if adjust is not None:
                    adjust(self._config)
            except Exception as exc:
                self._failed = self._failure(exc)

    def build(self, course: object) -> None:
        if self._failed is not None:
            raise self._failed
        from mkdocs.commands.build import build as mkdocs_build
        plugin = self._config.plugins.get("course")
        if plugin is not None:
            plugin.preloaded = course
        with self._logging():
            try:
                mkdocs_build(self._config)
            except (Exception, SystemExit) as exc:
                raise self._failure(exc) from None
        if self._handler.warnings:
            details = "\n".join(f"  - {w}" for w in self._handler.warnings)
            raise BuildFailed(f"MkDocs reported warnings (strict):\n{details}")

    def _failure(self, exc: BaseException) -> BuildFailed:
        from mkdocs.exceptions import Abort, MkDocsException
        if not isinstance(exc, (Abort, MkDocsException, SystemExit, OSError)):
            raise exc  # a bug, not a build problem: keep its traceback
        details = "\n".join(f"  - {w}" for w in self._handler.warnings) or f"  {exc}"
        return BuildFailed(f"MkDocs could not build the site:\n{details}")

    @contextmanager
    def _logging(self) -> Iterator[None]:
        logger = logging.getLogger("mkdocs")
        previous_level = logger.level
        logger.addHandler(self._handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        try:
            yield
        finally:
            logger.removeHandler(self._handler)
            logger.setLevel(previous_level)


def run_mkdocs(root: Path, site_dir: Path, course: object, progress: Progress,
               adjust: Callable[[Any], None] | None = None) -> None:
    """One strict MkDocs build of the assembled course into ``site_dir``."""
    MkDocsRun(root, site_dir, progress, adjust).build(course)


def check_and_assemble(root: Path) -> tuple[Course, list[Issue], list[str]]:
    """Load and check the course; when it has no errors, bring the staging tree up to date
    (the paths it holds are returned, none when there were errors)."""
    course, issues = load_and_check(root)
    if any(i.is_error for i in issues):
        return course, issues, []
    return course, issues, prepare_site(course, root / STAGING)


def build_site(root: Path, stream: TextIO, *, link_check: bool = True, pdfs: bool = True,
               paper: str = "letter", site: Path | None = None,
               extra_stages: list[tuple[str, Callable[[Path], None]]] | None = None) -> Path:
    """Build the whole site into ``site`` (default ``root/site``) or raise BuildFailed.

    Stages: check, assemble, MkDocs, PDFs (``pdfs``), any ``extra_stages`` (the offline zip:
    journey.offline.offline_stage), then the link check over everything (so links to PDFs
    and the zip are checked too), and only then the swap into ``site``.
    """
    site = site or root / "site"
    progress = Progress(stream)
    started = time.monotonic()
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    try:
        with progress.stage("checking content and assembling the staging tree"):
            # The course is loaded, checked and assembled in a child process while MkDocs
            # starts up here (ahead.py); without a fork the two run one after the other.
            work = Ahead(lambda: check_and_assemble(root))
            mkdocs = MkDocsRun(root, tmp, progress)
            course, issues, written = work.result()
            report(issues, stream, root)
            progress.note(summary(issues, course.files_read))
            if any(i.is_error for i in issues):
                raise BuildFailed("content errors (listed above); site/ was left as it was")
            progress.note(f"{len(written)} files in {STAGING}")
        with progress.stage("building the site with MkDocs (English, then Spanish)"):
            mkdocs.build(course)
        stages = list(extra_stages or [])
        if pdfs and getattr(course, "workshop", None) is not None:
            stages.insert(0, (f"printing PDFs ({paper}): guide, handouts, agendas, both languages",
                              lambda out: _print_pdfs(course, out, paper, progress,
                                                      root / STAGING.parent / "pdf")))
        for name, action in stages:
            with progress.stage(name):
                action(tmp)
        if link_check:
            with progress.stage("checking links and anchors (both languages)"):
                from course_builder.linkcheck import check_site
                broken = check_site(tmp)
                for link in broken:
                    problem = link.problem.split(". Available")[0]
                    progress.note(f"✗ {link.page}: {link.url}: {problem}")
                if broken:
                    raise BuildFailed(f"{len(broken)} broken link(s) in the built site")
        _swap(tmp, site)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    total = time.monotonic() - started
    pages = sum(1 for _ in site.rglob("index.html"))
    print(f"✓ built {pages} pages in both languages into {_rel(site, root)}/ in {total:.1f} s",
          file=stream)
    return site


def _print_pdfs(course: object, out: Path, paper: str, progress: Progress, cache: Path) -> None:
    """The PDFs into ``out/pdf``; ``cache`` keeps any PDF whose printed HTML is unchanged."""
    from course_builder.workshop.pdf import build_pdfs
    written = build_pdfs(course, out, paper, cache=cache)  # type: ignore[arg-type]
    progress.note(f"{len(written)} PDF files in pdf/")


def _swap(new: Path, site: Path) -> None:
    """Replace ``site`` by ``new`` with two renames (the old one is removed afterwards)."""
    old = site.with_name(f".site-old-{os.getpid()}")
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def check_only(root: Path, stream: TextIO) -> tuple[list[Issue], int]:
    course, issues = load_and_check(root)
    return issues, course.files_read
