"""The three practice pages in a real built site (the mini course plus the repository's
trigger list and swap prompts): both languages, their own bundles, the "Keep practising"
navigation section, nothing fetched from other hosts, and no accessibility violations."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_check import assert_axe_clean
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
# Material's "stay on page" language switch fetches <page>/sitemap.xml: harmless 404s.
KNOWN_CONSOLE = ("sitemap.xml",
                 "Failed to load resource: the server responded with a status of 404")

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                 reason="needs Debian's chromium at /usr/bin/chromium")]

PAGES = [  # (path, lang, title, widget root)
    ("practice/trigger-word-swap/", "en", "Trigger Word Swap", ".cb-swap"),
    ("es/practice/trigger-word-swap/", "es", "Cambio de palabras detonantes", ".cb-swap"),
    ("practice/refresher/", "en", "Monthly refresher", ".cb-refresher"),
    ("es/practice/refresher/", "es", "Repaso mensual", ".cb-refresher"),
    ("practice/kpi-worksheet/", "en", "KPI worksheet for team leads", ".cb-kpi"),
    ("es/practice/kpi-worksheet/", "es", "Hoja de indicadores para líderes de equipo", ".cb-kpi"),
]


@pytest.fixture(scope="session")
def practice_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini course with the repository's data files, built once (no link check)."""
    from course_builder.build import build_site

    work = tmp_path_factory.mktemp("practice")
    course = work / "course"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", course)
    for name in ("mkdocs.yml", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, course / name)
    (course / "data").mkdir(exist_ok=True)
    for name in ("trigger_words.yml", "swap_prompts.yml"):
        shutil.copy(ROOT / "data" / name, course / "data" / name)
    return build_site(course, StringIO(), link_check=False, pdfs=False, site=work / "site")


@pytest.fixture
def site_url(practice_site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(practice_site)


@pytest.mark.parametrize(("path", "lang", "title", "root"), PAGES,
                         ids=[p[0].rstrip("/") for p in PAGES])
def test_practice_page(page: Page, site_url: str, path: str, lang: str, title: str,
                       root: str) -> None:
    foreign: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: foreign.append(r.url)
            if urlsplit(r.url).hostname not in ("127.0.0.1", None)
            and not r.url.startswith(("data:", "blob:")) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and not any(k in m.text for k in KNOWN_CONSOLE) else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + path)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("article h1")).to_have_text(title)
    expect(page.locator(f"{root}[data-ready]")).to_have_count(1)  # its script ran
    section = "Keep practising" if lang == "en" else "Sigue practicando"
    expect(page.locator(".md-nav__item--section > label, .md-nav__item--section > a")
           .filter(has_text=section).first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert_axe_clean(page)
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert errors == [], f"console errors: {errors}"


def test_swap_page_uses_the_course_list(page: Page, site_url: str) -> None:
    page.goto(site_url + "es/practice/trigger-word-swap/")
    expect(page.locator(".cb-sw-item")).to_have_count(12)
    area = page.locator(".cb-sw-item textarea").first
    area.focus()
    page.keyboard.type("Lamentablemente es nuestra política.")
    expect(page.locator(".cb-sw-item").first.locator("mark")).to_have_text(
        ["Lamentablemente", "es nuestra política"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tools_in_use_have_no_violations(page: Page, site_url: str, tmp_path: Path,
                                         scheme: str) -> None:
    """Each tool showing its feedback (marks, a clean rewrite, a checked refresher, the KPI
    results), in the light and the dark scheme."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(site_url + "practice/trigger-word-swap/")
    areas = page.locator(".cb-sw-item textarea")
    areas.nth(0).focus()
    page.keyboard.type("That's our policy, and you'll have to wait.")
    areas.nth(1).focus()
    page.keyboard.type("Let's set up an alert so this doesn't happen again.")
    expect(page.locator(".cb-sw-ok")).to_have_count(1)
    assert_axe_clean(page)
    page.goto(site_url + "es/practice/refresher/")
    page.locator(".cb-rf-start").focus()
    page.keyboard.press("Enter")
    page.locator(".cb-rf-check").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".cb-rf-chart svg")).to_have_count(1)
    assert_axe_clean(page)
    page.goto(site_url + "practice/kpi-worksheet/")
    csv = tmp_path / "kpi.csv"
    csv.write_text("month,phase,escalation_rate,fcr\n2025-01,baseline,5,60\n"
                   "2025-02,baseline,6,61\n2025-03,after,4,66\n", encoding="utf-8")
    page.set_input_files(".cb-kpi input[type=file]", str(csv))
    expect(page.locator(".cb-kpi-warn li").first).to_be_visible()
    assert_axe_clean(page)
