"""The thin MkDocs plugin: assemble the staging tree early, build the nav, watch sources.

All course logic lives in the core (load, checks, assemble); this file only adapts it to
MkDocs' events, so moving to another static generator later costs little.
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from course_builder.issues import format_issue
from course_builder.pipeline import (
    STAGING,
    load_and_check,
    nav_for,
    prepare_site,
    section_titles,
)
from course_builder.project import WATCHED
from course_builder.search import split_search_index

log = logging.getLogger("mkdocs.plugins.course")


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
        if self.preloaded is None:
            prepare_site(course, staging)
        config.docs_dir = str(staging)
        config.nav = nav_for(course)
        config.site_name = course.title.en
        config.site_description = course.description.en
        config.extra_css = [*config.extra_css, "assets/course.css"]
        config.extra_javascript = [*config.extra_javascript, "assets/course.js"]
        self._configure_i18n(config, course)
        return config

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
            counts = split_search_index(self._site_dir)
            log.debug("course: search entries per language: %s", counts)

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        root = Path(config.config_file_path).resolve().parent
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
