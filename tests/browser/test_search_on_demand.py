"""The search index loads when search is first used, not with every page (BENCHMARKS.md):
it is over half of a module page's bytes, and most visits never search."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.fixture
def site_url(mini_site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(mini_site)


def _index_requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if "search_index" in r.url else None)
    return seen


@pytest.mark.parametrize(("path", "index", "query"), [
    ("modules/words/", "/search/search_index.json", "emotion"),
    ("es/modules/words/", "/es/search/search_index.json", "emoción"),
])
def test_index_waits_for_the_search_box(page: Page, site_url: str, path: str, index: str,
                                        query: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    seen = _index_requests(page)
    page.goto(site_url + path, wait_until="networkidle")
    page.wait_for_timeout(300)
    assert seen == []

    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.keyboard.type(query)  # typed before the index is in: searched once it arrives
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    assert [urlsplit(u).path for u in seen] == [index]


def test_a_tap_on_the_search_icon_loads_it(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 800})  # a phone: search behind an icon
    seen = _index_requests(page)
    page.goto(site_url + "modules/words/", wait_until="networkidle")
    assert seen == []
    page.locator("label.md-header__button[for=__search]").click()
    page.wait_for_function("() => document.getElementById('__search').checked")
    page.keyboard.type("emotion")
    page.locator(".md-search-result__item a").first.wait_for(timeout=10_000)
    assert len(seen) == 1
