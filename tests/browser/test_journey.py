"""A learner's journey through a real built site: checks and a scenario fill the progress
page and the navigation marks, in either language; progress moves to a fresh browser by
file; the certificate prints to PDF; progress is erased only after a confirmation.

The course is the mini fixture with both modules core and a scenario in 'words'
(tests/fixtures/journey), built once for this file.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from course_builder.build import build_site

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
HOOK = "\n<div data-cb-continue></div>\n"


def make_journey_course(dest: Path) -> Path:
    """The mini course laid over with tests/fixtures/journey, plus the home page's hook."""
    shutil.copytree(FIXTURES / "mini", dest)
    for name in ("mkdocs.yml", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    shutil.copy(FIXTURES / "journey" / "course.yml", dest / "course.yml")
    shutil.copytree(FIXTURES / "journey" / "scenarios", dest / "scenarios", dirs_exist_ok=True)
    for folder in ("docs", "docs_es"):
        words = dest / folder / "modules" / "words.md"
        words.write_text(words.read_text(encoding="utf-8").replace(
            "/// quiz | words", "/// scenario | charged-twice\n///\n\n/// quiz | words", 1),
            encoding="utf-8")
        home = dest / folder / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + HOOK, encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def journey_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("journey")
    root = make_journey_course(work / "course")
    return build_site(root, StringIO(), link_check=False, site=work / "site")


@pytest.fixture
def base(journey_site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(journey_site)


# -- helpers: a learner with a mouse (the keyboard-only journey is in test_accessibility) ------
def answer_quiz(page: Page, quiz_id: str, right: bool = True) -> None:
    """Answer every question (rightly, or wrongly where the type allows) and check."""
    root = page.locator(f'.cb-quiz[data-quiz="{quiz_id}"]')
    for q in root.locator("fieldset.cb-q").all():
        kind, key = q.get_attribute("data-type"), (q.get_attribute("data-key") or "").split()
        if kind == "multiple":
            for box in q.locator("input").all():
                want = (box.get_attribute("value") in key) == right
                box.set_checked(want)
        elif kind in ("single", "best-response", "true-false"):
            values = [i.get_attribute("value") for i in q.locator("input").all()]
            pick = key[0] if right else next(v for v in values if v != key[0])
            q.locator(f'input[value="{pick}"]').check()
        elif kind == "ordering":
            for index, item in enumerate(key if right else list(reversed(key))):
                li = q.locator(f'li[data-i="{item}"]')
                while li.evaluate("e => [...e.parentNode.children].indexOf(e)") > index:
                    li.locator('button[data-mv="-1"]').click()
        elif kind == "matching":
            for select in q.locator("select").all():
                select.select_option(select.get_attribute("data-p") if right else "")
    root.locator('button[data-act="check"]').click()


def play_best(page: Page, scenario_id: str) -> None:
    root = page.locator(f'.cb-scenario[data-scenario="{scenario_id}"]')
    best = json.loads(root.locator(".cb-sc-data").text_content() or "{}")["best"]
    for index in best:
        root.locator(".cb-sc-btns button").nth(index).click()
    expect(root.locator(".cb-sc-end")).to_be_visible()


def switch_language(page: Page, lang: str) -> None:
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang='{lang}']").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


def marked(page: Page) -> list[str]:
    """Titles of the modules the navigation marks as finished."""
    return [t.strip() for t in page.locator(
        ".md-nav--primary a.cb-done .md-ellipsis").all_text_contents()]


def cell(page: Page, kind: str, key: str) -> str:
    attr = "data-q" if kind == "q" else "data-m"
    return page.locator(f'.cb-jr-table .cb-jr-{kind}[{attr}="{key}"]').first.inner_text()


# -- the journey --------------------------------------------------------------------------------
def test_checks_in_two_modules_fill_progress_and_nav_in_both_languages(page: Page,
                                                                       base: str) -> None:
    page.goto(base + "modules/listening/")
    assert marked(page) == []
    answer_quiz(page, "listening")
    expect(page.locator(".md-nav--primary a.cb-done")).to_have_count(1)  # live, same page
    assert marked(page) == ["Listening"]
    expect(page.locator(".md-nav--primary a.cb-done .cb-sr-only")).to_have_text(" (finished)")

    page.goto(base + "modules/words/")
    answer_quiz(page, "words")
    page.goto(base + "progress/")
    expect(page.locator(".cb-jr-sum")).to_have_text(
        "You have finished 1 of 2 modules, and 1 of 2 core modules.")
    assert cell(page, "q", "listening") == "100% · passed"
    assert cell(page, "q", "words") == "100% · passed"
    assert cell(page, "s", "words") == "0 of 1 completed"
    assert cell(page, "st", "listening") == "✓ Finished"
    assert cell(page, "st", "words") == "In progress"   # the scenario is still to do
    assert marked(page) == ["Listening"]

    page.goto(base + "modules/words/")
    play_best(page, "charged-twice")
    expect(page.locator(".md-nav--primary a.cb-done")).to_have_count(2)
    page.goto(base + "progress/")
    expect(page.locator(".cb-jr-sum")).to_have_text(
        "You have finished 2 of 2 modules, and 2 of 2 core modules.")
    assert cell(page, "s", "words") == "1 of 1 completed"

    switch_language(page, "es")
    expect(page).to_have_url(base + "es/progress/")
    expect(page.locator(".cb-jr-sum")).to_have_text(
        "Terminaste 2 de 2 módulos, y 2 de 2 módulos esenciales.")
    assert cell(page, "q", "listening") == "100% · aprobada"
    assert cell(page, "s", "words") == "1 de 1 completados"
    assert cell(page, "st", "words") == "✓ Terminado"
    assert marked(page) == ["Escuchar", "Palabras"]
    expect(page.locator(".md-nav--primary a.cb-done .cb-sr-only").first).to_have_text(
        " (terminado)")


def test_failed_check_reads_not_passed_yet(page: Page, base: str) -> None:
    page.goto(base + "es/modules/listening/")
    answer_quiz(page, "listening", right=False)
    page.goto(base + "es/progress/")
    assert cell(page, "q", "listening") == "0% · todavía sin aprobar"
    assert cell(page, "st", "listening") == "En curso"
    assert cell(page, "q", "words") == "Pendiente"
    assert cell(page, "st", "words") == "Sin empezar"
    assert marked(page) == []


def test_progress_survives_content_updates(page: Page, base: str) -> None:
    """Answers to removed questions are ignored; a new question starts unanswered."""
    page.goto(base + "progress/")
    spec = page.evaluate("CB.journey.mod('listening').q.listening")
    assert spec == [50, ["first", "agree"]]
    page.evaluate("""() => CB.store.set('quiz', 'listening',
        {results: {first: true, removed: true}, score: 100, passed: true, best: 100})""")
    # 'removed' no longer exists and 'agree' was never answered: 1 of 2 right, 50% >= 50%.
    assert page.evaluate("CB.journey.quiz('listening', CB.journey.mod('listening').q.listening)"
                         ) == {"id": "listening", "taken": True, "p": 50, "ok": True}
    page.evaluate("""() => CB.store.set('quiz', 'listening',
        {results: {removed: true, gone: true}, score: 100, passed: true, best: 100})""")
    page.reload()
    assert cell(page, "q", "listening") == "0% · not passed yet"
    page.evaluate("""() => { localStorage.setItem('cb1:quiz:words', '{not json');
        localStorage.setItem('cb1:scenario:charged-twice', '[1,2]'); }""")
    page.reload()
    assert cell(page, "q", "words") == "Not taken yet"
    assert cell(page, "s", "words") == "0 of 1 completed"


def test_export_and_import_into_a_fresh_browser(browser: Browser, page: Page, base: str,
                                                tmp_path: Path) -> None:
    page.goto(base + "modules/listening/")
    answer_quiz(page, "listening")
    page.goto(base + "modules/words/")
    answer_quiz(page, "words", right=False)
    page.goto(base + "progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my progress").click()
    expect(page.locator(".cb-jr-data .cb-jr-msg")).to_have_text(
        "Your progress file was downloaded.")
    assert re.fullmatch(r"course-progress-\d{4}-\d{2}-\d{2}\.json",
                        download.value.suggested_filename)
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "course-builder-progress" and data["version"] == 1
    assert {"quiz:listening", "quiz:words", "visit:listening", "visit:words"} <= set(data["items"])

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(base + "modules/words/")
        answer_quiz(other, "words")                      # a better result on this device
        other.goto(base + "es/progress/")
        expect(other.locator(".cb-jr-sum")).to_have_text(
            "Terminaste 0 de 2 módulos, y 0 de 2 módulos esenciales.")
        other.set_input_files("#cb-jr-import", files=[{
            "name": "notes.json", "mimeType": "application/json",
            "buffer": b'{"format": "something-else", "items": {"quiz:words": {}}}'}])
        expect(other.locator(".cb-jr-data .cb-jr-msg")).to_have_text(
            "Ese archivo no es un archivo de progreso de este curso. No se cambió nada.")
        other.set_input_files("#cb-jr-import", str(saved))
        expect(other.locator(".cb-jr-data .cb-jr-msg")).to_contain_text("Progreso importado")
        expect(other.locator(".cb-jr-sum")).to_have_text(
            "Terminaste 1 de 2 módulos, y 1 de 2 módulos esenciales.")
        assert cell(other, "q", "listening") == "100% · aprobada"
        assert cell(other, "q", "words") == "100% · aprobada", "the better local pass is kept"
        assert marked(other) == ["Escuchar"]
        other.goto(base + "modules/listening/")
        expect(other.locator('input[value="feeling"]')).to_be_checked()  # the widget restores
    finally:
        fresh.close()


def test_reset_asks_first(page: Page, base: str) -> None:
    page.goto(base + "modules/listening/")
    answer_quiz(page, "listening")
    page.goto(base + "progress/")
    ask = page.get_by_role("button", name="Erase my progress…")
    ask.click()
    expect(page.locator(".cb-jr-confirm")).to_be_visible()
    expect(page.locator("#cb-jr-confirm-q")).to_be_focused()
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator(".cb-jr-reset .cb-jr-msg")).to_have_text("Nothing was erased.")
    expect(ask).to_be_focused()
    ask.click()
    page.keyboard.press("Escape")
    expect(page.locator(".cb-jr-confirm")).to_be_hidden()
    expect(page.locator(".cb-jr-sum")).to_contain_text("finished 1 of 2")
    ask.click()
    page.get_by_role("button", name="Yes, erase it").click()
    expect(page.locator(".cb-jr-reset .cb-jr-msg")).to_have_text("Your progress was erased.")
    expect(page.locator(".cb-jr-sum")).to_contain_text("finished 0 of 2")
    assert marked(page) == []
    assert page.evaluate("Object.keys(CB.store.all('quiz')).length") == 0


def test_continue_where_you_left_off(page: Page, base: str) -> None:
    page.goto(base)
    expect(page.locator("[data-cb-continue]")).to_be_empty()
    page.goto(base + "modules/words/")
    page.goto(base + "modules/listening/")
    page.goto(base)
    link = page.locator("[data-cb-continue] a")
    expect(link).to_have_text("Continue where you left off: Listening")
    page.goto(base + "es/")
    expect(link).to_have_text("Continúa donde te quedaste: Escuchar")
    link.click()
    expect(page).to_have_url(base + "es/modules/listening/")


@pytest.mark.parametrize(("lang", "words"), [
    ("en", {"title": "Certificate of completion", "course": "Mini course", "module": "Listening",
            "button": "Print certificate", "need": "Type your name first.",
            "self": "Self-reported certificate", "locked": "Not yet."}),
    ("es", {"title": "Certificado de finalización", "course": "Minicurso", "module": "Escuchar",
            "button": "Imprimir certificado", "need": "Primero escribe tu nombre.",
            "self": "Certificado autodeclarado", "locked": "Todavía no."}),
])
def test_certificate_is_earned_and_printed(page: Page, base: str, lang: str,
                                           words: dict[str, str]) -> None:
    prefix = "" if lang == "en" else "es/"
    page.goto(base + prefix + "certificate/")
    locked = page.locator(".cb-cert-locked")
    expect(locked).to_contain_text(words["locked"])
    expect(locked.locator("li:visible")).to_have_count(2)
    expect(page.locator(".cb-cert-form")).to_be_hidden()

    page.goto(base + prefix + "modules/listening/")
    answer_quiz(page, "listening")
    page.goto(base + prefix + "certificate/")
    expect(locked.locator("li:visible")).to_have_count(1)
    page.goto(base + prefix + "modules/words/")
    answer_quiz(page, "words")          # the scenario is not needed for the certificate
    page.goto(base + prefix + "certificate/")
    expect(locked).to_be_hidden()
    button = page.get_by_role("button", name=words["button"])
    button.click()
    expect(page.locator(".cb-cert-msg")).to_have_text(words["need"])
    expect(page.locator("#cb-cert-name")).to_be_focused()

    page.evaluate("() => { window.__printed = 0; window.print = () => window.__printed++; }")
    page.locator("#cb-cert-name").fill("Ana María Núñez")
    expect(page.locator(".cb-cert-doc .cb-cert-name")).to_have_text("Ana María Núñez")
    button.click()
    assert page.evaluate("window.__printed") == 1

    reader = PdfReader(io.BytesIO(page.pdf(format="Letter", print_background=True)))
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    flat = " ".join(text.split())
    assert len(reader.pages) == 1
    for expected in ("Ana María Núñez", words["title"].upper(), words["course"],
                     words["module"], "100%", str(date.today().year), words["self"]):
        assert expected in flat, f"{expected!r} missing from the PDF: {flat[:300]}"
    assert words["button"] not in flat, "controls must not print"
    assert words["need"] not in flat


def test_offline_download_is_offered_only_when_the_site_has_it(page: Page, journey_site: Path,
                                                               tmp_path: Path,
                                                               serve_dir) -> None:  # type: ignore[no-untyped-def]
    page.goto(serve_dir(journey_site) + "progress/")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".cb-jr-offline")).to_be_hidden()

    site = tmp_path / "with-zip"
    shutil.copytree(journey_site, site)
    (site / "downloads").mkdir()
    (site / "downloads" / "course-offline.zip").write_bytes(b"0" * 1_572_864)
    base = serve_dir(site)
    for path, name in (("progress/", "Download the offline course"),
                       ("es/progress/", "Descargar el curso sin conexión")):
        page.goto(base + path)
        link = page.get_by_role("link", name=name)
        expect(link).to_be_visible()
        expect(page.locator(".cb-jr-size")).to_have_text("(1.5 MB)")
        with page.expect_download() as download:
            link.click()
        assert download.value.url == base + "downloads/course-offline.zip"
