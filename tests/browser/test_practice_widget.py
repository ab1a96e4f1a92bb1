"""The practice tools in Chromium, driven with the keyboard only: Trigger Word Swap, monthly
refresher and KPI worksheet, in English and Spanish.

Harness pages (one per tool and language) hold the widget rendered from the fixtures in
tests/fixtures/practice/, storage.js and the tool's own scripts and styles, served from
tmp_path on 127.0.0.1. The matcher and the KPI arithmetic also run here against the same case
tables as the Python unit tests, so the two implementations cannot drift apart.
"""

from __future__ import annotations

import calendar
import json
import math
import shutil
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_check import assert_axe_clean
from playwright.sync_api import Page, expect

from course_builder.load.quizzes import load_quiz
from course_builder.model.course import Course
from course_builder.model.text import Text
from course_builder.practice.pages import BUNDLES, PAGE_ASSETS
from course_builder.practice.prompts import load_prompts
from course_builder.practice.render import render_kpi, render_refresher, render_swap
from course_builder.practice.triggers import load_triggers

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "course_builder" / "assets"
FIXTURES = ROOT / "tests" / "fixtures" / "practice"
UNIT = ROOT / "tests" / "unit"
SWAP_KEY, REFRESHER_KEY, KPI_KEY = "cb1:swap:trigger-word-swap", "cb1:refresher:monthly", \
    "cb1:kpi:worksheet"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                 reason="needs Debian's chromium at /usr/bin/chromium")]

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="base.css">{styles}</head>
<body><main><h1>{title}</h1>
{widget}
</main>
<script>window.cbEvents = []; document.addEventListener("cb:progress",
  function (e) {{ window.cbEvents.push(e.detail); }});</script>
<script src="storage.js"></script>{scripts}
</body></html>
"""
TITLES = {"swap": ("Trigger Word Swap", "Cambio de palabras detonantes"),
          "refresher": ("Monthly refresher", "Repaso mensual"),
          "kpi": ("KPI worksheet", "Hoja de indicadores")}
RELS = {"swap": "practice/trigger-word-swap.md", "refresher": "practice/refresher.md",
        "kpi": "practice/kpi-worksheet.md"}

# The known data set of tests/unit/kpi_cases.json, as a team lead would export it.
KNOWN_CSV = ("month,phase,escalation_rate,handle_time,csat,fcr,retention\r\n"
             "2025-01,baseline,5.2,9.8,3.1,60,90\r\n"
             "2025-02,baseline,5,10,3.2,61,91\r\n"
             "2025-03,baseline,4.8,10.2,3.3,62,92\r\n"
             "2025-04,after,4.2,9.9,3.6,66,93\r\n"
             "2025-05,after,4,9.6,3.8,67,94\r\n"
             "2025-06,after,3.8,9.9,4,68,95\r\n")


def practice_course() -> Course:
    triggers, _ = load_triggers(FIXTURES / "trigger_words.yml")
    prompts, _ = load_prompts(FIXTURES / "swap_prompts.yml", triggers)
    quizzes = {}
    for name in ("practice-a.yml", "practice-b.yml"):
        quiz, _ = load_quiz(FIXTURES / name)
        assert quiz is not None
        quizzes[quiz.id] = quiz
    return Course(root=FIXTURES, title=Text("", ""), description=Text("", ""), outline=[],
                  modules=[], pages={"en": {}, "es": {}}, quizzes=quizzes,
                  triggers=triggers, swap_prompts=prompts)


@pytest.fixture
def site(tmp_path: Path, serve_dir: str) -> str:
    """Write <tool>.<lang>.html for the three tools; return the base URL."""
    course = practice_course()
    names = {"storage.js", "base.css"} | {f for files in BUNDLES.values() for f in files}
    for name in names:
        shutil.copy(ASSETS / name, tmp_path / name)
    widgets = {"swap": lambda lang: render_swap(course.swap_prompts, course.triggers, lang),  # type: ignore[arg-type]
               "refresher": lambda lang: render_refresher(course, lang, size=4),
               "kpi": render_kpi}
    for tool, render in widgets.items():
        script, style = PAGE_ASSETS[RELS[tool]]
        scripts = "".join(f'<script src="{f}"></script>' for f in BUNDLES[script])
        styles = "".join(f'<link rel="stylesheet" href="{f}">' for f in BUNDLES[style])
        for i, lang in enumerate(("en", "es")):
            (tmp_path / f"{tool}.{lang}.html").write_text(PAGE.format(
                lang=lang, title=TITLES[tool][i], styles=styles, scripts=scripts,
                widget=render(lang)), encoding="utf-8")
    return serve_dir


@pytest.fixture
def errors(page: Page) -> list[str]:
    """Uncaught errors, console errors and requests to other hosts, for the page's life."""
    found: list[str] = []
    page.on("pageerror", lambda exc: found.append(str(exc)))
    page.on("console", lambda msg: found.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda req: found.append(f"request to {req.url}")
            if urlsplit(req.url).hostname not in (None, "127.0.0.1") and
            not req.url.startswith(("data:", "blob:")) else None)
    return found


# -- keyboard helpers ------------------------------------------------------------------------
def tab_to(page: Page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def press(page: Page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Enter")


def choose_radio(page: Page, group: str, value: str) -> None:
    """Tab into a radio group, then move with the arrow keys until ``value`` is checked."""
    tab_to(page, f'input[name="{group}"]')
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == value:
            page.keyboard.press("Space")
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator(f'input[name="{group}"][value="{value}"]')).to_be_checked()


def choose_option(page: Page, selector: str, value: str) -> None:
    """Focus a <select> and press ArrowDown until ``value`` is chosen."""
    tab_to(page, selector)
    values = page.eval_on_selector_all(f"{selector} option", "els => els.map(e => e.value)")
    for _ in range(values.index(value)):
        page.keyboard.press("ArrowDown")
    expect(page.locator(selector)).to_have_value(value)


def stored(page: Page, key: str) -> Any:
    raw = page.evaluate(f"() => localStorage.getItem('{key}')")
    return json.loads(raw) if raw else None


# -- the shared case tables ------------------------------------------------------------------
def test_js_matcher_agrees_with_the_case_table(page: Page, site: str) -> None:
    cases = json.loads((UNIT / "trigger_match_cases.json").read_text("utf-8"))
    rules = json.loads((ASSETS / "practice-rules.json").read_text("utf-8"))
    page.goto(site + "swap.en.html")
    got = page.evaluate("""([cases, rules]) => cases.cases.map(c => {
        const trs = cases.triggers.map(t => ({id: t.id, p: t[c.lang],
                                              x: (t.except || {})[c.lang]}));
        const idx = CB.match.index(trs, rules);
        return CB.match.find(c.text, idx, rules).map(m => [trs[m.n].id, m.x]);
    })""", [cases, rules])
    for case, found in zip(cases["cases"], got, strict=True):
        assert found == case["expect"], case


def _close(actual: Any, expected: Any) -> bool:
    if isinstance(expected, float) or isinstance(actual, float):
        return actual is not None and expected is not None and math.isclose(
            actual, expected, rel_tol=1e-9, abs_tol=1e-9)
    return bool(actual == expected)


def test_js_kpi_arithmetic_agrees_with_the_case_table(page: Page, site: str) -> None:
    cases = json.loads((UNIT / "kpi_cases.json").read_text("utf-8"))["cases"]
    page.goto(site + "kpi.en.html")
    got = page.evaluate("""cases => {
        const M = JSON.parse(document.querySelector(".cb-kpi-data").textContent).measures;
        return cases.map(c => Object.fromEntries(M.map(m => [m.id, CB.kpi.summarise(c.rows, m)])));
    }""", cases)
    for case, result in zip(cases, got, strict=True):
        for measure, expected in case["expect"].items():
            for key, value in expected.items():
                assert _close(result[measure][key], value), (case["name"], measure, key)


# -- Trigger Word Swap -----------------------------------------------------------------------
FIRST = "#cb-swap-refund-card-in"


def test_swap_marks_policy_and_offers_alternatives(page: Page, site: str,
                                                   errors: list[str]) -> None:
    page.goto(site + "swap.en.html")
    tab_to(page, FIRST)
    page.keyboard.type("That's our policy, sorry.")
    item = page.locator("#cb-swap-refund-card")
    expect(item.locator("mark.cb-sw-hit")).to_have_text(["policy"])
    expect(item.locator(".cb-sw-tag")).to_have_text(["trigger word"])
    expect(item.locator(".cb-sw-left")).to_have_text("⚠ 1 trigger word left: “policy”.")
    expect(item.locator(".cb-sw-hits")).to_contain_text("Try instead: “The reason we do it "
                                                         "this way is…” or “To protect your "
                                                         "account, we…”")
    expect(page.locator(".cb-sw-status")).to_have_text("1 trigger word left: “policy”.")
    assert_axe_clean(page)
    # Keep typing: the marks follow the text as it changes.
    page.keyboard.type(" You’ll have to wait.")
    expect(item.locator("mark.cb-sw-hit")).to_have_text(["policy", "You’ll have to"])
    page.keyboard.press("Control+A")
    page.keyboard.type("Refunds go back to your card so nobody else can redirect the money.")
    expect(item.locator("mark")).to_have_count(0)
    expect(item.locator(".cb-sw-ok")).to_have_text("✓ No trigger words left. Compare your "
                                                    "version with the model answer.")
    expect(page.locator(".cb-sw-progress")).to_contain_text("Rewritten without trigger "
                                                           "words: 1 of 2.")
    # The model answer opens from the keyboard.
    press(page, "#cb-swap-refund-card summary")
    expect(item.locator(".cb-sw-model p")).to_be_visible()
    assert errors == []


def test_swap_in_spanish(page: Page, site: str, errors: list[str]) -> None:
    page.goto(site + "swap.es.html")
    tab_to(page, FIRST)
    page.keyboard.type("Es nuestra política: tiene que esperar.")
    item = page.locator("#cb-swap-refund-card")
    expect(item.locator("mark.cb-sw-hit")).to_have_text(["Es nuestra política", "tiene que"])
    expect(item.locator(".cb-sw-tag").first).to_have_text("palabra detonante")
    expect(item.locator(".cb-sw-hits")).to_contain_text("Mejor di: “Lo hacemos así porque…”")
    expect(page.locator(".cb-sw-status")).to_have_text(
        "Quedan 2 palabras detonantes: “Es nuestra política”, “tiene que”.")
    page.keyboard.press("Control+A")
    page.keyboard.type("Sin acentos: es nuestra politica.")
    expect(item.locator("mark.cb-sw-hit")).to_have_text(["es nuestra politica"])
    page.keyboard.press("Control+A")
    page.keyboard.type("Lo hacemos así porque protege su dinero; lo inicio ahora mismo.")
    expect(item.locator("mark")).to_have_count(0)
    expect(item.locator(".cb-sw-ok")).to_contain_text("Ya no hay palabras detonantes.")
    assert_axe_clean(page)
    assert errors == []


def test_swap_saves_drafts_and_progress(page: Page, site: str, errors: list[str]) -> None:
    page.goto(site + "swap.en.html")
    tab_to(page, FIRST)
    page.keyboard.type("Let's start the refund now.")
    expect(page.locator(".cb-sw-progress")).to_contain_text("1 of 2")
    saved = stored(page, SWAP_KEY)
    assert saved["v"] == 1 and saved["done"] == ["refund-card"]
    assert saved["drafts"] == {"en": {"refund-card": "Let's start the refund now."}}
    page.reload()
    expect(page.locator(FIRST)).to_have_value("Let's start the refund now.")
    expect(page.locator(".cb-sw-progress")).to_contain_text("1 of 2")
    # Progress is kept by prompt id, whatever the language; drafts stay with their language.
    page.goto(site + "swap.es.html")
    expect(page.locator(".cb-sw-progress")).to_contain_text("1 de 2")
    expect(page.locator(FIRST)).to_have_value("")
    press(page, ".cb-sw-progress button")
    expect(page.locator(".cb-sw-status")).to_have_text("Se borraron tus versiones.")
    assert stored(page, SWAP_KEY) is None
    assert errors == []


@pytest.mark.parametrize("bad", ["{not json", '{"v": 1, "done": "x", "drafts": [1]}',
                                 '{"v": 99, "done": ["refund-card"]}', "[1, 2]"])
def test_swap_ignores_corrupt_storage(page: Page, site: str, errors: list[str], bad: str) -> None:
    page.add_init_script(f"localStorage.setItem({json.dumps(SWAP_KEY)}, {json.dumps(bad)})")
    page.goto(site + "swap.en.html")
    expect(page.locator(".cb-sw-progress")).to_contain_text("0 of 2")
    tab_to(page, FIRST)
    page.keyboard.type("policy")
    expect(page.locator("#cb-swap-refund-card mark")).to_have_text(["policy"])
    assert errors == []


def test_swap_without_javascript_is_a_printable_worksheet(browser, site: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "swap.en.html")
    expect(page.locator(".cb-sw-item")).to_have_count(2)
    expect(page.locator("textarea")).to_have_count(0)
    expect(page.locator(".cb-sw-model summary").first).to_have_text("Model answer")
    page.emulate_media(media="print")
    expect(page.locator(".cb-sw-paper").first).to_be_visible()
    expect(page.locator(".cb-sw-model").first).to_be_hidden()
    expect(page.locator(".cb-sw-key")).to_be_visible()
    expect(page.locator(".cb-sw-key li")).to_have_count(2)
    context.close()


# -- refresher -------------------------------------------------------------------------------
def next_month(day: date) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def answer_everything(page: Page) -> None:
    """Answer every drawn question rightly, with the keyboard, from the embedded bank."""
    data = json.loads(page.locator(".cb-rf-data").text_content() or "")
    legends = page.evaluate(
        "() => [...document.querySelectorAll('.cb-rf-q legend')].map(l => l.innerHTML)")
    assert legends
    for index, legend in enumerate(legends):
        base = f"cb-rf-q{index}"
        q = next(q for q in data["bank"] if q["p"] in legend)
        if q["t"] in ("single", "best-response"):
            choose_radio(page, base, q["a"][0])
        elif q["t"] == "true-false":
            choose_radio(page, base, q["a"])
        elif q["t"] == "multiple":
            for option in q["a"]:
                tab_to(page, f"#{base}-{option}")
                page.keyboard.press("Space")
        elif q["t"] == "ordering":
            for position, item in enumerate(q["i"], 1):
                choose_option(page, f"#{base}-{item[0]}", str(position))
        else:
            for pair in q["l"]:
                choose_option(page, f"#{base}-{pair[0]}", pair[0])


def test_refresher_draws_checks_and_records_history(page: Page, site: str,
                                                    errors: list[str]) -> None:
    page.goto(site + "refresher.en.html")
    expect(page.locator(".cb-rf-nojs")).to_be_hidden()
    expect(page.locator(".cb-rf-next")).to_have_text(
        "You have not taken a refresher yet. Take one now, then come back in about a month.")
    expect(page.locator(".cb-rf-chart")).to_have_text("No refreshers yet.")
    press(page, ".cb-rf-start")
    expect(page.locator(".cb-rf-q")).to_have_count(4)
    assert page.evaluate("() => document.activeElement.id") == "cb-rf-h"
    modules = set(page.locator(".cb-rf-from").all_text_contents())
    assert modules == {"From: Check: words", "From: Check: listening"}
    expect(page.locator(".cb-rf-ready")).to_have_text(
        "4 questions drawn from 2 modules. Questions you missed before come up more often.")
    assert_axe_clean(page)
    answer_everything(page)
    press(page, ".cb-rf-check")
    today = date.today()
    due = next_month(today)
    expect(page.locator(".cb-rf-status")).to_have_text(
        f"Score: 4 of 4 (100%). Next refresher suggested: "
        f"{calendar.month_name[due.month]} {due.day}, {due.year}.")
    expect(page.locator(".cb-rf-mark")).to_have_text(["✓ Correct"] * 4)
    expect(page.locator(".cb-rf-chart svg[role=img] rect")).to_have_count(1)
    expect(page.locator(".cb-rf-chart svg")).to_have_attribute(
        "aria-label", f"Refresher scores, oldest to newest: {calendar.month_name[today.month]} "
                      f"{today.day}, {today.year}: 100%.")
    expect(page.locator(".cb-rf-chart tbody tr")).to_have_count(1)
    expect(page.locator(".cb-rf-chart tbody td").nth(1)).to_have_text("100")
    saved = stored(page, REFRESHER_KEY)
    assert saved["runs"] == [{"d": today.isoformat(), "s": 100, "n": 4}]
    assert saved["missed"] == {}
    assert page.evaluate("() => window.cbEvents") == [
        {"kind": "refresher", "id": "monthly", "score": 100}]
    # A second refresher, all wrong: the history grows and the misses are remembered.
    press(page, ".cb-rf-check")  # now "Start another refresher"
    expect(page.locator(".cb-rf-mark")).to_have_count(0)
    press(page, ".cb-rf-check")
    expect(page.locator(".cb-rf-status")).to_contain_text("Score: 0 of 4 (0%).")
    expect(page.locator(".cb-rf-q.cb-no .cb-rf-out")).to_have_count(4)
    expect(page.locator(".cb-rf-q .cb-rf-out").first).to_contain_text("Answer:")
    expect(page.locator(".cb-rf-chart svg rect")).to_have_count(2)
    saved = stored(page, REFRESHER_KEY)
    assert [r["s"] for r in saved["runs"]] == [100, 0]
    assert len(saved["missed"]) == 4 and set(saved["missed"].values()) == {1}
    assert_axe_clean(page)
    assert errors == []


def test_refresher_in_spanish_and_due_date(page: Page, site: str, errors: list[str]) -> None:
    old = {"v": 1, "runs": [{"d": "2020-01-31", "s": 70, "n": 10}, {"d": "bad", "s": 5, "n": 1},
                            {"d": "2020-02-01", "s": 900, "n": 10}, "junk"], "missed": "x"}
    page.add_init_script(f"localStorage.setItem({json.dumps(REFRESHER_KEY)}, "
                         f"{json.dumps(json.dumps(old))})")
    page.goto(site + "refresher.es.html")
    expect(page.locator(".cb-rf-next")).to_have_text(
        "Ya te toca un repaso: el último fue el 31 de enero de 2020.")
    expect(page.locator(".cb-rf-chart tbody tr")).to_have_count(1)  # the bad runs are ignored
    press(page, ".cb-rf-start")
    expect(page.locator(".cb-rf-q")).to_have_count(4)
    expect(page.locator(".cb-rf-n").first).to_have_text("Pregunta 1 de 4")
    press(page, ".cb-rf-check")
    expect(page.locator(".cb-rf-status")).to_contain_text("Resultado: 0 de 4 (0%).")
    expect(page.locator(".cb-rf-status")).to_contain_text("Próximo repaso sugerido:")
    assert_axe_clean(page)
    assert errors == []


def test_refresher_prefers_questions_missed_before(page: Page, site: str) -> None:
    """With Math.random fixed, the weights alone decide: a question marked wrong in its
    module's knowledge check comes first."""
    page.add_init_script("Math.random = () => 0.5;")
    page.add_init_script("localStorage.setItem('cb1:quiz:practice-b', JSON.stringify("
                         "{v: 1, results: {tf: false, order: true}}))")
    page.goto(site + "refresher.en.html")
    press(page, ".cb-rf-start")
    expect(page.locator(".cb-rf-q legend").first).to_contain_text("Validating means agreeing.")


# -- KPI worksheet ---------------------------------------------------------------------------
def import_csv(page: Page, tmp_path: Path, text: str, name: str = "kpi.csv") -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.set_input_files(".cb-kpi input[type=file]", str(path))


def row_values(page: Page) -> list[list[str]]:
    return page.evaluate("""() => [...document.querySelectorAll('.cb-kpi-table tbody tr')].map(tr =>
        [...tr.querySelectorAll('input:not([type=file]), select')].map(e => e.value))""")


def test_kpi_computes_exports_and_imports(page: Page, site: str, tmp_path: Path,
                                          errors: list[str]) -> None:
    page.goto(site + "kpi.en.html")
    expect(page.locator(".cb-kpi-table tbody tr")).to_have_count(3)  # three empty baseline months
    import_csv(page, tmp_path, KNOWN_CSV)
    expect(page.locator(".cb-kpi-status")).to_have_text("Months imported: 6.")
    expect(page.locator(".cb-kpi-table tbody tr")).to_have_count(6)
    escalation = page.locator('.cb-kpi-sum tr[data-m="escalation_rate"] td')
    expect(escalation).to_have_text(["5.0% (3 mo.)", "4.0% (3 mo.)", "-1.0 points (-20%)",
                                     "An improvement."])
    expect(page.locator('.cb-kpi-sum tr[data-m="handle_time"] td')).to_have_text(
        ["10.0 min (3 mo.)", "9.8 min (3 mo.)", "-0.2 min (-2%)",
         "Stable: the result you hope for on difficult calls."])
    expect(page.locator('.cb-kpi-sum tr[data-m="csat"] td').nth(2)).to_have_text("+0.6 (+19%)")
    expect(page.locator('.cb-kpi-m[data-m="escalation_rate"] .cb-kpi-say')).to_have_text(
        "Escalation rate went down from 5.0% to 4.0%: -1.0 points (-20%). An improvement.")
    expect(page.locator(".cb-kpi-warn li")).to_have_count(0)
    chart = page.locator('.cb-kpi-m[data-m="fcr"] svg[role=img]')
    expect(chart.locator("rect")).to_have_count(6)
    expect(chart.locator("rect.cb-ch-a")).to_have_count(3)
    expect(chart.locator("line.cb-ch-ref")).to_have_count(1)
    expect(chart).to_have_attribute("aria-label", "First call resolution by month, as bars; "
                                    "baseline average 61.0%, as a dashed line. The monthly "
                                    "values are in the table above.")
    assert_axe_clean(page)

    # Export with the keyboard; the file is the same data set.
    with page.expect_download() as download:
        press(page, '.cb-kpi button[data-act="export"]')
    exported = Path(download.value.path()).read_bytes().decode("utf-8")
    assert exported == KNOWN_CSV
    before = row_values(page)

    # Clear (confirming), then import the exported file: the same values come back.
    page.once("dialog", lambda dialog: dialog.accept())
    press(page, '.cb-kpi button[data-act="clear"]')
    expect(page.locator(".cb-kpi-status")).to_have_text("The worksheet is empty.")
    expect(page.locator(".cb-kpi-table tbody tr")).to_have_count(0)
    assert stored(page, KPI_KEY) is None
    import_csv(page, tmp_path, exported, "exported.csv")
    expect(page.locator(".cb-kpi-table tbody tr")).to_have_count(6)
    assert row_values(page) == before
    expect(escalation.nth(2)).to_have_text("-1.0 points (-20%)")
    assert errors == []


def test_kpi_keyboard_editing_and_cautions(page: Page, site: str, tmp_path: Path,
                                           errors: list[str]) -> None:
    page.goto(site + "kpi.en.html")
    import_csv(page, tmp_path, KNOWN_CSV)
    expect(page.locator(".cb-kpi-table tbody tr")).to_have_count(6)
    # Remove the last month after training: now only two months after, and a caution says so.
    press(page, '.cb-kpi-table button[aria-label="Remove: June 2025"]')
    expect(page.locator(".cb-kpi-status")).to_have_text("Month removed.")
    expect(page.locator(".cb-kpi-table tbody tr")).to_have_count(5)
    assert page.evaluate("() => document.activeElement.tagName") == "BUTTON"
    warn = page.locator('.cb-kpi-m[data-m="escalation_rate"] .cb-kpi-warn li')
    expect(warn).to_have_text(["⚠ Caution: Months after training so far: 2. Too few to conclude."])
    # Add a month after training: it follows the latest month and takes the focus.
    press(page, '.cb-kpi button[data-act="add_a"]')
    expect(page.locator(".cb-kpi-status")).to_have_text("Month added.")
    new = page.locator(".cb-kpi-table tbody tr").last
    expect(new.locator("input[type=month]")).to_have_value("2025-06")
    expect(new.locator("select")).to_have_value("after")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == \
        "Escalation rate (%), June 2025"
    page.keyboard.type("3,8")  # a decimal comma is fine
    expect(warn).to_have_count(0)
    expect(page.locator('.cb-kpi-sum tr[data-m="escalation_rate"] td').nth(1)).to_have_text(
        "4.0% (3 mo.)")
    page.keyboard.press("Tab")
    page.keyboard.type("abc")
    expect(new.locator('input[data-m="handle_time"]')).to_have_attribute("aria-invalid", "true")
    # Everything is kept on this device, by measure id, and comes back after a reload.
    rows = stored(page, KPI_KEY)["rows"]
    assert rows[-1] == {"month": "2025-06", "phase": "after",
                        "values": {"escalation_rate": 3.8, "handle_time": None}}
    page.reload()
    expect(page.locator(".cb-kpi-table tbody tr")).to_have_count(6)
    expect(page.locator('.cb-kpi-sum tr[data-m="escalation_rate"] td').nth(2)).to_have_text(
        "-1.0 points (-20%)")
    assert errors == []


def test_kpi_import_reports_bad_lines(page: Page, site: str, tmp_path: Path) -> None:
    page.goto(site + "kpi.es.html")
    import_csv(page, tmp_path, "month,phase,escalation_rate\n2025-01,baseline,5x\n"
                               "enero,baseline,5\n2025-02,after,4\n")
    expect(page.locator(".cb-kpi-status")).to_have_text(
        "Meses importados: 2. Línea 2: “5x” no es un número, así que esa celda quedó vacía. "
        "Línea 3 omitida: necesita un mes (AAAA-MM) y una fase (baseline o after).")
    import_csv(page, tmp_path, "a,b\n1,2\n", "other.csv")
    expect(page.locator(".cb-kpi-status")).to_have_text(
        "Este archivo no tiene las columnas 'month' y 'phase', así que no se importó nada.")
    expect(page.locator(".cb-kpi-table tbody tr")).to_have_count(2)


def test_kpi_in_spanish_with_corrupt_storage(page: Page, site: str, errors: list[str]) -> None:
    saved = {"v": 1, "rows": [
        {"month": "2025-01", "phase": "baseline", "values": {"fcr": 60}},
        {"month": "2025-02", "phase": "baseline", "values": {"fcr": "sesenta"}},
        {"month": "nope", "phase": "baseline", "values": {"fcr": 1}},
        {"month": "2025-03", "phase": "durante", "values": {}}, 7]}
    page.add_init_script(f"localStorage.setItem({json.dumps(KPI_KEY)}, "
                         f"{json.dumps(json.dumps(saved))})")
    page.goto(site + "kpi.es.html")
    expect(page.locator(".cb-kpi-table tbody tr")).to_have_count(2)
    expect(page.locator('.cb-kpi-sum tr[data-m="fcr"] td')).to_have_text(
        ["60.0% (meses: 1)", "sin datos", "–",
         "Captura meses de línea base y meses después de la capacitación para comparar."])
    expect(page.locator('.cb-kpi-m[data-m="fcr"] .cb-kpi-warn li')).to_have_text(
        ["⚠ Atención: Meses de línea base hasta ahora: 1. Se necesitan al menos tres, así que "
         "esto es un primer vistazo, no una conclusión."])
    assert_axe_clean(page)
    page.emulate_media(media="print")
    expect(page.locator(".cb-kpi-bar")).to_be_hidden()
    expect(page.locator(".cb-kpi-sum")).to_be_visible()
    assert errors == []


@pytest.mark.parametrize("tool", ["swap", "refresher", "kpi"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_axe_finds_nothing_on_first_load(page: Page, site: str, tool: str, lang: str) -> None:
    page.goto(site + f"{tool}.{lang}.html")
    assert_axe_clean(page)
