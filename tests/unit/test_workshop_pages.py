"""The workshop's generated pages: one per language at the same path, the raw-HTML contract,
facilitator notes and answer keys in the guides only, links that resolve from /es/ too."""

from __future__ import annotations

import doctest
import re
import shutil
from pathlib import Path

import pytest
import yaml

from course_builder.assemble import render_page
from course_builder.project import load_course
from course_builder.workshop import render
from course_builder.workshop.pages import md_heading, pages
from course_builder.workshop.render import Section

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "workshop" / "course"


@pytest.fixture(scope="module")
def course():  # type: ignore[no-untyped-def]
    loaded, _ = load_course(FIXTURE)
    return loaded


@pytest.fixture(scope="module")
def generated(course):  # type: ignore[no-untyped-def]
    return {(p.lang, p.rel): p for p in pages(course)}


def front_matter(markdown: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(markdown.split("---\n", 2)[1])


def test_doctests() -> None:
    assert doctest.testmod(render).failed == 0


def test_every_page_in_both_languages_at_the_same_path(generated) -> None:  # type: ignore[no-untyped-def]
    rels = {rel for _, rel in generated}
    assert {rel for lang, rel in generated if lang == "en"} == \
        {rel for lang, rel in generated if lang == "es"} == rels
    assert rels == {
        "workshop/index.md", "workshop/agenda-8h.md", "workshop/agenda-12h.md",
        "workshop/agenda-16h.md", "workshop/handouts.md",
        *(f"workshop/guide/8h/session-{n}.md" for n in (1, 2)),
        *(f"workshop/guide/12h/session-{n}.md" for n in (1, 2, 3)),
        *(f"workshop/guide/16h/session-{n}.md" for n in (1, 2, 3))}
    for page in generated.values():
        meta = front_matter(page.markdown)
        assert meta["title"] and meta["cb_styles"] == ["assets/workshop.css"]
        section = "Facilitator guide" if "/guide/" in page.rel else "Workshop"
        assert page.section is not None and page.section.en == section
        assert page.section.es == {"Workshop": "Taller",
                                   "Facilitator guide": "Guía para facilitadores"}[section]
        # guides hold answer keys: keep them out of the site search
        assert ("search" in meta) == ("/guide/" in page.rel)


def test_titles_are_translated(generated) -> None:  # type: ignore[no-untyped-def]
    en = front_matter(generated[("en", "workshop/guide/16h/session-1.md")].markdown)["title"]
    es = front_matter(generated[("es", "workshop/guide/16h/session-1.md")].markdown)["title"]
    assert (en, es) == ("16 h · Session 1: Listening", "16 h · Sesión 1: Escucha")


def test_raw_html_contract(generated) -> None:  # type: ignore[no-untyped-def]
    for page in generated.values():
        body = page.markdown.split("---\n", 2)[2]
        for chunk in body.strip().split("\n\n"):
            lines = chunk.split("\n")
            if lines[0].startswith("#"):
                assert len(lines) == 1, (page.rel, chunk[:80])
                continue
            assert all(line.startswith("<") for line in lines), (page.rel, chunk[:120])
            assert not any(line.startswith("    ") for line in lines)


def test_heading_ids_are_unique_and_links_inside_the_page_resolve(generated) -> None:  # type: ignore[no-untyped-def]
    for page in generated.values():
        ids = re.findall(r"\{#([a-z0-9-]+)", page.markdown) + re.findall(r' id="([^"]+)"',
                                                                         page.markdown)
        assert len(ids) == len(set(ids)), page.rel
        for target in re.findall(r'href="#([^"]+)"', page.markdown):
            assert target in ids, (page.rel, target)


def test_guide_sections_in_order(generated) -> None:  # type: ignore[no-untyped-def]
    text = generated[("en", "workshop/guide/16h/session-1.md")].markdown
    order = ["{#objectives}", "{#timing}", "{#materials}", "{#preparation}", "{#script}",
             "{#b-l-talk", "{#b-l-roleplay", "{#module-notes}", "{#answer-keys",
             "{#scorecard"]
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert "Role-play set-up" in text and "Marcus Bell" in text  # from the scenario's cards
    assert 'data-quiz-key="listening"' in text and 'data-quiz-key="words"' in text


def test_timing_table_clock_times_and_running_totals(generated) -> None:  # type: ignore[no-untyped-def]
    text = generated[("es", "workshop/guide/16h/session-2.md")].markdown
    nb = "\u00a0"
    assert f"<td>9:00{nb}a.{nb}m.–10:30{nb}a.{nb}m.</td>" in text
    # day 1 taught 6 hours, so the running total starts at 7 h 30 min after the first block
    assert f"<td>7{nb}h 30{nb}min</td>" in text
    assert f"Sesión: 9:00{nb}a.{nb}m.–3:45{nb}p.{nb}m., 6{nb}h 45{nb}min en total" in text


def test_facilitator_notes_go_to_the_guide_not_to_learners(course, generated) -> None:  # type: ignore[no-untyped-def]
    guide = generated[("en", "workshop/guide/16h/session-1.md")].markdown
    assert "Play two short recordings" in guide
    # the module page's relative link is re-aimed from the guide page
    assert '<a href="../../../../modules/words/#swap">the swap</a>' in guide
    es_guide = generated[("es", "workshop/guide/16h/session-1.md")].markdown
    assert "Pon dos grabaciones cortas" in es_guide
    learner = render_page(course, course.page("en", "modules/listening.md"))
    assert "Play two short recordings" not in learner
    # notes appear where the module first appears in a format, not again
    assert "Play two short recordings" not in \
        generated[("en", "workshop/guide/16h/session-2.md")].markdown


def test_pdf_links_from_english_and_spanish_pages(generated) -> None:  # type: ignore[no-untyped-def]
    en_index = generated[("en", "workshop/index.md")].markdown
    assert 'href="../pdf/facilitator-guide-en.pdf"' in en_index
    es_index = generated[("es", "workshop/index.md")].markdown
    assert 'href="../../pdf/facilitator-guide-es.pdf"' in es_index
    assert 'href="../../pdf/handouts-en.pdf" hreflang="en"' in es_index
    assert 'href="../../../../../pdf/facilitator-guide-es.pdf"' in \
        generated[("es", "workshop/guide/8h/session-1.md")].markdown
    assert 'href="../../../pdf/agendas-es.pdf"' in \
        generated[("es", "workshop/agenda-8h.md")].markdown


def test_agenda_links_each_block_to_its_script(generated) -> None:  # type: ignore[no-untyped-def]
    text = generated[("en", "workshop/agenda-12h.md")].markdown
    assert '<a href="../guide/12h/session-3/#b-le-kpi">Build your baseline</a>' in text


def test_handouts_page(generated) -> None:  # type: ignore[no-untyped-def]
    text = generated[("es", "workshop/handouts.md")].markdown
    for anchor in ("h-trigger-word-swap", "h-scorecard", "h-role-play-cards", "h-kpi-baseline",
                   "h-reinforcement-plan"):
        assert f"{{#{anchor} .cb-ws-sheet}}" in text
    assert 'data-scenario-cards="double-charge"' in text
    assert "Mes 3" in text and "Coaching mensual" in text


@pytest.mark.parametrize(("title", "line"), [
    ("Plain", "## Plain {#x}"),
    ("A *star* and _under_ [x] #1 {y}", r"## A \*star\* and \_under\_ \[x\] \#1 \{y\} {#x}"),
    ("<b>", "## &lt;b> {#x}"),
])
def test_md_heading_escapes_markdown(title: str, line: str) -> None:
    assert md_heading(Section("x", 2, title, "")) == line


def test_no_workshop_no_pages(tmp_path: Path) -> None:
    course_dir = Path(shutil.copytree(FIXTURE, tmp_path / "c"))
    shutil.rmtree(course_dir / "workshop")
    course, _ = load_course(course_dir)
    assert pages(course) == []


def test_the_repository_workshop() -> None:
    """The real content: clean, three formats, every module planned, pages render."""
    course, issues = load_course(ROOT)
    from course_builder.workshop.checks import check_workshop
    found = [i for i in [*issues, *check_workshop(course)]
             if i.code.startswith("workshop-") or "workshop" in i.path.parts]
    assert found == []
    workshop = course.workshop
    assert workshop is not None
    assert [f.hours for f in workshop.formats] == [8, 12, 16]
    assert [m.id for m in workshop.modules] == [m.id for m in course.modules]
    assert {h.kind for h in workshop.handouts} == {
        "trigger-word-swap", "scorecard", "role-play-cards", "kpi-baseline", "reinforcement-plan"}
    assert [f.every for f in workshop.follow_up] == ["month", "quarter"]
    assert [f.minutes for f in workshop.follow_up] == [60, 120]
    made = pages(course)
    assert len(made) == 2 * (1 + 3 + 1 + sum(len(f.sessions) for f in workshop.formats))


def test_css_budget() -> None:
    """workshop.css loads only on workshop pages; keep it small anyway."""
    import gzip

    from course_builder.assemble import bundle_css
    from course_builder.pipeline import page_bundles
    assert page_bundles()["assets/workshop.css"] == ("workshop.css",)
    size = len(gzip.compress(bundle_css(("workshop.css",)).encode("utf-8"), 9))
    assert size <= 1200, f"workshop.css is {size} bytes gzipped"


def test_guide_sessions_are_grouped_by_format_in_the_navigation(course) -> None:  # type: ignore[no-untyped-def]
    from course_builder import pipeline
    previous, course.generated = course.generated, pages(course)
    try:
        nav = pipeline.nav_for(course)
        titles = pipeline.section_titles(course)
    finally:
        course.generated = previous
    guide = next(entry["Facilitator guide"] for entry in nav
                 if isinstance(entry, dict) and "Facilitator guide" in entry)
    assert guide and all(isinstance(group, dict) and len(group) == 1 for group in guide)
    groups = {title: rels for group in guide for title, rels in group.items()}
    for fmt in course.workshop.formats:
        rels = groups[f"{fmt.hours}-hour workshop"]
        assert rels == [render.guide_rel(fmt.id, s.number) for s in fmt.sessions]
    assert {titles[f"{f.hours}-hour workshop"] for f in course.workshop.formats} == \
        {f"Taller de {f.hours} horas" for f in course.workshop.formats}
