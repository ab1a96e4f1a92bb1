"""What a learner sees in a real browser: both languages, the switcher, search, no leaks."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, expect

# Material 9.7+ "stay on page" language switching fetches <page>/sitemap.xml: harmless 404s.
KNOWN_CONSOLE = ("sitemap.xml",
                 "Failed to load resource: the server responded with a status of 404")


@pytest.fixture
def site_url(mini_site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(mini_site)


def watch(page: Page) -> tuple[list[str], list[str]]:
    """Collect requests to other hosts and console errors for the page's lifetime."""
    foreign: list[str] = []
    errors: list[str] = []

    def on_request(request: Request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            foreign.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not any(k in message.text for k in KNOWN_CONSOLE):
            errors.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return foreign, errors


@pytest.mark.parametrize(("path", "lang", "title"), [
    ("", "en", "Welcome"), ("es/", "es", "Bienvenida"),
    ("modules/words/", "en", "Words"), ("es/modules/words/", "es", "Palabras"),
])
def test_pages_load_in_their_language(page: Page, site_url: str, path: str, lang: str,
                                      title: str) -> None:
    foreign, errors = watch(page)
    page.goto(site_url + path)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("article h1")).to_have_text(title)
    page.wait_for_load_state("networkidle")
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert errors == [], f"console errors: {errors}"


def test_switcher_keeps_the_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "modules/words/")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang='es']").click()
    expect(page).to_have_url(site_url + "es/modules/words/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    expect(page).to_have_url(site_url + "modules/words/")


def test_spanish_navigation_titles(page: Page, site_url: str) -> None:
    page.goto(site_url + "es/")
    nav = page.locator("nav.md-nav--primary")
    expect(nav).to_contain_text("Habilidades esenciales")
    expect(nav).to_contain_text("Escuchar")
    expect(page.locator(".md-header__topic").first).to_contain_text("Minicurso")


def _search(page: Page, query: str) -> list[str]:
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)  # Material searches on key events, not on a programmatic fill
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    return [a.get_attribute("href") or "" for a in results.all()]


def test_spanish_search_finds_spanish_pages_only(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "es/modules/words/")
    hrefs = _search(page, "desesperación")
    assert hrefs and all("/es/" in h for h in hrefs), hrefs
    page.goto(site_url + "es/")
    hrefs = _search(page, "emoción")
    assert all("/es/" in h for h in hrefs), hrefs


def test_english_search_shows_english_pages_only(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "modules/words/")
    hrefs = _search(page, "emotion")
    assert hrefs and not any("/es/" in h for h in hrefs), hrefs
