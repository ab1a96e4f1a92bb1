"""The stages every front end shares: load and check, then prepare the staging tree.

The CLI and the MkDocs plugin both call these, so a preview and a build see the same course.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import Any

from course_builder import LANGS
from course_builder.assemble import GeneratedPage, assemble
from course_builder.checks.links import check_links
from course_builder.checks.lints import check_lints
from course_builder.checks.modules import check_modules
from course_builder.checks.pages import check_pages
from course_builder.issues import Issue
from course_builder.model.course import Course
from course_builder.practice.checks import check_trigger_words
from course_builder.project import load_course
from course_builder.translations import check_translations
from course_builder.workshop.checks import check_workshop

STAGING = Path(".build/docs")


def run_checks(course: Course) -> list[Issue]:
    """Every cross-file check; per-file checks ran while loading."""
    issues: list[Issue] = []
    issues += check_pages(course)
    issues += check_links(course, generated_rels(course))
    issues += check_trigger_words(course)
    issues += check_modules(course)
    issues += check_workshop(course)
    issues += check_lints(course)
    issues += check_translations(course)
    return issues


@contextmanager
def few_cycles() -> Iterator[None]:
    """Pause Python's cycle collector: loading and assembling make many objects and almost
    no reference cycles, and the collector ran dozens of times per load for nothing (about
    14% of the time). Memory is still freed as usual, by reference counting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_and_check(root: Path) -> tuple[Course, list[Issue]]:
    with few_cycles():
        course, issues = load_course(root)
        return course, issues + run_checks(course)


# Modules that make pages from the sources. Each defines ``pages(course) ->
# list[GeneratedPage]``, and may define ``BUNDLES`` (page-specific bundle name -> files in
# course_builder/assets/), ``core_js(course) -> str`` (generated JS ahead of the core bundle)
# and ``rels(course) -> set[str]`` (the pages it makes, so content may link to them).
GENERATORS: tuple[str, ...] = ("course_builder.journey.pages", "course_builder.practice.pages",
                             "course_builder.workshop.pages")


def _generators() -> list[Any]:
    return [import_module(name) for name in GENERATORS]


def generated_pages(course: Course) -> list[GeneratedPage]:
    """Pages made from the sources rather than written by hand (agendas, guides, ...)."""
    return [page for module in _generators() for page in module.pages(course)]


def generated_rels(course: Course) -> set[str]:
    """Where generated pages will be, known before they are made (for the link check)."""
    return {rel for module in _generators() for rel in module.rels(course)}


def page_bundles() -> dict[str, tuple[str, ...]]:
    """Every generator's page-specific bundles."""
    return {name: files for module in _generators()
            for name, files in getattr(module, "BUNDLES", {}).items()}


def prepare_site(course: Course, staging: Path) -> list[str]:
    with few_cycles():
        return _prepare_site(course, staging)


def _prepare_site(course: Course, staging: Path) -> list[str]:
    generated = generated_pages(course)
    course.generated = generated
    prelude = "".join(m.core_js(course) for m in _generators() if hasattr(m, "core_js"))
    return assemble(course, staging, generated, page_bundles(), prelude)


def nav_for(course: Course) -> list[Any]:
    """MkDocs nav from the outline, then the generated pages' sections. Page titles come
    from each language's front matter; section titles are English here and translated by
    static-i18n's nav_translations (see ``section_titles``)."""
    nav: list[Any] = []
    for entry in course.outline:
        if entry.title is None:
            nav.extend(entry.pages)
        else:
            nav.append({entry.title.en: list(entry.pages)})
    sections: dict[str, list[GeneratedPage]] = {}
    for page in course.generated:
        if page.lang == "en" and page.section is not None:
            sections.setdefault(page.section.en, []).append(page)
    for title, pages in sections.items():
        entries: list[Any] = []
        groups: dict[str, list[str]] = {}
        for page in sorted(pages, key=lambda p: (p.order, p.rel)):
            if page.group is None:
                entries.append(page.rel)
            elif page.group.en in groups:
                groups[page.group.en].append(page.rel)
            else:  # the group sits where its first page would
                groups[page.group.en] = [page.rel]
                entries.append({page.group.en: groups[page.group.en]})
        nav.append({title: entries})
    return nav


def section_titles(course: Course) -> dict[str, str]:
    """English section title -> Spanish, for the outline and the generated sections."""
    titles = {e.title.en: e.title.es for e in course.outline if e.title}
    titles.update({p.section.en: p.section.es for p in course.generated if p.section})
    titles.update({p.group.en: p.group.es for p in course.generated if p.group})
    return titles


def site_fingerprint(course: Course) -> str:
    """A digest of what every page shows besides its own content: the navigation, the
    section and site names, every page's front matter (its title is in everyone's nav and
    footer), the theme overrides and mkdocs.yml. A preview re-renders only the pages whose
    staged file changed while this stays the same, and every page when it changes."""
    digest = hashlib.sha256()
    digest.update(repr((nav_for(course), sorted(section_titles(course).items()),
                        course.title, course.description)).encode("utf-8"))
    for lang in LANGS:  # what assemble.render_page puts in an authored page's front matter
        for rel, page in sorted(course.pages.get(lang, {}).items()):
            digest.update(repr((lang, rel, page.title, page.id)).encode("utf-8"))
    for gen in course.generated:
        end = gen.markdown.find("\n---", 3)
        digest.update(repr((gen.lang, gen.rel, gen.markdown[:end])).encode("utf-8"))
    for extra in (course.root / "mkdocs.yml", *sorted((course.root / "overrides").rglob("*"))):
        if extra.is_file():
            digest.update(extra.as_posix().encode("utf-8") + extra.read_bytes())
    return digest.hexdigest()
