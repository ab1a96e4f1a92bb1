"""The knowledge-check widget in Chromium, driven with the keyboard only.

A harness page per language holds the fixture quiz (every question type), storage.js,
quiz.js and the CSS, served from tmp_path on 127.0.0.1. Both pages share one origin, so they
share the saved progress, as the English and Spanish pages of the site do.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from axe_check import assert_axe_clean
from playwright.sync_api import Browser, Page, expect

from course_builder.load.quizzes import load_quiz
from course_builder.render.quiz import render_quiz

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "course_builder" / "assets"
FIXTURE = ROOT / "tests" / "fixtures" / "quiz" / "sample-check.yml"
KEY = "cb1:quiz:sample-check"
Q = "#cbq-sample-check-"  # ids of the fixture's questions start with this

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                 reason="needs Debian's chromium at /usr/bin/chromium")]

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="base.css"><link rel="stylesheet" href="quiz.css"></head>
<body><main><h1>{title}</h1><h2>{section}</h2>
{widget}
</main>
<script>window.cbEvents = []; document.addEventListener("cb:progress",
  function (e) {{ window.cbEvents.push(e.detail); }});</script>
<script src="storage.js"></script><script src="quiz.js"></script>
</body></html>
"""


@pytest.fixture
def site(tmp_path: Path, serve_dir: str) -> str:
    """Write en.html and es.html with the fixture quiz; return the base URL."""
    quiz, issues = load_quiz(FIXTURE)
    assert quiz is not None and not issues
    for name in ("storage.js", "quiz.js", "base.css", "quiz.css"):
        shutil.copy(ASSETS / name, tmp_path / name)
    for lang, title, section in (("en", "Strategic language", "Knowledge check"),
                                 ("es", "Lenguaje estratégico", "Verificación de conocimientos")):
        (tmp_path / f"{lang}.html").write_text(
            PAGE.format(lang=lang, title=title, section=section, widget=render_quiz(quiz, lang)),
            encoding="utf-8")
    return serve_dir


@pytest.fixture
def errors(page: Page) -> list[str]:
    """Uncaught errors and console errors of the page."""
    found: list[str] = []
    page.on("pageerror", lambda exc: found.append(str(exc)))
    page.on("console", lambda msg: found.append(msg.text) if msg.type == "error" else None)
    return found


# -- keyboard helpers ------------------------------------------------------------------------
def tab_to(page: Page, selector: str, limit: int = 150) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_radio(page: Page, qid: str, value: str) -> None:
    """Tab into a radio group, then move with the arrow keys until ``value`` is checked."""
    tab_to(page, f'{Q}{qid} input[type="radio"]')
    values = page.eval_on_selector_all(f'{Q}{qid} input', "els => els.map(e => e.value)")
    for _ in range(len(values) + 1):
        focused = page.evaluate("() => document.activeElement.value")
        if focused == value:
            page.keyboard.press("Space")
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"{Q}{qid}-{value}")).to_be_checked()


def toggle(page: Page, qid: str, value: str) -> None:
    tab_to(page, f"{Q}{qid}-{value}")
    page.keyboard.press("Space")


def choose_match(page: Page, left: str, right: str) -> None:
    """Focus the <select> of ``left`` and press ArrowDown/ArrowUp until ``right`` is chosen."""
    sel = f"{Q}swap-pairs-{left}"
    tab_to(page, sel)
    values = page.eval_on_selector_all(f"{sel} option", "els => els.map(e => e.value)")
    current = values.index(page.eval_on_selector(sel, "e => e.value"))
    step = "ArrowDown" if values.index(right) > current else "ArrowUp"
    for _ in range(abs(values.index(right) - current)):
        page.keyboard.press(step)
    expect(page.locator(sel)).to_have_value(right)


def order(page: Page) -> list[str]:
    return page.eval_on_selector_all(f"{Q}three-steps .cb-ord > li",
                                     "els => els.map(e => e.dataset.i)")


def put_in_order(page: Page, wanted: list[str]) -> None:
    """Move each item up with its 'Move up' button (Enter, focus stays on the button)."""
    for target, item in enumerate(wanted):
        steps = order(page).index(item) - target
        if steps <= 0:
            continue
        tab_to(page, f'{Q}three-steps li[data-i="{item}"] button[data-mv="-1"]')
        for _ in range(steps):
            page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.dataset.mv") == "-1"
    assert order(page) == wanted


def press_button(page: Page, action: str) -> None:
    tab_to(page, f'.cb-quiz button[data-act="{action}"]')
    page.keyboard.press("Enter")


def stored(page: Page) -> dict[str, Any]:
    return json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')"))


RIGHT_ORDER = ["safety", "tension", "trust", "follow-up"]
RIGHT_ANSWERS = {
    "swap-policy": "b", "validating-phrases": ["a", "c"], "agree-to-validate": "false",
    "late-package": "b", "three-steps": RIGHT_ORDER,
    "swap-pairs": {"cant": "cant", "policy": "policy", "have-to": "have-to"},
}


# -- the tests -------------------------------------------------------------------------------
def test_answer_wrongly_then_rightly_with_the_keyboard(page: Page, site: str,
                                                       errors: list[str]) -> None:
    page.goto(site + "en.html")
    status = page.locator(".cb-quiz-status")
    expect(page.locator(".cb-quiz-actions")).to_be_visible()
    expect(page.locator(".cb-q-key").first).to_be_hidden()
    start = order(page)
    assert start != RIGHT_ORDER

    # Wrong answers for every type (the ordering stays shuffled).
    choose_radio(page, "swap-policy", "a")
    toggle(page, "validating-phrases", "b")
    choose_radio(page, "agree-to-validate", "true")
    choose_radio(page, "late-package", "a")
    choose_match(page, "cant", "policy")
    press_button(page, "check")
    expect(status).to_contain_text("Score: 0 of 6 (0%).")
    expect(status).to_contain_text("Not yet: the pass mark is 80%.")
    marks = page.locator(".cb-q-mark")
    expect(marks).to_have_count(6)
    for i in range(6):
        expect(marks.nth(i)).to_contain_text("✗")
    expect(marks.nth(0)).to_contain_text("Not quite")
    feedback_a = page.locator(f'{Q}swap-policy .cb-opt-fb[data-for="a"]')
    expect(feedback_a).to_be_visible()
    expect(feedback_a).to_contain_text("close the door")
    expect(page.locator(f'{Q}swap-policy .cb-opt-fb[data-for="b"]')).to_be_hidden()
    expect(page.locator(f'{Q}agree-to-validate .cb-opt-fb[data-for="true"]')).to_be_visible()
    expect(page.locator(f"{Q}swap-policy .cb-q-out .cb-q-expl")).to_contain_text("Lead with")
    assert page.locator(f"{Q}swap-policy").evaluate("e => e.classList.contains('cb-no')")
    assert stored(page)["score"] == 0 and stored(page)["passed"] is False

    # Now the right answers.
    choose_radio(page, "swap-policy", "b")
    toggle(page, "validating-phrases", "b")
    toggle(page, "validating-phrases", "a")
    toggle(page, "validating-phrases", "c")
    choose_radio(page, "agree-to-validate", "false")
    choose_radio(page, "late-package", "b")
    put_in_order(page, RIGHT_ORDER)
    expect(status).to_have_text("Reduce tension: position 2 of 4.")
    for left in ("cant", "policy", "have-to"):
        choose_match(page, left, left)
    press_button(page, "check")
    expect(status).to_contain_text("Score: 6 of 6 (100%).")
    expect(status).to_contain_text("Passed!")
    expect(status).to_contain_text("Best so far: 100%.")
    for i in range(6):
        expect(marks.nth(i)).to_contain_text("✓ Correct")
    expect(page.locator(f'{Q}swap-policy .cb-opt-fb[data-for="a"]')).to_be_hidden()
    expect(page.locator(f'{Q}swap-policy .cb-opt-fb[data-for="b"]')).to_be_visible()

    saved = stored(page)
    assert saved["answers"] == RIGHT_ANSWERS
    assert saved["results"] == dict.fromkeys(RIGHT_ANSWERS, True)
    assert (saved["score"], saved["passed"], saved["best"], saved["v"]) == (100, True, 100, 1)
    events = page.evaluate("() => window.cbEvents")
    assert [(e["kind"], e["id"], e["score"], e["passed"]) for e in events] == [
        ("quiz", "sample-check", 0, False), ("quiz", "sample-check", 100, True)]
    assert_axe_clean(page)

    # A reload keeps every answer and shows the result again.
    page.reload()
    expect(page.locator(f"{Q}swap-policy-b")).to_be_checked()
    expect(page.locator(f"{Q}validating-phrases-a")).to_be_checked()
    expect(page.locator(f"{Q}validating-phrases-b")).not_to_be_checked()
    expect(page.locator(f"{Q}agree-to-validate-false")).to_be_checked()
    expect(page.locator(f"{Q}swap-pairs-policy")).to_have_value("policy")
    assert order(page) == RIGHT_ORDER
    expect(status).to_contain_text("Score: 6 of 6 (100%).")

    # Try again clears the answers and puts the items back in their first order.
    press_button(page, "reset")
    expect(page.locator(f"{Q}swap-policy-b")).not_to_be_checked()
    expect(page.locator(f"{Q}swap-pairs-policy")).to_have_value("")
    assert order(page) == start
    expect(page.locator(".cb-q-out").first).to_be_hidden()
    expect(status).to_contain_text("Answers cleared.")

    # Show answers opens every question's answer and explanation.
    press_button(page, "show")
    for i in range(6):
        expect(page.locator(".cb-q-key").nth(i)).to_be_visible()
    expect(page.locator(f"{Q}three-steps .cb-q-key")).to_contain_text("Protect safety")
    assert_axe_clean(page)
    assert errors == []


def test_spanish_page_shows_the_same_saved_answers(page: Page, site: str,
                                                   errors: list[str]) -> None:
    page.goto(site + "en.html")
    choose_radio(page, "swap-policy", "b")
    choose_radio(page, "agree-to-validate", "true")
    choose_match(page, "have-to", "have-to")
    put_in_order(page, RIGHT_ORDER)
    press_button(page, "check")
    expect(page.locator(".cb-quiz-status")).to_contain_text("Score: 2 of 6 (33%).")

    page.goto(site + "es.html")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(f"{Q}swap-policy-b")).to_be_checked()
    expect(page.locator(f"{Q}agree-to-validate-true")).to_be_checked()
    expect(page.locator(f"{Q}swap-pairs-have-to")).to_have_value("have-to")
    assert order(page) == RIGHT_ORDER
    status = page.locator(".cb-quiz-status")
    expect(status).to_contain_text("Resultado: 2 de 6 (33%).")
    expect(status).to_contain_text("Todavía no: la calificación mínima es 80%.")
    expect(page.locator(f"{Q}swap-policy .cb-q-mark")).to_contain_text("✓ Correcto")
    expect(page.locator(f"{Q}late-package .cb-q-mark")).to_contain_text("Sin responder")
    expect(page.locator(f'{Q}agree-to-validate .cb-opt-fb[data-for="true"]')).to_contain_text(
        "No exactamente")

    choose_radio(page, "late-package", "b")
    press_button(page, "check")
    expect(status).to_contain_text("Resultado: 3 de 6 (50%).")
    assert stored(page)["answers"]["late-package"] == "b"
    assert_axe_clean(page)
    assert errors == []


BAD_VALUES = [
    "{not json",
    "[1, 2, 3]",
    json.dumps({"v": 1, "answers": "everything", "results": 7, "best": "high"}),
    json.dumps({"v": 1, "answers": {
        "swap-policy": {"x": 1}, "validating-phrases": [1, "zz"], "agree-to-validate": 7,
        "late-package": None, "three-steps": ["trust", "bogus", "safety", "tension"],
        "swap-pairs": "bad"}, "results": {"swap-policy": "yes"}, "best": -5}),
    json.dumps({"v": 1, "answers": {"three-steps": ["safety", "safety", "trust", "tension"],
                                    "swap-pairs": {"cant": "nope", "policy": 3}},
                "results": {}}),
]


@pytest.mark.parametrize("value", BAD_VALUES, ids=range(len(BAD_VALUES)))
def test_corrupt_saved_value_does_not_break_the_page(page: Page, site: str, errors: list[str],
                                                     value: str) -> None:
    page.goto(site + "en.html")
    start = order(page)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])
    page.reload()
    expect(page.locator(".cb-quiz-actions")).to_be_visible()
    assert page.locator(".cb-quiz input:checked").count() == 0
    assert order(page) == start
    assert page.locator(f"{Q}swap-pairs-cant").input_value() == ""
    choose_radio(page, "swap-policy", "b")
    press_button(page, "check")
    expect(page.locator(".cb-quiz-status")).to_contain_text("Score: 1 of 6 (17%).")
    assert stored(page)["best"] == 17
    assert errors == []


def test_saved_answers_of_removed_questions_are_ignored(page: Page, site: str,
                                                        errors: list[str]) -> None:
    page.goto(site + "en.html")
    data = {"v": 1, "answers": {"swap-policy": "b", "a-removed-question": "a"},
            "results": {"swap-policy": True, "a-removed-question": True}, "score": 100,
            "passed": True, "best": 100}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(data)])
    page.reload()
    expect(page.locator(f"{Q}swap-policy-b")).to_be_checked()
    expect(page.locator(".cb-quiz-status")).to_contain_text("Score: 1 of 6 (17%).")
    expect(page.locator(".cb-quiz-status")).to_contain_text("Best so far: 100%.")
    assert errors == []


def test_without_javascript_everything_is_readable(browser: Browser, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "en.html")
    expect(page.locator(".cb-quiz-actions")).to_be_hidden()
    expect(page.locator(".cb-ord-b").first).to_be_hidden()
    details = page.locator(f"{Q}swap-policy details")
    expect(details).to_be_visible()
    details.locator("summary").click()
    expect(details).to_contain_text("Here's what I can do for you today.")
    expect(details).to_contain_text("Lead with what you can do")
    context.close()


def test_print_is_a_worksheet_without_controls(page: Page, site: str) -> None:
    page.goto(site + "en.html")
    page.emulate_media(media="print")
    expect(page.locator(".cb-quiz-actions")).to_be_hidden()
    expect(page.locator(".cb-ord-b").first).to_be_hidden()
    expect(page.locator(".cb-quiz select").first).to_be_hidden()
    expect(page.locator(".cb-q-key").first).to_be_hidden()
    expect(page.locator(".cb-quiz .cb-print")).to_be_visible()
    expect(page.locator(f"{Q}swap-policy legend")).to_be_visible()


def test_reduced_motion_has_no_transitions(page: Page, site: str) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.goto(site + "en.html")
    duration = page.eval_on_selector(f"{Q}three-steps .cb-ord > li",
                                     "e => getComputedStyle(e).transitionDuration")
    assert duration == "0s"
