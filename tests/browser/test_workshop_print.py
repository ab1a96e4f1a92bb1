"""Printing a workshop page from the site (print emulation in Chromium): no navigation, no
controls, answer keys visible, handouts on their own sheets; and the pages pass axe on screen."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from axe_check import assert_axe_clean
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "workshop" / "course"
GUIDE = "es/workshop/guide/16h/session-1/"
HANDOUTS = "workshop/handouts/"

# Site chrome and controls that must not print (Material's and ours).
CHROME = (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-top", ".md-search",
          ".md-source", ".md-content__button", ".cb-ws-download")
CONTROLS = ("button", "input", "select", "textarea", "a.headerlink", "[role=button]",
            "label.md-header__button")


@pytest.fixture(scope="module")
def workshop_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workshop test course built once for this file (no PDFs: not needed here)."""
    from course_builder.build import build_site

    work = tmp_path_factory.mktemp("workshop-site")
    root = Path(shutil.copytree(FIXTURE, work / "course"))
    for name in ("mkdocs.yml", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    return build_site(root, StringIO(), link_check=False, pdfs=False, site=work / "site")


def visible(page: Page, selectors: tuple[str, ...]) -> list[str]:
    found = []
    for selector in selectors:
        for index in range(page.locator(selector).count()):
            item = page.locator(selector).nth(index)
            if item.is_visible():
                found.append(f"{selector}: {item.evaluate('e => e.outerHTML.slice(0, 80)')}")
    return found


def test_guide_page_prints_without_navigation_or_controls(page: Page, workshop_site: Path,
                                                          serve_dir) -> None:  # type: ignore[no-untyped-def]
    base = serve_dir(workshop_site)
    page.goto(base + GUIDE)
    # On screen the site chrome and the download line are there...
    expect(page.locator(".md-header")).to_be_visible()
    expect(page.locator(".cb-ws-download")).to_be_visible()
    page.emulate_media(media="print")
    # ...on paper they are not, and neither is any control.
    assert visible(page, CHROME) == []
    assert visible(page, CONTROLS) == []
    # The facilitator's content prints: timing, the scripts and the answer keys.
    expect(page.locator("article h1")).to_have_text("16 h · Sesión 1: Escucha")
    expect(page.locator("table.cb-ws-timing")).to_be_visible()
    expect(page.locator("#b-l-roleplay")).to_be_visible()
    key = page.locator('.cb-answer-key[data-quiz-key="listening"]')
    expect(key).to_be_visible()
    expect(key.locator(".cb-key-qs > li").first).to_be_visible()


def test_handouts_start_on_a_new_sheet(page: Page, workshop_site: Path,
                                       serve_dir) -> None:  # type: ignore[no-untyped-def]
    page.goto(serve_dir(workshop_site) + HANDOUTS)
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        "h2.cb-ws-sheet", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks == ["page"] * 5
    assert visible(page, CHROME + CONTROLS) == []


@pytest.mark.parametrize("path", [GUIDE, HANDOUTS, "workshop/agenda-8h/", "es/workshop/"])
def test_workshop_pages_pass_axe(page: Page, workshop_site: Path, serve_dir,  # type: ignore[no-untyped-def]
                                 path: str) -> None:
    page.goto(serve_dir(workshop_site) + path)
    assert_axe_clean(page)


@pytest.mark.parametrize(("path", "group"), [("workshop/", "8-hour workshop"),
                                             ("es/workshop/", "Taller de 8 horas")])
def test_guide_sessions_open_from_the_keyboard(page: Page, workshop_site: Path, serve_dir,  # type: ignore[no-untyped-def]
                                               path: str, group: str) -> None:
    """The guide's sessions sit in one collapsed entry per format: Tab to it, Enter opens it."""
    page.set_viewport_size({"width": 1400, "height": 900})  # the sidebar is shown
    page.goto(serve_dir(workshop_site) + path)
    nav = page.locator("nav.md-nav--primary")
    toggle = nav.locator("label.md-nav__link[tabindex='0']", has_text=group)
    session = nav.locator("a.md-nav__link[href*='guide/8h/session-1']")
    expect(session).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(session).to_be_visible()
    session.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"guide/8h/session-1"))
