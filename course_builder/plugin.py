"""The thin MkDocs plugin: assemble the staging tree early, build the nav, watch sources.

All course logic lives in the core (load, checks, assemble); this file only adapts it to
MkDocs' events, so moving to another static generator later costs little.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from course_builder.assemble import url_of
from course_builder.issues import format_issue
from course_builder.pipeline import (
    STAGING,
    load_and_check,
    nav_for,
    prepare_site,
    section_titles,
    site_fingerprint,
)
from course_builder.project import WATCHED
from course_builder.search import merge_rebuilt, read_merged, split_search_index, unique

log = logging.getLogger("mkdocs.plugins.course")

# How often the preview looks for saved files (MkDocs polls every 0.5 s).
POLL_SECONDS = 0.2


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates, kept for the life of the process. MkDocs makes a new Jinja
    environment for each language and each preview rebuild, and compiling Material's
    templates anew each time was a third of a preview rebuild. A template whose source
    changed is compiled again (Jinja checks a checksum of the source)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        # Compiled code depends on the environment's syntax settings: make them part of the key.
        settings = repr((sorted(environment.extensions), environment.block_start_string,
                         environment.block_end_string, environment.variable_start_string,
                         environment.variable_end_string, environment.comment_start_string,
                         environment.comment_end_string, environment.line_statement_prefix,
                         environment.line_comment_prefix,
                         environment.trim_blocks, environment.lstrip_blocks,
                         environment.newline_sequence, environment.keep_trailing_newline,
                         environment.optimized))
        key = self.get_cache_key(f"{settings}\0{name}", filename)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


@dataclass
class _Preview:
    """What a dirty preview carries from one rebuild to the next (MkDocs makes new plugin
    objects for each rebuild, so this lives at module level, one per preview site)."""

    fingerprint: str = ""
    index: list[dict] | None = None       # the last complete search index, both languages
    rendered: set[str] = field(default_factory=set)
    pages: set[str] = field(default_factory=set)  # staged pages of the last rebuild


# Set by `course-builder serve` (enable_dirty_preview), or found on the command line of
# `mkdocs serve --dirty`: rebuilds render only the pages whose staged file changed.
# (Not from on_startup: MkDocs keeps a plugin that has on_startup from one build to the next
# in the same process, and this plugin's state belongs to one build.)
_dirty_preview = "serve" in sys.argv and "--dirty" in sys.argv
_PREVIEWS: dict[str, _Preview] = {}


def enable_dirty_preview() -> None:
    global _dirty_preview
    _dirty_preview = True


class CourseConfig(Config):
    enabled = c.Type(bool, default=True)
    # Fail the MkDocs build on content errors (course-builder build checks before MkDocs anyway).
    strict_content = c.Type(bool, default=True)


class CoursePlugin(BasePlugin[CourseConfig]):
    def __init__(self) -> None:
        # Set by `course-builder build`, which has loaded, checked and assembled already.
        self.preloaded: Any = None
        self._site_dir: Path | None = None
        self._builds: list[list[Any]] = []

    # Priority 100: before static-i18n's on_config (-100), which reads docs_dir and languages.
    @event_priority(100)
    def on_config(self, config: Any) -> Any:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).resolve().parent
        staging = (root / STAGING).resolve()
        if Path(config.docs_dir).resolve() == staging:
            return config  # static-i18n re-runs on_config for each language: assembled already
        if self.preloaded is not None:
            course, issues = self.preloaded, []
        else:
            course, issues = load_and_check(root)
        errors = [i for i in issues if i.is_error]
        if errors and os.environ.get("COURSE_BUILDER_PREVIEW"):
            for issue in issues:  # preview keeps serving and shows every problem
                log.warning(format_issue(issue, root))
        elif errors and self.config.strict_content:
            from io import StringIO

            from course_builder.issues import report
            buf = StringIO()
            report(issues, buf, root, github=False)
            raise PluginError(f"the course has {len(errors)} content error(s):\n{buf.getvalue()}"
                              "Run `course-builder check` for details.")
        staged: list[str] = []
        if self.preloaded is None:
            staged = prepare_site(course, staging)
        if _dirty_preview:
            self._prepare_dirty_rebuild(course, staging, staged, config.site_dir)
        config.docs_dir = str(staging)
        config.nav = nav_for(course)
        config.site_name = course.title.en
        config.site_description = course.description.en
        config.extra_css = [*config.extra_css, "assets/course.css"]
        config.extra_javascript = [*config.extra_javascript, "assets/course.js"]
        self._configure_i18n(config, course)
        return config

    def _prepare_dirty_rebuild(self, course: Any, staging: Path, staged: list[str],
                               site_dir: str) -> None:
        """A dirty rebuild renders only the pages whose staged file is newer than its HTML.
        When the navigation, a title or the theme changed, every page shows it: touch every
        staged page so that all of them are rendered again."""
        state = _PREVIEWS.setdefault(str(Path(site_dir).resolve()), _Preview())
        fingerprint = site_fingerprint(course)
        pages = {rel for rel in staged if rel.endswith(".md")}
        if state.fingerprint and fingerprint != state.fingerprint:
            log.info("course: the navigation, a title or the theme changed: "
                     "rendering every page again")
            now = time.time()
            for rel in pages:
                os.utime(staging / rel, (now, now))
            state.index = None  # every page is indexed again (a removed one drops out)
            for rel in state.pages - pages:  # dirty builds never delete: do it here
                with suppress(OSError):
                    (Path(site_dir) / html_path(rel)).unlink()
        state.fingerprint = fingerprint
        state.pages = pages
        state.rendered = set()

    def _configure_i18n(self, config: Any, course: Any) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is None:
            return
        for language in i18n.config.languages:
            if language.locale == "es":
                language.site_name = course.title.es
                language.site_description = course.description.es
                language.nav_translations = {**section_titles(course), "Home": "Inicio"}

    def on_pre_build(self, config: Any) -> None:
        i18n = config.plugins.get("i18n")
        lang = getattr(i18n, "current_language", None) or "en"
        # static-i18n builds the other languages inside the first one's post_build: a stack
        # of (language, start, time spent in nested builds) times each one on its own.
        self._builds.append([lang, time.monotonic(), 0.0])
        if self._site_dir is None:
            self._site_dir = Path(config.site_dir)
        if _dirty_preview and not getattr(i18n, "building", False):
            _forget_search_entries(config)

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        env.bytecode_cache = _TEMPLATES
        return env

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if _dirty_preview:
            state = _PREVIEWS.get(str(Path(config.site_dir).resolve()))
            if state is not None:
                state.rendered.add(page.url)
        return output

    # Priority -200: after static-i18n's on_post_build (-100), which builds the other
    # languages inside the first language's post_build and then merges the search index.
    @event_priority(-200)
    def on_post_build(self, config: Any) -> None:
        if not self.config.enabled:
            return
        if not self._builds:
            return
        lang, started, nested = self._builds.pop()
        elapsed = time.monotonic() - started
        if self._builds:
            self._builds[-1][2] += elapsed
        log.info("course: built '%s' in %.1f s", lang, elapsed - nested)
        i18n = config.plugins.get("i18n")
        if i18n is not None and getattr(i18n, "building", False):
            return  # a nested language build: the merged search index is not written yet
        if self._site_dir is not None:
            data = read_merged(self._site_dir)
            if data is not None and _dirty_preview:
                data = self._complete_index(data)
            counts = split_search_index(self._site_dir, data=data)
            log.debug("course: search entries per language: %s", counts)

    def _complete_index(self, data: dict) -> dict:
        """A dirty rebuild indexes only the pages it rendered: keep the others' entries."""
        assert self._site_dir is not None
        state = _PREVIEWS.setdefault(str(self._site_dir.resolve()), _Preview())
        docs = unique(data.get("docs", []))
        if state.index is not None:
            docs = merge_rebuilt(state.index, docs, state.rendered)
        state.index = docs
        return {**data, "docs": docs}


    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        root = Path(config.config_file_path).resolve().parent
        # Look for saved sources more often than MkDocs' default 0.5 s (a few stat calls).
        observer = getattr(server, "observer", None)
        if observer is not None and hasattr(observer, "_timeout"):
            observer._timeout = POLL_SECONDS
        for name in WATCHED:
            path = root / name
            if path.exists():
                server.watch(str(path))
        # MkDocs watches docs_dir, which is our staging tree: every rebuild writes into it, so
        # each save rebuilt the whole site twice (BENCHMARKS.md). The sources are watched above.
        if Path(config.docs_dir).resolve() == (root / STAGING).resolve():
            with suppress(KeyError):  # not watched by this version of MkDocs
                server.unwatch(config.docs_dir)
        return server


def html_path(staged_rel: str) -> str:
    """Where MkDocs writes a staged page with directory URLs ('modules/x.md' ->
    'modules/x/index.html', 'es/index.md' -> 'es/index.html')."""
    return url_of(staged_rel) + "index.html"


def _forget_search_entries(config: Any) -> None:
    """MkDocs keeps a plugin that has on_startup from one preview rebuild to the next, and
    Material's search then merges a dirty rebuild's entries into the last rebuild's index,
    dropping only the first rendered page's old entries: with two languages the index grew
    on every save and each rebuild took longer. Start each rebuild empty: _complete_index
    merges the pages it rendered."""
    search = config.plugins.get("search") or config.plugins.get("material/search")
    if search is not None and hasattr(search, "search_index_prev"):
        search.search_index_prev = None
