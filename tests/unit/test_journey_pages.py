"""The learner-journey vertical without a browser: the course map, the generated pages,
the words in both languages, the wiring into the pipeline, and the size budget."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from course_builder import assemble, pipeline
from course_builder.journey import coursemap
from course_builder.journey.pages import (
    CERTIFICATE_REL,
    OFFLINE_ZIP,
    PROGRESS_REL,
    certificate_markdown,
    pages,
    progress_markdown,
)
from course_builder.journey.words import JS_CERT, JS_PROGRESS, PAGE, SECTION
from course_builder.model.text import Text
from course_builder.project import load_course

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
JOURNEY = ROOT / "tests" / "fixtures" / "journey"
ASSETS = ROOT / "course_builder" / "assets"


@pytest.fixture
def journey_root(tmp_path: Path) -> Path:
    """The mini course plus a scenario in its 'words' module (see tests/fixtures/journey)."""
    root = tmp_path / "course"
    shutil.copytree(MINI, root)
    shutil.copytree(JOURNEY / "scenarios", root / "scenarios", dirs_exist_ok=True)
    shutil.copy(JOURNEY / "course.yml", root / "course.yml")
    for folder in ("docs", "docs_es"):
        page = root / folder / "modules" / "words.md"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "/// quiz | words", "/// scenario | charged-twice\n///\n\n/// quiz | words", 1),
            encoding="utf-8")
    return root


# -- the course map ---------------------------------------------------------------------------
def test_map_lists_modules_in_outline_order_with_checks_and_scenarios(journey_root: Path) -> None:
    course, _ = load_course(journey_root)
    data = coursemap.course_map(course)
    assert [m["i"] for m in data["m"]] == ["listening", "words"]
    listening, words = data["m"]
    assert listening == {"i": "listening", "c": 1, "s": [],
                         "q": {"listening": [50, ["first", "agree"]]}}
    assert words["s"] == ["charged-twice"]
    assert list(words["q"]) == ["words"]
    assert words["q"]["words"][1] == [q.id for q in course.quizzes["words"].questions]
    assert data["w"]["es"] == {"done": "terminado", "cont": "Continúa donde te quedaste:"}


def test_map_skips_unknown_widgets_and_adds_spanish_only_embeds(journey_root: Path) -> None:
    es_page = journey_root / "docs_es" / "modules" / "listening.md"
    es_page.write_text(es_page.read_text(encoding="utf-8")
                       + "\n/// scenario | charged-twice\n///\n\n/// quiz | no-such-quiz\n///\n",
                       encoding="utf-8")
    course, _ = load_course(journey_root)
    listening = coursemap.course_map(course)["m"][0]
    assert listening["s"] == ["charged-twice"]     # the Spanish page embeds it: counted
    assert list(listening["q"]) == ["listening"]   # no such quiz: left out (the checks say so)


def test_only_core_modules_are_required(journey_root: Path) -> None:
    outline = (journey_root / "course.yml").read_text(encoding="utf-8")
    (journey_root / "course.yml").write_text(outline.replace(
        "modules: [listening, words]", "modules: [listening]\n  - section: {en: Extra, es: Extra}"
        "\n    modules: [words]"), encoding="utf-8")
    course, _ = load_course(journey_root)
    assert [m["c"] for m in coursemap.course_map(course)["m"]] == [1, 0]
    certificate = certificate_markdown(course, "en")
    assert '<tr data-m="listening" data-core>' in certificate
    assert '<tr data-m="words">' in certificate
    assert '<li data-m="words">' not in certificate


def test_without_core_modules_every_module_is_required(journey_root: Path) -> None:
    outline = (journey_root / "course.yml").read_text(encoding="utf-8")
    (journey_root / "course.yml").write_text(outline.replace("    core: true\n", ""),
                                             encoding="utf-8")
    course, _ = load_course(journey_root)
    assert not any(ref.core for ref in course.modules)
    assert [m["c"] for m in coursemap.course_map(course)["m"]] == [1, 1]
    assert '<li data-m="words">' in certificate_markdown(course, "en")


def test_map_js_is_one_safe_statement(journey_root: Path) -> None:
    course, _ = load_course(journey_root)
    js = coursemap.map_js(course)
    prefix = "window.CB=window.CB||{};CB.map="
    assert js.startswith(prefix) and js.endswith(";\n") and js.count("\n") == 1
    assert json.loads(js[len(prefix):-2]) == coursemap.course_map(course)
    assert "</" not in js


def test_map_js_escapes_markup_in_titles_and_words(monkeypatch: pytest.MonkeyPatch,
                                                   journey_root: Path) -> None:
    monkeypatch.setitem(coursemap.CORE_WORDS, "en", {"done": "</script><b>", "cont": "x"})
    course, _ = load_course(journey_root)
    js = coursemap.map_js(course)
    assert "</script>" not in js and "<b>" not in js
    assert "\\u003c/script>" in js


# -- the generated pages ----------------------------------------------------------------------
def test_pages_are_made_in_both_languages_at_the_same_paths(journey_root: Path) -> None:
    course, _ = load_course(journey_root)
    made = pages(course)
    assert sorted((p.lang, p.rel) for p in made) == [
        ("en", CERTIFICATE_REL), ("en", PROGRESS_REL),
        ("es", CERTIFICATE_REL), ("es", PROGRESS_REL)]
    assert {p.section for p in made} == {SECTION}
    assert (SECTION.en, SECTION.es) == ("Your progress", "Tu progreso")
    assert {p.rel: p.order for p in made} == {PROGRESS_REL: 0, CERTIFICATE_REL: 1}


@pytest.mark.parametrize(("lang", "title", "words"), [
    ("en", "My progress", ["Knowledge check", "Download my progress", "Erase my progress…"]),
    ("es", "Mi progreso", ["Verificación de conocimientos", "Descargar mi progreso",
                           "Borrar mi progreso…"]),
])
def test_progress_page_front_matter_links_and_words(journey_root: Path, lang: str, title: str,
                                                    words: list[str]) -> None:
    course, _ = load_course(journey_root)
    md = progress_markdown(course, lang)
    front = md.split("---\n")[1]
    assert f'title: "{title}"' in front
    assert "cb_scripts: [assets/journey.js]" in front
    assert "cb_styles: [assets/journey.css]" in front
    for word in words:
        assert word in md
    # Module links are Markdown, so MkDocs rewrites them per language and checks them.
    assert "](modules/listening.md)" in md and "](modules/words.md)" in md
    assert 'data-q="listening"' in md and 'data-m="words"' in md
    assert "{#core-skills}" in md          # explicit heading ids, the same in both languages
    assert "](certificate.md)" in md
    depth = "../" if lang == "en" else "../../"
    assert f'data-cb-offline="{depth}{OFFLINE_ZIP}"' in md
    assert 'href="' not in md.split("data-cb-offline")[1]  # no link for the checker to follow


@pytest.mark.parametrize("lang", ["en", "es"])
def test_raw_html_blocks_follow_the_contract(journey_root: Path, lang: str) -> None:
    """Raw HTML roots start at column 0 and hold no blank or 4-space-indented lines."""
    course, _ = load_course(journey_root)
    for md in (progress_markdown(course, lang), certificate_markdown(course, lang)):
        for line in md.splitlines():
            if line.startswith("<div class=\"cb-widget"):
                assert line.endswith("</div>"), line[:80]
                assert line.count("<div") == line.count("</div>")
        assert not re.search(r"^ {4,}\S", md, re.M)


def test_certificate_lists_core_modules_and_says_it_is_self_reported(journey_root: Path) -> None:
    course, _ = load_course(journey_root)
    en, es = certificate_markdown(course, "en"), certificate_markdown(course, "es")
    assert '<li data-m="listening">Listening</li>' in en
    assert '<li data-m="listening">Escuchar</li>' in es
    assert '<tr data-m="words" data-core>' in en
    assert "Self-reported certificate" in en and "Certificado autodeclarado" in es
    assert "no data leaves your device" in en and "ningún dato sale de tu dispositivo" in es
    assert "Mini course" in en and "Minicurso" in es
    assert 'autocomplete="name"' in en


def test_titles_with_markdown_characters_are_escaped(journey_root: Path) -> None:
    page = journey_root / "docs" / "modules" / "words.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Words",
                                                             'title: "Words | [draft]"'),
                    encoding="utf-8")
    course, _ = load_course(journey_root)
    md = progress_markdown(course, "en")
    assert "[Words \\| \\[draft\\]](modules/words.md)" in md
    assert "<td>Words | [draft]</td>" in certificate_markdown(course, "en")


# -- words ------------------------------------------------------------------------------------
@pytest.mark.parametrize("table", [PAGE, JS_PROGRESS, JS_CERT])
def test_every_word_exists_in_both_languages_with_the_same_fields(table: dict[str, Text]) -> None:
    for key, text in table.items():
        assert text.en.strip() and text.es.strip(), key
        fields = (sorted(re.findall(r"\{(\w+)\}", text.en)),
                  sorted(re.findall(r"\{(\w+)\}", text.es)))
        assert fields[0] == fields[1], key


def test_spanish_uses_tu_with_the_learner() -> None:
    spanish = " ".join(t.es for t in [*PAGE.values(), *JS_PROGRESS.values()])
    for usted in (" usted", "Usted", " su progreso", " descárguelo"):
        assert usted not in spanish


# -- wiring and budget ------------------------------------------------------------------------
def test_journey_is_wired_into_the_pipeline_and_bundles() -> None:
    assert "course_builder.journey.pages" in pipeline.GENERATORS
    assert "progress.js" in assemble.JS_FILES and "progress.css" in assemble.CSS_FILES
    assert assemble.JS_FILES.index("progress.js") > assemble.JS_FILES.index("storage.js")
    assert pipeline.page_bundles()["assets/journey.js"] == ("journey.js",)
    assert pipeline.page_bundles()["assets/journey.css"] == ("journey.css",)


def test_assembled_core_bundle_starts_with_the_map(journey_root: Path, tmp_path: Path) -> None:
    course, _ = load_course(journey_root)
    out = tmp_path / "staging"
    pipeline.prepare_site(course, out)
    bundle = (out / "assets" / "course.js").read_text(encoding="utf-8")
    assert bundle.startswith("window.CB=window.CB||{};CB.map={")
    assert "CB.journey" in bundle
    assert (out / "progress.md").is_file() and (out / "es" / "certificate.md").is_file()
    assert (out / "assets" / "journey.js").is_file() and (out / "assets" / "journey.css").is_file()
    nav = pipeline.nav_for(course)
    assert {"Your progress": [PROGRESS_REL, CERTIFICATE_REL]} in nav
    assert pipeline.section_titles(course)["Your progress"] == "Tu progreso"


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 9))


def test_core_bundle_with_the_repository_map_stays_under_12_kb() -> None:
    course, _ = load_course(ROOT)
    total = _gz(coursemap.map_js(course) + assemble.bundle_js()) + _gz(assemble.bundle_css())
    assert total <= 12 * 1024, f"core JS+CSS is {total} bytes gzipped"


def test_journey_share_of_the_core_bundle_is_small() -> None:
    """progress.js + progress.css + the map: what the journey adds to every page."""
    course, _ = load_course(ROOT)
    mine = (coursemap.map_js(course) + assemble.bundle_js(("progress.js",))
            + assemble.bundle_css(("progress.css",)))
    assert _gz(mine) <= 3072, f"journey core share is {_gz(mine)} bytes gzipped"


def test_page_bundle_is_small() -> None:
    size = _gz(assemble.bundle_js(("journey.js",)) + assemble.bundle_css(("journey.css",)))
    assert size <= 4608, f"journey page bundle is {size} bytes gzipped"


def test_vendored_files_carry_their_licences() -> None:
    shim = ASSETS / "vendor" / "iframe-worker"
    assert (shim / "shim.js").read_text(encoding="utf-8").startswith('"use strict"')
    assert "MIT" in (shim / "LICENSE").read_text(encoding="utf-8") or \
        "Permission is hereby granted" in (shim / "LICENSE").read_text(encoding="utf-8")
    axe = ROOT / "tests" / "browser" / "vendor" / "axe-core"
    assert (axe / "axe.min.js").read_text(encoding="utf-8")[:40].startswith("/*! axe v4.")
    assert "Mozilla Public License" in (axe / "LICENSE").read_text(encoding="utf-8")
