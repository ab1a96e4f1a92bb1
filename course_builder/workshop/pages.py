"""The workshop's site pages, in English and Spanish at the same paths:

- ``workshop/index.md``: overview, formats compared, downloads (PDF links);
- ``workshop/agenda-<format>.md``: one agenda per format, with clock times and totals;
- ``workshop/handouts.md``: every handout, each printing on its own sheet;
- ``workshop/guide/<format>/session-<n>.md``: the facilitator guide for each session.

Headings are Markdown (so the table of contents, permalinks and print page breaks work);
bodies are compact raw HTML from ``render``. Guide pages are left out of the search index:
they hold answer keys.
"""

from __future__ import annotations

import re

from course_builder import LANGS
from course_builder.assemble import GeneratedPage, front_matter
from course_builder.model.course import Course
from course_builder.model.text import Text
from course_builder.workshop import render as r
from course_builder.workshop.render import Links, Section, a, e
from course_builder.workshop.words import LANG_NAMES, w

WORKSHOP_SECTION = Text("Workshop", "Taller")
GUIDE_SECTION = Text("Facilitator guide", "Guía para facilitadores")


def format_group(hours: int) -> Text:
    """The navigation entry that holds one format's guide sessions (collapsed by default)."""
    return Text(f"{hours}-hour workshop", f"Taller de {hours} horas")
STYLES = ["assets/workshop.css"]


# Workshop pages' own stylesheet (see pipeline.GENERATORS).
BUNDLES: dict[str, tuple[str, ...]] = {"assets/workshop.css": ("workshop.css",)}


def rels(course: Course) -> set[str]:
    """The pages ``pages`` makes, without making them (for the link check)."""
    workshop = course.workshop
    if workshop is None or not workshop.formats:
        return set()
    found = {r.INDEX_REL, *(r.agenda_rel(f.id) for f in workshop.formats)}
    if workshop.handouts:
        found.add(r.HANDOUTS_REL)
    found |= {r.guide_rel(f.id, s.number) for f in workshop.formats for s in f.sessions}
    return found


def pages(course: Course) -> list[GeneratedPage]:
    """Every workshop page in both languages; none when the course has no workshop."""
    workshop = course.workshop
    if workshop is None or not workshop.formats:
        return []
    out: list[GeneratedPage] = []
    for lang in LANGS:
        out.append(GeneratedPage(lang, r.INDEX_REL, index_page(course, lang), WORKSHOP_SECTION,
                                 0))
        for index, fmt in enumerate(workshop.formats, 1):
            rel = r.agenda_rel(fmt.id)
            out.append(GeneratedPage(lang, rel, agenda_page(course, fmt.id, lang),
                                     WORKSHOP_SECTION, index))
        if workshop.handouts:
            out.append(GeneratedPage(lang, r.HANDOUTS_REL, handouts_page(course, lang),
                                     WORKSHOP_SECTION, 90))
        for f_index, fmt in enumerate(workshop.formats):
            for session in fmt.sessions:
                rel = r.guide_rel(fmt.id, session.number)
                out.append(GeneratedPage(lang, rel, guide_page(course, fmt.id, session.number,
                                                               lang),
                                         GUIDE_SECTION, f_index * 100 + session.number,
                                         format_group(fmt.hours)))
    return out


# -- pages -------------------------------------------------------------------------------------
def index_page(course: Course, lang: str) -> str:
    workshop = course.workshop
    assert workshop is not None
    links = Links(lang, r.INDEX_REL)
    guides = []
    for fmt in workshop.formats:
        items = " · ".join(r.link(links.to(r.guide_rel(fmt.id, s.number)),
                                  e(r.session_title(fmt, s, lang))) for s in fmt.sessions)
        guides.append(f"<li><strong>{e(r.format_name(fmt, lang))}</strong>: {items}</li>")
    sections = [
        Section("formats", 2, w("ov_formats", lang), r.formats_table(course, lang, links)),
        Section("guides", 2, w("ov_guides", lang), r.compact([
            "<ul>" + "".join(guides) + "</ul>",
            f'<p class="cb-ws-note">{e(w("ov_private", lang))}</p>'])),
    ]
    if workshop.handouts:
        sections.append(Section("handouts", 2, w("handouts", lang), r.compact([
            "<ul>" + "".join(f"<li>{r.link(links.handout(h.id), e(h.title[lang]))}</li>"
                             for h in workshop.handouts) + "</ul>"])))
    if workshop.follow_up:
        sections.append(Section("follow-up", 2, w("follow_up", lang),
                                r.follow_up_body(workshop, lang)))
    sections.append(Section("downloads", 2, w("ov_downloads", lang),
                            downloads(lang, r.INDEX_REL, both=True)))
    return markdown_page(w("overview", lang), sections,
                         lede=f'<p class="cb-ws-intro">{e(w("ov_intro", lang))}</p>')


def agenda_page(course: Course, fmt_id: str, lang: str) -> str:
    workshop = course.workshop
    assert workshop is not None
    fmt = workshop.format(fmt_id)
    assert fmt is not None
    rel = r.agenda_rel(fmt_id)
    sections = r.agenda_sections(course, fmt, lang, Links(lang, rel))
    if workshop.follow_up:
        sections.append(Section("follow-up", 2, w("follow_up", lang),
                                r.follow_up_body(workshop, lang)))
    first = sections[0]
    lede = r.compact([f'<p class="cb-ws-intro"><strong>{e(r.format_name(fmt, lang))}</strong></p>',
                      first.body, download_line(lang, rel, ["agendas"])])
    return markdown_page(w("agenda", lang, h=fmt.hours), sections[1:], lede=lede)


def handouts_page(course: Course, lang: str) -> str:
    rel = r.HANDOUTS_REL
    sections = r.handout_sections(course, lang, Links(lang, rel))
    return markdown_page(w("handouts", lang), sections,
                         lede=download_line(lang, rel, ["handouts"]))


def guide_page(course: Course, fmt_id: str, number: int, lang: str) -> str:
    workshop = course.workshop
    assert workshop is not None
    fmt = workshop.format(fmt_id)
    assert fmt is not None
    rel = r.guide_rel(fmt_id, number)
    links = Links(lang, rel)
    sections = r.guide_sections(course, fmt, number, lang, links)
    lede = r.compact([r.guide_lede(course, fmt, number, lang),
                      download_line(lang, rel, ["facilitator-guide", "handouts"])])
    title = w("session_nav", lang, h=fmt.hours, n=number)
    session = fmt.sessions[number - 1]
    if session.title:
        title = f"{title}: {session.title[lang]}"
    return markdown_page(title, sections, lede=lede, search=False)


# -- downloads ---------------------------------------------------------------------------------
PDF_LABELS = {"facilitator-guide": "pdf_guide", "handouts": "pdf_handouts",
              "agendas": "pdf_agendas"}


def download_line(lang: str, rel: str, kinds: list[str]) -> str:
    """A one-line list of PDF links for this page (hidden when printing)."""
    items = " · ".join(f'<a href="{a(r.pdf_href(lang, rel, r.pdf_name(k, lang)))}">'
                       f"{e(w(PDF_LABELS[k], lang))}</a>" for k in kinds)
    return f'<p class="cb-ws-download cb-no-print">{e(w("download", lang))} {items}</p>'


def downloads(lang: str, rel: str, both: bool = False) -> str:
    out = ["<ul>"]
    for kind in PDF_LABELS:
        label = e(w(PDF_LABELS[kind], lang))
        item = f'<a href="{a(r.pdf_href(lang, rel, r.pdf_name(kind, lang)))}">{label}</a>'
        if both:
            other = "es" if lang == "en" else "en"
            name = LANG_NAMES[other][lang]
            item += (f' · <a href="{a(r.pdf_href(lang, rel, r.pdf_name(kind, other)))}" '
                     f'hreflang="{other}">{e(w("pdf_other", lang, n=name))}</a>')
        out.append(f"<li>{item}</li>")
    out.append("</ul>")
    return r.compact(out)


# -- Markdown ----------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#])")


def md_heading(section: Section) -> str:
    """``## Title {#id .class}``: Markdown specials escaped, ``<`` as an entity."""
    text = _MD_SPECIAL.sub(r"\\\1", section.title).replace("<", "&lt;")
    attrs = f"#{section.id}" + (f" .{section.cls}" if section.cls else "")
    return f"{'#' * section.level} {text} {{{attrs}}}"


def markdown_page(title: str, sections: list[Section], lede: str = "",
                  search: bool = True) -> str:
    front: dict[str, object] = {"title": title, "cb_styles": STYLES}
    if not search:
        front["search"] = {"exclude": True}
    parts = [front_matter(front)]
    if lede:
        parts += [lede, ""]
    for section in sections:
        parts += _section_md(section)
    return "\n".join(parts).rstrip() + "\n"


def _section_md(section: Section) -> list[str]:
    if not section.body and not section.children:
        return []
    out = [md_heading(section), ""]
    if section.body:
        out += [section.body, ""]
    for child in section.children:
        out += _section_md(child)
    return out
