"""The accessibility audit of the repository's own course, built once per session.

axe-core (a current copy vendored in tests/browser/vendor/axe-core, or the one
axe-playwright-python bundles) must report zero violations on every page of the site in
both languages, and on every page type in use (a check answered, a scenario played, the
progress page with data, the certificate ready to print). A keyboard-only learner completes
a knowledge check and a scenario; focus is always visible; reduced motion is honoured; the
theme's footer passes colour contrast.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_check import axe_results
from playwright.sync_api import Locator, Page, expect

LANG_PREFIX = {"en": "", "es": "es/"}

# Every module check passed and every scenario completed, written the way the widgets do.
SEED = """() => CB.map.m.forEach(x => {
  Object.keys(x.q).forEach(k => CB.store.set('quiz', k, {answers: {},
    results: Object.fromEntries(x.q[k][1].map(i => [i, true])), score: 100, passed: true,
    best: 100}));
  x.s.forEach(s => CB.store.set('scenario', s, {ending: '', outcome: 'resolved', path: [],
    best: true, completed: true}));
})"""


def violations(page: Page) -> list[str]:
    """axe's violations, one readable line each (rule, impact, first targets, summary)."""
    found = axe_results(page).response["violations"]
    return [f"{v['id']} ({v.get('impact')}): {v['help']} at "
            f"{[n['target'] for n in v['nodes']][:3]}: "
            f"{v['nodes'][0].get('failureSummary', '').splitlines()[-1].strip()}"
            for v in found]


def english_pages(site: Path) -> list[str]:
    """Every English page's path (its Spanish twin is es/<path>), the 404 page aside."""
    return sorted(p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
                  for p in site.rglob("index.html")
                  if not p.relative_to(site).as_posix().startswith("es/"))


def find_types(site: Path) -> dict[str, str | None]:
    """One page of each type the audit must cover (None: the site has no such page yet)."""
    pages = english_pages(site)

    def first(test: object) -> str | None:
        for rel in pages:
            text = (site / rel / "index.html").read_text(encoding="utf-8")
            if test(rel, text):  # type: ignore[operator]
                return rel
        return None

    return {
        "home": "",
        "module-with-check": first(lambda r, t: r.startswith("modules/") and "data-quiz=" in t
                                   and "data-scenario=" not in t),
        "scenario": first(lambda r, t: 'class="cb-widget cb-scenario"' in t),
        "agenda": first(lambda r, t: "agenda" in r),
        "guide": first(lambda r, t: "guide" in r),
        "progress": "progress/",
        "certificate": "certificate/",
    }


@pytest.fixture(scope="session")
def types(repo_site: Path) -> dict[str, str | None]:
    return find_types(repo_site)


@pytest.fixture
def site_url(repo_site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(repo_site)


# -- axe ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_has_no_violations(page: Page, repo_site: Path, site_url: str,
                                      lang: str) -> None:
    problems: dict[str, list[str]] = {}
    for rel in english_pages(repo_site):
        page.goto(site_url + LANG_PREFIX[lang] + rel)
        found = violations(page)
        if found:
            problems[LANG_PREFIX[lang] + rel or "/"] = found
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


def _use(page: Page, kind: str) -> None:
    """Put a page type in the state a learner sees while using it."""
    if kind == "module-with-check":
        quiz = page.locator(".cb-quiz").first
        quiz.locator('button[data-act="check"]').click()       # every question marked
        quiz.locator('button[data-act="show"]').click()        # answers and explanations shown
    elif kind == "scenario":
        sc = page.locator(".cb-scenario").first
        sc.locator(".cb-sc-btns button").first.click()         # feedback and the new line
    elif kind == "progress":
        page.get_by_role("button", name=re.compile("Erase my progress|Borrar mi progreso")).click()
    elif kind == "certificate":
        page.locator("#cb-cert-name").fill("Ana María Núñez")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", ["home", "module-with-check", "scenario", "agenda", "guide",
                                  "progress", "certificate"])
def test_page_type_in_use_has_no_violations(page: Page, site_url: str,
                                            types: dict[str, str | None], kind: str,
                                            lang: str) -> None:
    rel = types[kind]
    if rel is None:
        pytest.skip(f"the site has no {kind} page yet")
    url = site_url + LANG_PREFIX[lang] + rel
    page.goto(url)
    if kind == "certificate":
        assert violations(page) == [], "locked certificate"
    page.evaluate(SEED)
    if kind == "home":
        module = types["module-with-check"] or ""
        page.goto(site_url + LANG_PREFIX[lang] + module)   # so "continue" has somewhere to go
    page.goto(url)
    _use(page, kind)
    assert violations(page) == []


@pytest.mark.parametrize("kind", ["module-with-check", "scenario", "progress", "certificate"])
def test_dark_scheme_has_no_violations(page: Page, site_url: str,
                                       types: dict[str, str | None], kind: str) -> None:
    """The palette follows the system: the dark scheme must pass too."""
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + (types[kind] or ""))
    page.evaluate(SEED)
    page.reload()
    _use(page, kind)
    assert violations(page) == []


# -- keyboard only ------------------------------------------------------------------------------
def tab_to(page: Page, target: Locator, inside: str | None = None, limit: int = 600) -> None:
    """Move focus to ``target`` (or to an element matching ``inside`` within it) with Tab
    and Shift+Tab only, in the direction of the target."""
    handle = target.element_handle()
    for _ in range(limit):
        state = page.evaluate("""([el, sel]) => {
            const a = document.activeElement;
            if (a && (sel ? el.contains(a) && a.matches(sel) : a === el)) return "here";
            if (!a || a === document.body) return "after";
            return a.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING
              ? "after" : "before"; }""", [handle, inside])
        if state == "here":
            return
        page.keyboard.press("Tab" if state == "after" else "Shift+Tab")
    raise AssertionError(f"Tab never reached {target}")


def answer_with_keyboard(page: Page, quiz: Locator) -> None:
    """Answer every question rightly using Tab, Space, Enter and the arrow keys."""
    for q in quiz.locator("fieldset.cb-q").all():
        kind, key = q.get_attribute("data-type"), (q.get_attribute("data-key") or "").split()
        inputs = q.locator("input")
        if kind in ("single", "best-response", "true-false"):
            tab_to(page, q, "input")                 # a radio group is one tab stop
            if not any(i.is_checked() for i in inputs.all()):
                page.keyboard.press("Space")
            for _ in range(inputs.count()):
                if q.locator(f'input[value="{key[0]}"]').is_checked():
                    break
                page.keyboard.press("ArrowDown")
            expect(q.locator(f'input[value="{key[0]}"]')).to_be_checked()
        elif kind == "multiple":
            for box in inputs.all():
                tab_to(page, box)
                if (box.get_attribute("value") in key) != box.is_checked():
                    page.keyboard.press("Space")
        elif kind == "ordering":
            for index, item in enumerate(key):
                li = q.locator(f'li[data-i="{item}"]')
                while li.evaluate("e => [...e.parentNode.children].indexOf(e)") > index:
                    tab_to(page, li.locator('button[data-mv="-1"]'))
                    page.keyboard.press("Enter")
        elif kind == "matching":
            for select in q.locator("select").all():
                tab_to(page, select)
                for _ in range(select.locator("option").count()):
                    if select.input_value() == select.get_attribute("data-p"):
                        break
                    page.keyboard.press("ArrowDown")
                expect(select).to_have_value(select.get_attribute("data-p") or "")
    tab_to(page, quiz.locator('button[data-act="check"]'))
    page.keyboard.press("Enter")


def test_keyboard_only_learner_completes_a_check_and_a_scenario(
        page: Page, site_url: str, types: dict[str, str | None]) -> None:
    module = types["module-with-check"]
    assert module is not None
    page.goto(site_url + module)
    quiz = page.locator(".cb-quiz").first
    quiz_id = quiz.get_attribute("data-quiz")
    answer_with_keyboard(page, quiz)
    expect(quiz.locator(".cb-quiz-status")).to_contain_text("Passed!")
    saved = page.evaluate(f"CB.store.get('quiz', '{quiz_id}')")
    assert saved["passed"] is True and saved["score"] == 100
    module_id = module.strip("/").split("/")[-1]
    if page.evaluate(f"CB.journey.status(CB.journey.mod('{module_id}')).done"):
        expect(page.locator(".md-nav--primary a.cb-done")).to_have_count(1)

    page.goto(site_url + (types["scenario"] or ""))
    scenario = page.locator(".cb-scenario").first
    best = json.loads(scenario.locator(".cb-sc-data").text_content() or "{}")["best"]
    for index in best:
        tab_to(page, scenario.locator(".cb-sc-btns button").nth(index))
        page.keyboard.press("Enter")
    ending = scenario.locator(".cb-sc-end")
    expect(ending).to_be_visible()
    expect(ending.locator("h4")).to_be_focused()
    sid = scenario.get_attribute("data-scenario")
    assert page.evaluate(f"CB.store.get('scenario', '{sid}').completed") is True

    page.goto(site_url + "progress/")
    expect(page.locator(f'.cb-jr-q[data-q="{quiz_id}"]').first).to_have_text("100% · passed")


# -- focus, motion, contrast -----------------------------------------------------------------------
FOCUS_STYLE = """() => {
  let a = document.activeElement;
  if (a.matches('input.md-option')) a = a.nextElementSibling;   // the palette's visible label
  const s = getComputedStyle(a), r = a.getBoundingClientRect();
  return {tag: a.tagName + '.' + a.className, style: s.outlineStyle,
          width: parseFloat(s.outlineWidth), shadow: s.boxShadow, w: r.width, h: r.height};
}"""


@pytest.mark.parametrize("kind", ["module-with-check", "progress"])
def test_focus_is_always_visible(page: Page, site_url: str, types: dict[str, str | None],
                                 kind: str) -> None:
    page.goto(site_url + (types[kind] or ""))
    seen = 0
    for _ in range(250):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        focus = page.evaluate(FOCUS_STYLE)
        ring = (focus["style"] not in ("none", "") and focus["width"] >= 2) or \
            focus["shadow"] not in ("none", "")
        assert ring, f"no visible focus on {focus}"
        seen += 1
    assert seen > 20


def test_reduced_motion_is_honoured(page: Page, site_url: str,
                                    types: dict[str, str | None]) -> None:
    url = site_url + (types["module-with-check"] or "")
    probe = """() => [getComputedStyle(document.querySelector('.md-nav__link')).transitionDuration,
                     getComputedStyle(document.documentElement).scrollBehavior,
                     CB.reducedMotion()]"""
    page.goto(url)
    normal = page.evaluate(probe)
    page.emulate_media(reduced_motion="reduce")
    page.goto(url)
    reduced = page.evaluate(probe)
    assert reduced[2] is True and normal[2] is False
    assert reduced[1] == "auto"
    seconds = [float(d[:-2]) / 1000 if d.endswith("ms") else float(d[:-1])
               for d in reduced[0].split(", ")]
    assert max(seconds) <= 0.001, reduced[0]
    assert reduced[0] != normal[0], "the theme's transitions are shortened"


CONTRAST = """(sel) => {
  const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(x => x / 255)
      .map(x => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const el = document.querySelector(sel);
  let bg = el, c;
  while (bg && (c = getComputedStyle(bg).backgroundColor).match(/rgba\\(.*, 0\\)|transparent/))
    bg = bg.parentElement;
  const a = lum(getComputedStyle(el).color), b = lum(c);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("lang", ["en", "es"])
def test_footer_text_passes_contrast(page: Page, site_url: str, lang: str) -> None:
    page.goto(site_url + LANG_PREFIX[lang])
    for sel in (".md-copyright", ".md-copyright a", ".md-footer__title"):
        if page.locator(sel).count():
            ratio = page.evaluate(CONTRAST, sel)
            assert ratio >= 4.5, f"{sel}: {ratio:.2f}:1"
