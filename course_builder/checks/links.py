"""Links between pages: the target page exists (in the same language) and so does the anchor."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from course_builder import LANGS
from course_builder.issues import Issue
from course_builder.model.course import Course, Page

ASSET_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif", ".pdf", ".zip", ".csv")


def check_links(course: Course, generated: set[str] | None = None) -> Iterator[Issue]:
    """``generated``: relative paths of pages the build makes (agendas, progress...), which
    content may link to; anchors in them are checked on the built site by LinkChecker."""
    for lang in LANGS:
        for page in course.pages[lang].values():
            for link in page.links:
                yield from _check_link(course, page, link.target, link.line, link.image,
                                       generated or set())


def _check_link(course: Course, page: Page, target: str, line: int, image: bool,
                generated: set[str]) -> Iterator[Issue]:
    parts = urlsplit(target)
    if parts.scheme or target.startswith("//") or not target:
        return
    path, fragment = unquote(parts.path), parts.fragment
    pages = course.pages[page.lang]
    if path == "":
        dest: Page | None = page
        dest_rel = page.rel
    else:
        dest_rel = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
        if path.endswith("/"):
            dest_rel = posixpath.join(dest_rel, "index.md")
        if dest_rel.endswith(ASSET_SUFFIXES) or image:
            return  # assets are checked by the link checker on the built site
        if not dest_rel.endswith(".md"):
            yield Issue(page.path, line, "link-not-markdown",
                        f"the link '{target}' points at a folder or URL, not a Markdown file",
                        "link to the .md file, for example 'strategic-language.md#future-focus'")
            return
        if dest_rel in generated:
            return
        dest = pages.get(dest_rel)
        other = course.pages["es" if page.lang == "en" else "en"]
        if dest is None and dest_rel in other:
            return  # the missing translation itself is reported by the page checks
        if dest is None:
            close = difflib.get_close_matches(dest_rel, list(pages), 1)
            here = posixpath.dirname(page.rel) or "."
            hint = (f"did you mean '{posixpath.relpath(close[0], here)}'?"
                    if close else "check the path: it is relative to this page's folder")
            yield Issue(page.path, line, "link-missing-page",
                        f"the link '{target}' points at '{dest_rel}', which does not exist", hint)
            return
    if fragment and fragment not in dest.anchors:
        close = difflib.get_close_matches(fragment, sorted(dest.anchors), 1)
        yield Issue(page.path, line, "link-missing-anchor",
                    f"the link '{target}' points at the anchor '#{fragment}', which "
                    f"'{dest_rel}' does not have",
                    f"did you mean '#{close[0]}'?" if close else
                    "anchors are the {#ids} of headings in the target page")
