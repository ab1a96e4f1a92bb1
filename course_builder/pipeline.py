"""The stages every front end shares: load and check, then prepare the staging tree.

The CLI and the MkDocs plugin both call these, so a preview and a build see the same course.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from course_builder.assemble import GeneratedPage, assemble
from course_builder.checks.links import check_links
from course_builder.checks.pages import check_pages
from course_builder.issues import Issue
from course_builder.model.course import Course
from course_builder.project import load_course

STAGING = Path(".build/docs")


def run_checks(course: Course) -> list[Issue]:
    """Every cross-file check; per-file checks ran while loading."""
    issues: list[Issue] = []
    issues += check_pages(course)
    issues += check_links(course)
    return issues


def load_and_check(root: Path) -> tuple[Course, list[Issue]]:
    course, issues = load_course(root)
    return course, issues + run_checks(course)


def generated_pages(course: Course) -> list[GeneratedPage]:
    """Pages made from the sources rather than written by hand (agendas, guides, ...)."""
    return []


def prepare_site(course: Course, staging: Path) -> list[str]:
    return assemble(course, staging, generated_pages(course))


def nav_for(course: Course) -> list[Any]:
    """MkDocs nav from the outline. Page titles come from each language's front matter;
    section titles are English here and translated by static-i18n's nav_translations."""
    nav: list[Any] = []
    for entry in course.outline:
        if entry.title is None:
            nav.extend(entry.pages)
        else:
            nav.append({entry.title.en: list(entry.pages)})
    return nav
