"""Anchors of other pages are checked in one pass over the built files (linkcheck.py), and
the link checker is served pages without fragments, so it fetches each page once."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.linkcheck import check_anchors
from course_builder.server import LINK_FRAGMENT, SAME_PAGE_LINK


def _site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    return root


def test_anchors_of_other_pages(tmp_path: Path) -> None:
    site = _site(tmp_path, {
        "index.html": '<a href="guide/#step-2">ok</a> <a href="guide/#step-9">gone</a>'
                      '<a href="guide/index.html#named">named</a> <a href="#local">same page</a>'
                      '<a href="https://example.org/#x">other host</a>'
                      '<a href="files/a.pdf#page=2">not a page</a>',
        "guide/index.html": '<h2 id="step-2">Two</h2><a name="named"></a>'
                            '<script>var s = \'<p id="step-9">\';</script><!-- <p id="step-9"> -->',
        "es/index.html": '<a href="../guide/#step%2D2">encoded</a> <a href="/guide/#nope">abs</a>',
    })
    broken = {(b.page, b.url) for b in check_anchors(site)}
    assert broken == {("/", "guide/#step-9"), ("/es/", "/guide/#nope")}


def test_site_served_under_a_path(tmp_path: Path) -> None:
    site = _site(tmp_path, {
        "index.html": '<a href="/course/es/#hola">switcher</a> <a href="/course/es/#adios">x</a>',
        "es/index.html": '<h1 id="hola">Hola</h1>',
    })
    assert [b.url for b in check_anchors(site, "/course/")] == ["/course/es/#adios"]


@pytest.mark.parametrize(("page", "served"), [
    (b'<a href="../guide/#step-2">x</a>', b'<a href="../guide/">x</a>'),
    (b"<a href='x/#a'>x</a>", b"<a href='x/'>x</a>"),
    (b'<a href="#top">x</a>', b'<a data-same-page="#top">x</a>'),
    (b'<a href="x/">x</a>', b'<a href="x/">x</a>'),
])
def test_link_checker_sees_no_fragments(page: bytes, served: bytes) -> None:
    assert LINK_FRAGMENT.sub(rb"\1\3", SAME_PAGE_LINK.sub(rb" data-same-page=\1#", page)) \
        == served
