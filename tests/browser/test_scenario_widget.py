"""The scenario player in Chromium, driven with the keyboard only.

A harness page (lang en or es) holds the rendered widget, storage.js, scenario.js and the CSS,
served from 127.0.0.1. The fixture scenario is tests/fixtures/scenario/double-charge.yml.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_check import assert_axe_clean
from playwright.sync_api import Browser, Page, expect

from course_builder.load.scenarios import load_scenario
from course_builder.render.scenario import render_cards, render_scenario

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "course_builder" / "assets"
FIXTURE = ROOT / "tests" / "fixtures" / "scenario" / "double-charge.yml"
ROOT_SEL = '[data-scenario="double-charge"]'
MAX_TABS = 40


def harness(folder: Path, lang: str, widget: str) -> None:
    """A minimal accessible page around one widget (title, lang, main, h1, h2)."""
    for name in ("storage.js", "scenario.js", "base.css", "scenario.css"):
        shutil.copy(ASSETS / name, folder / name)
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>Scenario harness</title>"
        '<link rel="stylesheet" href="base.css"><link rel="stylesheet" href="scenario.css">'
        f"</head><body><main><h1>Harness</h1><h2>Practice</h2>\n{widget}\n</main>"
        '<script src="storage.js"></script><script src="scenario.js"></script>'
        "<script>window.cbEvents=[];document.addEventListener('cb:progress',"
        "function(e){window.cbEvents.push(e.detail)});</script></body></html>",
        encoding="utf-8")


@pytest.fixture
def open_widget(tmp_path: Path, serve_dir: Callable[..., str], page: Page
                ) -> Callable[[str], Page]:
    scenario, issues = load_scenario(FIXTURE)
    assert scenario is not None and not [i for i in issues if i.is_error]

    def open_(lang: str) -> Page:
        folder = tmp_path / lang
        folder.mkdir()
        harness(folder, lang, render_scenario(scenario, lang))
        page.goto(serve_dir(folder) + "index.html")
        expect(page.locator(f"{ROOT_SEL} .cb-sc-play")).to_be_visible()
        return page

    return open_


def tab_to(page: Page, text: str) -> None:
    """Press Tab until the focused element's text contains ``text`` (keyboard only)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.textContent")
        if focused and text in focused:
            return
    raise AssertionError(f"no focusable element with {text!r} within {MAX_TABS} tabs")


def choose(page: Page, reply: str) -> None:
    tab_to(page, reply)
    page.keyboard.press("Enter")


def focused_text(page: Page) -> str:
    return page.evaluate("document.activeElement.textContent")


def meter(page: Page) -> tuple[str | None, str]:
    m = page.locator(f"{ROOT_SEL} .cb-sc-meter")
    return m.get_attribute("aria-valuetext"), page.locator(f"{ROOT_SEL} .cb-sc-mtext").inner_text()


def saved(page: Page) -> dict[str, Any]:
    return page.evaluate("CB.store.get('scenario', 'double-charge')")


BEST_EN = [  # (reply to pick, next customer line or ending, meter text after, feedback words)
    ("Two charges the day before rent", "So? Do you see it or not?",
     "Tension 5 of 10: frustrated", "Tension 7 → 5"),
    ("I do. There are two charges", "How do I get my money back",
     "Tension 4 of 10: uneasy", "Tension 5 → 4"),
    ("I'm reversing it now.", "And if the bank charges me anyway?",
     "Tension 2 of 10: calm", "Tension 4 → 2"),
    ("To recap:", "Ending: Money back, trust back", "Tension 0 of 10: calm", "Tension 2 → 0"),
]


def test_best_path_in_english(open_widget: Callable[[str], Page]) -> None:
    page = open_widget("en")
    assert meter(page) == ("Tension 7 of 10: angry", "Tension 7 of 10: angry")
    expect(page.locator(f"{ROOT_SEL} .cb-sc-transcript")).to_be_hidden()
    assert_axe_clean(page)
    for reply, then, meter_text, change in BEST_EN:
        choose(page, reply)
        assert then in focused_text(page)
        assert meter(page) == (meter_text, meter_text)
        expect(page.locator(f"{ROOT_SEL} .cb-sc-fb")).to_contain_text(change)
    end = page.locator(f"{ROOT_SEL} .cb-sc-end")
    expect(end).to_contain_text("Outcome: Resolved")
    expect(end).to_contain_text("You took the strongest path.")
    expect(end).to_contain_text("Techniques: Validation, Ownership")
    expect(page.locator(f"{ROOT_SEL} .cb-sc-choices")).to_be_hidden()
    expect(page.locator(f"{ROOT_SEL} .cb-sc-fb")).to_contain_text(
        "A summary closes the loop")
    record = saved(page)
    assert {k: record[k] for k in ("ending", "outcome", "path", "best", "completed")} == {
        "ending": "resolved", "outcome": "resolved", "path": [0, 0, 0, 0], "best": True,
        "completed": True}
    assert page.evaluate("window.cbEvents")[-1]["id"] == "double-charge"
    assert_axe_clean(page)

    page.reload()
    end = page.locator(f"{ROOT_SEL} .cb-sc-end")
    expect(end).to_contain_text("Your last result: Money back, trust back")
    expect(page.locator(f"{ROOT_SEL} .cb-sc-choices")).to_be_hidden()
    assert meter(page)[0] == "Tension 0 of 10: calm"
    assert page.evaluate("window.cbEvents") == []  # restoring is not new progress
    assert_axe_clean(page)
    choose(page, "Play again")
    assert "You took my money twice!" in focused_text(page)
    assert meter(page)[0] == "Tension 7 of 10: angry"
    expect(end).to_be_hidden()
    assert saved(page)["ending"] == "resolved"  # kept until a new ending is reached


def test_escalated_ending_in_spanish(open_widget: Callable[[str], Page]) -> None:
    page = open_widget("es")
    assert meter(page)[1] == "Tensión 7 de 10: enojo"
    choose(page, "Por favor cálmese")
    assert "Quiero hablar con su supervisor" in focused_text(page)
    assert meter(page) == ("Tensión 10 de 10: a punto de colgar",) * 2
    fb = page.locator(f"{ROOT_SEL} .cb-sc-fb")
    expect(fb).to_contain_text("Pedirle a alguien que se calme")
    expect(fb).to_contain_text("Tensión 7 → 10")
    choose(page, "Le transfiero.")
    assert "Final: Transferido y todavía enojado" in focused_text(page)
    end = page.locator(f"{ROOT_SEL} .cb-sc-end")
    expect(end).to_contain_text("Resultado: Escalada")
    expect(end).to_contain_text("El mejor camino")
    expect(end).to_contain_text("Tu camino")
    expect(fb).to_contain_text("Una transferencia en frío")
    record = saved(page)
    assert (record["ending"], record["outcome"], record["path"], record["best"]) == (
        "escalated", "escalated", [2, 1], False)
    assert_axe_clean(page)
    page.reload()
    expect(page.locator(f"{ROOT_SEL} .cb-sc-end")).to_contain_text(
        "Tu último resultado: Transferido y todavía enojado")
    expect(page.locator(f"{ROOT_SEL} .cb-sc-restart")).to_have_text("Jugar de nuevo")
    assert_axe_clean(page)


def test_corrupt_saved_path_starts_fresh(open_widget: Callable[[str], Page]) -> None:
    page = open_widget("en")
    page.evaluate("CB.store.set('scenario', 'double-charge', "
                  "{ending: 'resolved', path: [9, 9], completed: true})")
    page.reload()
    expect(page.locator(f"{ROOT_SEL} .cb-sc-end")).to_be_hidden()
    expect(page.locator(f"{ROOT_SEL} .cb-sc-choice")).to_have_count(3)


def test_reduced_motion_and_print(open_widget: Callable[[str], Page]) -> None:
    page = open_widget("en")
    page.emulate_media(reduced_motion="reduce")
    bar = page.locator(f"{ROOT_SEL} .cb-sc-bar")
    assert bar.evaluate("e => getComputedStyle(e).transitionDuration") in ("0s", "1e-05s")
    page.emulate_media(media="print")
    expect(page.locator(f"{ROOT_SEL} .cb-sc-choices")).to_be_hidden()
    expect(page.locator(f"{ROOT_SEL} .cb-sc-restart")).to_be_hidden()
    expect(page.locator(f"{ROOT_SEL} .cb-sc-play .cb-sc-log")).to_be_visible()


def test_without_javascript_the_transcript_shows(browser: Browser, tmp_path: Path,
                                                 serve_dir: Callable[..., str]) -> None:
    scenario, _ = load_scenario(FIXTURE)
    assert scenario is not None
    harness(tmp_path, "en", render_scenario(scenario, "en"))
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(serve_dir(tmp_path) + "index.html")
        expect(page.locator(f"{ROOT_SEL} .cb-sc-transcript")).to_be_visible()
        expect(page.locator(f"{ROOT_SEL} .cb-sc-play")).to_be_hidden()
        expect(page.locator(f"{ROOT_SEL} .cb-sc-transcript")).to_contain_text(
            "Ending: Money back, trust back")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_cards_print_one_letter_page_each(page: Page, tmp_path: Path, lang: str,
                                          serve_dir: Callable[..., str]) -> None:
    pypdf = pytest.importorskip("pypdf")
    scenario, _ = load_scenario(FIXTURE)
    assert scenario is not None
    harness(tmp_path, lang, render_cards(scenario, lang))
    page.goto(serve_dir(tmp_path) + "index.html")
    assert_axe_clean(page)
    pdf = tmp_path / "cards.pdf"
    page.pdf(path=str(pdf), format="Letter", margin={"top": "0.6in", "bottom": "0.6in",
                                                     "left": "0.6in", "right": "0.6in"})
    reader = pypdf.PdfReader(str(pdf))
    texts = [p.extract_text() for p in reader.pages]
    # The page heading comes first, then one page per card.
    titles = (["Customer card", "Agent card", "Observer card", "Debrief sheet"] if lang == "en"
              else ["Tarjeta del cliente", "Tarjeta del agente", "Tarjeta de observación",
                    "Hoja de reflexión"])
    assert len(texts) == 5, [t[:60] for t in texts]
    for text, title in zip(texts[1:], titles, strict=True):
        assert title in text
