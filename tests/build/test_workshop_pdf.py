"""The workshop PDFs (course_builder/workshop/pdf.py), read back with pypdf: both languages,
the Spanish guide in Spanish, a table of contents whose page numbers are right, "Page N of M"
footers, Letter by default and A4 on request; and a site build that links to them."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from course_builder.project import load_course
from course_builder.workshop.pdf import _no_fetch, build_pdfs

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "workshop" / "course"
NAMES = ["facilitator-guide-en.pdf", "handouts-en.pdf", "agendas-en.pdf",
         "facilitator-guide-es.pdf", "handouts-es.pdf", "agendas-es.pdf"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Every PDF of the test course, as the text of each page."""
    course, _ = load_course(FIXTURE)
    out = tmp_path_factory.mktemp("pdfs")
    paths = build_pdfs(course, out)
    assert [p.name for p in paths] == NAMES
    assert all(p.parent == out / "pdf" for p in paths)
    return {p.name: [page.extract_text() for page in PdfReader(p).pages] for p in paths}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def test_both_languages_exist(built: dict[str, list[str]]) -> None:
    assert set(built) == set(NAMES)
    assert all(len(pages) >= 2 for pages in built.values())


def test_the_spanish_guide_is_in_spanish(built: dict[str, list[str]]) -> None:
    text = flat(" ".join(built["facilitator-guide-es.pdf"]))
    for heading in ("Guía para facilitadores", "Contenido", "Sesión 1 · Día 1: Escucha",
                    "Objetivos", "Horario", "Materiales y acomodo del salón", "Preparación",
                    "Paso a paso", "Preguntas para la reflexión", "Claves de respuestas",
                    "Hoja de evaluación de desescalamiento", "Notas de las páginas de los módulos",
                    "Formatos y seguimiento", "Edición en español"):
        assert heading in text, heading
    for english in ("Step by step", "Answer keys", "Contents", "Page 1 of"):
        assert english not in text, english
    assert "Pon dos grabaciones cortas" in text          # a facilitator note, in Spanish
    assert "Clave de respuestas: Verificación: listening" in text
    english = flat(" ".join(built["facilitator-guide-en.pdf"]))
    assert "Session 1 · Day 1: Listening" in english and "Step by step" in english


def test_table_of_contents_points_at_the_right_pages(built: dict[str, list[str]]) -> None:
    pages = [flat(p) for p in built["facilitator-guide-es.pdf"]]
    toc = pages[1]
    assert "Contenido" in toc
    entries = re.findall(r"(Sesión \d · Día \d(?:: \w+)?)[ .]*?(\d+)(?= |$)", toc)
    assert [title for title, _ in entries] == [
        "Sesión 1 · Día 1: Escucha", "Sesión 2 · Día 2", "Sesión 3 · Día 3"]
    for title, number in entries:
        # the chapter starts on the page the table of contents names
        assert title in pages[int(number) - 1], (title, number)
    # blocks are listed too, with their clock time
    assert re.search(r"9:00 a\. m\. · La emoción debajo de los hechos \.+ ?\d+", toc)


def test_every_page_after_the_cover_is_numbered(built: dict[str, list[str]]) -> None:
    for name, pages in built.items():
        word, of = ("Página", "de") if name.endswith("-es.pdf") else ("Page", "of")
        total = len(pages)
        assert f"{word} 1 {of}" not in flat(pages[0])  # the cover has no footer
        for number, text in enumerate(pages[1:], 2):
            assert f"{word} {number} {of} {total}" in flat(text), (name, number)


def test_handouts_and_agendas(built: dict[str, list[str]]) -> None:
    handouts = flat(" ".join(built["handouts-es.pdf"]))
    for text in ("Hoja de trabajo: Cambio de palabras detonantes", "Tarjeta del cliente",
                 "Tarjeta del agente", "Tarjeta de observación", "Hoja de reflexión",
                 "Hoja de línea base de indicadores", "Plan de refuerzo", "Coaching mensual"):
        assert text in handouts, text
    agendas = flat(" ".join(built["agendas-en.pdf"]))
    assert "8 hours" in agendas and "16 hours" in agendas
    assert "Session: 9:00 a.m.–1:30 p.m., 4 h 30 min in all, 4 h of teaching." in agendas


def test_paper_sizes(tmp_path: Path) -> None:
    course, _ = load_course(FIXTURE)
    letter = PdfReader(build_pdfs(course, tmp_path / "l", jobs=1)[2]).pages[0].mediabox
    a4 = PdfReader(build_pdfs(course, tmp_path / "a", "a4", jobs=1)[2]).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    with pytest.raises(ValueError, match="paper must be one of letter, a4"):
        build_pdfs(course, tmp_path / "x", "legal")


def test_nothing_is_fetched() -> None:
    with pytest.raises(ValueError, match="load nothing from outside"):
        _no_fetch("https://example.com/font.woff")


def test_extra_guides_per_format(tmp_path: Path) -> None:
    course, _ = load_course(FIXTURE)
    names = [p.name for p in build_pdfs(course, tmp_path, guide_formats=["8h"], jobs=1)]
    assert "facilitator-guide-8h-es.pdf" in names and "facilitator-guide-8h-en.pdf" in names
    text = flat(" ".join(p.extract_text() for p in
                         PdfReader(tmp_path / "pdf" / "facilitator-guide-8h-en.pdf").pages))
    assert "8 hours" in text and "Session 2 · Day 2" in text and "Session 3 · Day" not in text


@pytest.mark.slow
def test_a_site_build_links_to_the_pdfs(tmp_path: Path) -> None:
    """`course-builder build`: MkDocs, then the PDFs into the built site, linked from pages."""
    from course_builder.build import build_site

    root = Path(shutil.copytree(FIXTURE, tmp_path / "course"))
    for name in ("mkdocs.yml", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    site = build_site(root, StringIO(), link_check=False, site=tmp_path / "site")
    for name in NAMES:
        assert (site / "pdf" / name).is_file()
    for page in (site / "workshop" / "index.html",
                 site / "es" / "workshop" / "guide" / "8h" / "session-1" / "index.html"):
        html = page.read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]+\.pdf)"', html)
        assert hrefs
        for href in hrefs:
            assert (page.parent / href).resolve().is_file(), (page, href)


def test_unchanged_documents_come_from_the_cache(tmp_path: Path) -> None:
    course, _ = load_course(FIXTURE)
    cache = tmp_path / "cache"
    first = build_pdfs(course, tmp_path / "one", cache=cache, jobs=1)
    assert len(list(cache.glob("*.pdf"))) == len(NAMES)
    stamp = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    second = build_pdfs(course, tmp_path / "two", cache=cache, jobs=1)
    assert [p.read_bytes() for p in second] == [p.read_bytes() for p in first]
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")} == stamp
    # A4 is different HTML: new entries replace the Letter ones
    build_pdfs(course, tmp_path / "three", "a4", cache=cache, jobs=1)
    assert len(list(cache.glob("*.pdf"))) == len(NAMES)
    assert not set(stamp) & {p.name for p in cache.glob("*.pdf")}
