"""HTML for the workshop: agendas, facilitator guides per session, handouts, the overview.

One renderer serves the site and the PDFs. It returns ``Section`` objects (a heading and a
compact HTML body); ``pages`` turns them into Markdown pages (headings in Markdown, so the
table of contents and permalinks work) and ``pdf`` into print documents. Links go through a
``Links`` object, which knows whether it is writing a site page (relative URLs) or a PDF
(links inside the document, or plain text). Every body follows the raw-HTML contract: one
line per element, nothing indented, no blank line.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from course_builder.assemble import url_of
from course_builder.model.course import Course
from course_builder.model.scenario import INDUSTRY_LABELS, OUTCOME_LABELS, Scenario
from course_builder.model.text import Text
from course_builder.render.inline import block_md, inline_md
from course_builder.workshop.agenda import Layout, Row, SessionLayout, clock, clock_range, duration
from course_builder.workshop.checks import layout_of
from course_builder.workshop.model import (
    EVERY,
    KIND_LABELS,
    Block,
    Format,
    Handout,
    Session,
    Workshop,
)
from course_builder.workshop.words import w


@dataclass(frozen=True)
class Section:
    """A heading (plain text) and its HTML body; ``level`` 2 or 3; ``cls`` for print rules."""

    id: str
    level: int
    title: str
    body: str
    cls: str = ""
    children: tuple[Section, ...] = ()


# -- links -------------------------------------------------------------------------------------
@lru_cache(maxsize=4096)  # the same few hundred links, from every guide and agenda page
def relative_url(from_rel: str, to_rel: str, anchor: str = "") -> str:
    """A link from one page to another in the same language tree.

    >>> relative_url("workshop/guide/8h/session-1.md", "modules/composure.md", "reset")
    '../../../../modules/composure/#reset'
    >>> relative_url("workshop/agenda-8h.md", "workshop/agenda-8h.md", "b-x")
    '#b-x'
    """
    here, there = url_of(from_rel), url_of(to_rel)
    suffix = f"#{anchor}" if anchor else ""
    if here == there:
        return suffix or "./"
    path = posixpath.relpath(there or ".", here or ".")
    return (path.rstrip("/") + "/" if path != "." else "./") + suffix


def pdf_href(lang: str, rel: str, name: str) -> str:
    """A link from a generated page to ``pdf/<name>`` at the site root (also from /es/).

    >>> pdf_href("en", "workshop/index.md", "a.pdf"), pdf_href("es", "workshop/index.md", "a.pdf")
    ('../pdf/a.pdf', '../../pdf/a.pdf')
    """
    depth = url_of(rel).count("/") + (0 if lang == "en" else 1)
    return "../" * depth + f"pdf/{name}"


def pdf_name(kind: str, lang: str, fmt_id: str = "") -> str:
    """File names of the PDFs ``pdf.build_pdfs`` writes, e.g. ``facilitator-guide-es.pdf``."""
    middle = f"-{fmt_id}" if fmt_id else ""
    return f"{kind}{middle}-{lang}.pdf"


def agenda_rel(fmt_id: str) -> str:
    return f"workshop/agenda-{fmt_id}.md"


def guide_rel(fmt_id: str, number: int) -> str:
    return f"workshop/guide/{fmt_id}/session-{number}.md"


HANDOUTS_REL = "workshop/handouts.md"
INDEX_REL = "workshop/index.md"


@dataclass
class Links:
    """Where the renderer's links point. ``page`` is the page's rel on the site; in a PDF
    (``pdf=True``) links stay inside the document, and links to site pages become text."""

    lang: str
    page: str = ""
    pdf: bool = False
    # In a PDF: ids present in the document (a link to anything else becomes text).
    anchors: set[str] = field(default_factory=set)

    def to(self, rel: str, anchor: str = "") -> str | None:
        if self.pdf:
            return f"#{anchor}" if anchor and anchor in self.anchors else None
        return relative_url(self.page, rel, anchor)

    def block(self, fmt: Format, block_id: str) -> str | None:
        """The block's script in the guide for this format."""
        for session in fmt.sessions:
            if any(i.block == block_id for i in session.items):
                return self.to(guide_rel(fmt.id, session.number), block_anchor(block_id))
        return None

    def handout(self, handout_id: str) -> str | None:
        return self.to(HANDOUTS_REL, handout_anchor(handout_id))

    def module(self, module_id: str, anchor: str = "") -> str | None:
        return None if self.pdf else self.to(f"modules/{module_id}.md", anchor)


def block_anchor(block_id: str) -> str:
    return f"b-{block_id}"


def handout_anchor(handout_id: str) -> str:
    return f"h-{handout_id}"


# -- small HTML helpers ------------------------------------------------------------------------
def e(text: str) -> str:
    return html.escape(text, quote=False)


def a(text: str) -> str:
    return html.escape(text, quote=True)


_P_SPLIT = re.compile(r"</p>\s*<p>")


def phrase(text: str) -> str:
    """Light Markdown as phrasing content (fits in <li>, <td>, <p>)."""
    out = inline_md(text)
    if out.startswith("<p>"):
        out = _P_SPLIT.sub("<br>", out.strip())[3:-4]
    return out.replace("\n", " ")


def link(href: str | None, text_html: str) -> str:
    return f'<a href="{a(href)}">{text_html}</a>' if href else text_html


def compact(parts: Iterable[str]) -> str:
    """Raw-HTML-block-safe text: one element per line, nothing indented, no blank line."""
    lines = (line.strip() for part in parts for line in part.splitlines())
    return "\n".join(line for line in lines if line)


def ul(items: Sequence[Text], lang: str, cls: str = "", tag: str = "ul") -> str:
    if not items:
        return ""
    attr = f' class="{cls}"' if cls else ""
    return f"<{tag}{attr}>" + "".join(f"<li>{phrase(t[lang])}</li>" for t in items) + f"</{tag}>"


def lines_box(count: int) -> str:
    """Ruled lines to write on (hidden from assistive tech: there is nothing to read)."""
    return '<div class="cb-ws-lines" aria-hidden="true">' + "<span></span>" * count + "</div>"


def box() -> str:
    return '<span class="cb-ws-box" aria-hidden="true"></span>'


# -- shared pieces -----------------------------------------------------------------------------
def module_title(course: Course, module_id: str, lang: str) -> str:
    page = course.page(lang, f"modules/{module_id}.md")
    return page.title if page and page.title else module_id


def kind_label(kind: str, lang: str) -> str:
    if kind == "meal":
        return w("meal", lang)
    return KIND_LABELS[kind][lang] if kind in KIND_LABELS else kind


def format_name(fmt: Format, lang: str) -> str:
    return fmt.title[lang]


def session_title(fmt: Format, session: Session, lang: str) -> str:
    base = w("session_day", lang, n=session.number, d=session.day)
    return f"{base}: {session.title[lang]}" if session.title else base


def session_blocks(workshop: Workshop, session: Session) -> list[Block]:
    blocks = workshop.blocks
    return [blocks[i.block] for i in session.items if i.kind == "block" and i.block in blocks]


def session_modules(workshop: Workshop, session: Session) -> list[str]:
    seen: list[str] = []
    for block in session_blocks(workshop, session):
        if block.module not in seen:
            seen.append(block.module)
    return seen


def row_title(workshop: Workshop, row: Row, lang: str) -> str:
    if row.kind == "block" or (row.ref and row.ref in workshop.blocks):
        block = workshop.blocks.get(row.ref)
        return block.title[lang] if block else row.ref
    return w("meal" if row.kind == "meal" else "break", lang)


def timing_table(course: Course, fmt: Format, sl: SessionLayout, session: Session, lang: str,
                 links: Links, with_module: bool = False) -> str:
    """The clock-time table of one session: every row with start, end, minutes and the
    running teaching total of the whole format."""
    workshop = course.workshop
    assert workshop is not None
    head = [w("time", lang), w("activity", lang)]
    if with_module:
        head.append(w("module", lang))
    head += [w("kind", lang), w("minutes", lang), w("so_far", lang)]
    out = ['<table class="cb-ws-timing">', "<thead><tr>"
           + "".join(f'<th scope="col">{e(h)}</th>' for h in head) + "</tr></thead><tbody>"]
    for row in sl.rows:
        block = workshop.blocks.get(row.ref) if row.ref else None
        title = e(row_title(workshop, row, lang))
        if block is not None and row.teaching:
            title = link(links.block(fmt, block.id), title)
        cls = ' class="cb-ws-rest"' if not row.teaching else ""
        kind = block.kind if block is not None else row.kind
        cells = [e(clock_range(row.start, row.end, lang)), title]
        if with_module:
            cells.append(e(module_title(course, block.module, lang)) if block else "")
        cells += [e(kind_label(kind, lang)), str(row.minutes),
                  e(duration(row.teaching_total, lang)) if row.teaching else ""]
        out.append(f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")
    out.append('<p class="cb-ws-total">' + e(w(
        "session_total", lang, time=clock_range(sl.start, sl.end, lang),
        len=duration(sl.length, lang), t=duration(sl.teaching, lang))) + "</p>")
    return compact(out)


# -- the facilitator guide, one session ------------------------------------------------------
def guide_sections(course: Course, fmt: Format, number: int, lang: str,
                   links: Links, prefix: str = "") -> list[Section]:
    """Everything a facilitator needs for one session, in the order they use it."""
    workshop = course.workshop
    assert workshop is not None
    layout = layout_of(workshop, fmt)
    session = fmt.sessions[number - 1]
    sl = layout.sessions[number - 1]
    blocks = session_blocks(workshop, session)
    modules = session_modules(workshop, session)
    sections: list[Section] = []

    # Objectives practised in this session, by module.
    parts = []
    for module_id in modules:
        practised = {o for b in blocks if b.module == module_id for o in b.objectives}
        page = course.page(lang, f"modules/{module_id}.md")
        title = link(links.module(module_id), e(module_title(course, module_id, lang)))
        items = [o.text for o in (page.objectives if page else []) if o.id in practised]
        parts.append(f'<p class="cb-ws-mod"><strong>{title}</strong></p>')
        if items:
            parts.append("<ul>" + "".join(f"<li>{e(t)}</li>" for t in items) + "</ul>")
    sections.append(Section(f"{prefix}objectives", 2, w("objectives", lang), compact(parts)))

    sections.append(Section(f"{prefix}timing", 2, w("timing", lang),
                            timing_table(course, fmt, sl, session, lang, links)))

    # Materials and room set-up.
    parts = []
    for module_id in modules:
        plan = workshop.plan(module_id)
        if plan and plan.room:
            parts.append(f"<p><strong>{e(module_title(course, module_id, lang))}.</strong> "
                         f"{phrase(plan.room[lang])}</p>")
    materials: list[Text] = []
    for block in blocks:
        for item in block.materials:
            if item.en not in {m.en for m in materials}:
                materials.append(item)
    handouts = _handouts_of(workshop, blocks)
    items = [phrase(m[lang]) for m in materials]
    items += [link(links.handout(h.id), e(h.title[lang])) for h in handouts]
    if items:
        parts.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
    sections.append(Section(f"{prefix}materials", 2, w("materials", lang), compact(parts)))

    # Preparation.
    prep: list[str] = []
    for module_id in modules:
        plan = workshop.plan(module_id)
        prep += [phrase(p[lang]) for p in (plan.prepare if plan else ())]
    prep += [phrase(p[lang]) for b in blocks for p in b.prepare]
    printed = [e(h.title[lang]) for h in handouts if h.kind != "role-play-cards"]
    printed += [e(w("print_cards", lang, s=course.scenarios[b.scenario].title[lang]))
                for b in blocks if b.scenario in course.scenarios and b.kind == "role-play"]
    if printed:
        prep.append(e(w("print", lang, items="; ".join(printed))))
    sections.append(Section(f"{prefix}preparation", 2, w("preparation", lang),
                            compact(["<ol>" + "".join(f"<li>{p}</li>" for p in prep) + "</ol>"])
                            if prep else ""))

    # Step by step: one sub-section per block (breaks as short lines in between).
    children: list[Section] = []
    pending_rest: list[str] = []  # a break before the first block opens that block's script
    for row in sl.rows:
        block = workshop.blocks.get(row.ref) if row.ref else None
        if block is None or not row.teaching:
            rest = (f'<p class="cb-ws-rest-line">{e(clock_range(row.start, row.end, lang))} · '
                    f"{e(row_title(workshop, row, lang))} ({row.minutes} min)</p>")
            if children:  # a break closes the block before it
                last = children[-1]
                children[-1] = Section(last.id, last.level, last.title,
                                       compact([last.body, rest]), last.cls)
            else:
                pending_rest.append(rest)
            continue
        body = block_script(course, block, lang, links, pending_rest)
        pending_rest = []
        title = f"{clock(row.start, lang)} · {block.title[lang]}"
        children.append(Section(block_anchor(block.id), 3, title, body, "cb-ws-block"))
    sections.append(Section(f"{prefix}script", 2, w("script", lang), "", children=tuple(children)))

    # Facilitator notes from the module pages, where a module first appears in this format.
    first_seen = _first_session_of_modules(workshop, fmt)
    parts = []
    for module_id in modules:
        if first_seen.get(module_id) != session.number:
            continue
        notes = module_notes(course, module_id, lang, links)
        if notes:
            parts.append(f'<h3 class="cb-ws-notes-h">'
                         f"{e(module_title(course, module_id, lang))}</h3>")
            parts += notes
    if parts:
        sections.append(Section(f"{prefix}module-notes", 2, w("notes", lang), compact(parts)))

    keys = [b for b in blocks if b.quiz and b.quiz in course.quizzes]
    if keys:
        from course_builder.render.quiz import render_answer_key
        sections.append(Section(f"{prefix}answer-keys", 2, w("keys", lang), compact(
            render_answer_key(course.quizzes[b.quiz], lang, level=3) for b in keys),
            "cb-ws-keys"))

    if any(b.kind == "role-play" for b in blocks):
        card = workshop.handout("scorecard")
        if card is not None:
            sections.append(Section(f"{prefix}scorecard", 2, w("scorecard", lang),
                                    scorecard_body(card, lang), "cb-ws-sheet"))
    return sections


def guide_lede(course: Course, fmt: Format, number: int, lang: str) -> str:
    workshop = course.workshop
    assert workshop is not None
    session = fmt.sessions[number - 1]
    sl = layout_of(workshop, fmt).sessions[number - 1]
    text = w("lede", lang, f=format_name(fmt, lang), day=w("day", lang, d=session.day),
             time=clock_range(sl.start, sl.end, lang), t=duration(sl.teaching, lang),
             r=duration(sl.rest, lang))
    mods = ", ".join(module_title(course, m, lang) for m in session_modules(workshop, session))
    return compact([f'<p class="cb-ws-lede">{e(text)}</p>',
                    f'<p class="cb-ws-lede">{e(w("modules_in", lang))} {e(mods)}</p>'])


def block_script(course: Course, block: Block, lang: str, links: Links,
                 before: Sequence[str] = ()) -> str:
    """One block's script: meta line, steps, talking points, prompts, set-up, debrief."""
    page = course.page(lang, f"modules/{block.module}.md")
    names = {o.id: o.text for o in (page.objectives if page else [])}
    meta = f"{kind_label(block.kind, lang)} · {block.minutes} min"
    out = [*before, f'<p class="cb-ws-meta">{e(meta)}</p>']
    if block.objectives:
        out.append(f'<p class="cb-ws-obj"><strong>{e(w("practises", lang))}</strong> '
                   + e(" · ".join(names.get(o, o).rstrip(".") for o in block.objectives))
                   + "</p>")
    if block.materials:
        out.append(f'<p class="cb-ws-sub">{e(w("block_materials", lang))}</p>'
                   + ul(block.materials, lang))
    if block.setup or block.scenario:
        out.append(f'<p class="cb-ws-sub">{e(w("setup", lang))}</p>')
        if block.setup:
            out.append(f"<p>{phrase(block.setup[lang])}</p>")
        scenario = course.scenarios.get(block.scenario) if block.scenario else None
        if scenario is not None:
            out.append(scenario_brief(course, scenario, lang, links))
    if block.steps:
        out.append(f'<p class="cb-ws-sub">{e(w("steps", lang))}</p>'
                   + ul(block.steps, lang, tag="ol"))
    for key, items in (("talking", block.talking_points), ("prompts", block.prompts),
                       ("debrief", block.debrief), ("pitfalls", block.pitfalls)):
        if items:
            out.append(f'<p class="cb-ws-sub">{e(w(key, lang))}</p>' + ul(items, lang))
    if block.kind == "knowledge-check" and block.quiz in course.quizzes:
        out.append(f'<p class="cb-ws-note">{e(w("key_below", lang))}</p>')
    return compact(out)


def scenario_brief(course: Course, s: Scenario, lang: str, links: Links) -> str:
    """The facilitator's view of a role-play: who is who, what calms and angers, endings."""
    industry = INDUSTRY_LABELS.get(s.industry, Text(s.industry, s.industry))[lang]
    handout = course.workshop.handout("role-play-cards") if course.workshop else None
    cards = link(links.handout(handout.id), e(handout.title[lang])) if handout else \
        e(w("handouts", lang))
    out = ['<div class="cb-ws-brief">',
           f"<p><strong>{phrase(s.title[lang])}</strong> ({e(industry)})</p>",
           f"<p>{e(w('roles', lang))} {w('cards_in', lang, h=cards)}</p>",
           f"<p><em>{e(w('situation', lang))}:</em> {phrase(s.situation[lang])}</p>",
           f"<p><em>{e(w('customer', lang))}:</em> <strong>{e(s.customer_name[lang])}</strong>. "
           f"{phrase(s.customer_profile[lang])}</p>"]
    if s.cards.agent_goal is not None:
        out.append(f"<p><em>{e(w('agent_goal', lang))}:</em> "
                   f"{phrase(s.cards.agent_goal[lang])}</p>")
    for key, items in (("practise_goals", s.goals), ("calms", s.cards.customer_calms),
                       ("angers", s.cards.customer_angers)):
        if items:
            out.append(f"<p><em>{e(w(key, lang))}:</em></p>" + ul(items, lang))
    if s.endings:
        out.append(f"<p><em>{e(w('endings', lang))}:</em></p><ul>" + "".join(
            f"<li>{phrase(end.title[lang])} "
            f"({e(OUTCOME_LABELS.get(end.outcome, Text(end.outcome, end.outcome))[lang])})</li>"
            for end in s.endings.values()) + "</ul>")
    out.append("</div>")
    return compact(out)


def module_notes(course: Course, module_id: str, lang: str, links: Links) -> list[str]:
    """The ``/// facilitator`` notes of a module page, rendered, with links fixed up."""
    rel = f"modules/{module_id}.md"
    page = course.page(lang, rel)
    if page is None:
        return []
    notes = []
    for directive in page.directives:
        if directive.name != "facilitator":
            continue
        body = block_md("\n".join(directive.body).strip())
        notes.append('<div class="cb-ws-note-box">'
                     + _fix_links(body, rel, course, lang, links).replace("\n", " ") + "</div>")
    return notes


_LINK_RE = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)


def _fix_links(body: str, from_rel: str, course: Course, lang: str, links: Links) -> str:
    """Links in a module page are relative to that page: point them from the guide instead
    (or drop them in a PDF, where only the text is useful)."""

    def fix(match: re.Match[str]) -> str:
        href, text = html.unescape(match.group(1)), match.group(2)
        if re.match(r"^[a-z]+:", href):
            return match.group(0) if not links.pdf else text
        path, _, anchor = href.partition("#")
        target = (posixpath.normpath(posixpath.join(posixpath.dirname(from_rel), path))
                  if path else from_rel)
        if target not in course.pages.get(lang, {}):
            return text
        new = links.to(target, anchor) if not links.pdf else None
        return link(new, text)

    return _LINK_RE.sub(fix, body)


def _first_session_of_modules(workshop: Workshop, fmt: Format) -> dict[str, int]:
    first: dict[str, int] = {}
    for session in fmt.sessions:
        for module_id in session_modules(workshop, session):
            first.setdefault(module_id, session.number)
    return first


def _handouts_of(workshop: Workshop, blocks: Iterable[Block]) -> list[Handout]:
    wanted: list[str] = []
    for block in blocks:
        for handout_id in block.handouts:
            if handout_id not in wanted:
                wanted.append(handout_id)
    by_id = {h.id: h for h in workshop.handouts}
    return [by_id[h] for h in wanted if h in by_id]


# -- agendas ---------------------------------------------------------------------------------
def format_facts(fmt: Format, layout: Layout, lang: str) -> list[tuple[str, str]]:
    return [(w("teaching_time", lang), duration(layout.teaching, lang)),
            (w("breaks_time", lang), duration(layout.rest, lang)),
            (w("sessions", lang), str(len(layout.sessions))),
            (w("days", lang), str(layout.days)),
            (w("longest", lang), duration(layout.longest_session, lang))]


def agenda_sections(course: Course, fmt: Format, lang: str, links: Links,
                    prefix: str = "") -> list[Section]:
    """One format: its facts, then every session with clock times and running totals."""
    workshop = course.workshop
    assert workshop is not None
    layout = layout_of(workshop, fmt)
    facts = "".join(f'<tr><th scope="row">{e(k)}</th><td>{e(v)}</td></tr>'
                    for k, v in format_facts(fmt, layout, lang))
    intro = [f"<p>{phrase(fmt.summary[lang])}</p>" if fmt.summary else "",
             f'<table class="cb-ws-facts"><tbody>{facts}</tbody></table>']
    sections = [Section(f"{prefix}overview", 2, format_name(fmt, lang), compact(intro))]
    for session, sl in zip(fmt.sessions, layout.sessions, strict=True):
        guide = links.to(guide_rel(fmt.id, session.number))
        head = ""
        if guide:
            head = (f'<p class="cb-ws-lede">{link(guide, e(w("guide_link", lang)))} · '
                    f"{e(clock_range(sl.start, sl.end, lang))}</p>")
        sections.append(Section(f"{prefix}session-{session.number}", 2,
                                session_title(fmt, session, lang),
                                compact([head, timing_table(course, fmt, sl, session, lang,
                                                            links, with_module=True)]),
                                "cb-ws-session"))
    return sections


def follow_up_body(workshop: Workshop, lang: str) -> str:
    out = [f"<p>{e(w('follow_intro', lang))}</p>"]
    for item in workshop.follow_up:
        every = EVERY.get(item.every, Text(item.every, item.every))[lang]
        out.append(f"<h3>{e(item.title[lang])}</h3>")
        often = w("every", lang, e=every, len=duration(item.minutes, lang))
        out.append(f'<p class="cb-ws-lede">{e(often)}'
                   + (f" · {phrase(item.summary[lang])}" if item.summary else "") + "</p>")
        rows = []
        start = 0
        for part in item.items:
            notes = f"<br><small>{phrase(part.notes[lang])}</small>" if part.notes else ""
            rows.append(f"<tr><td>{start}–{start + part.minutes}</td>"
                        f"<td>{e(part.title[lang])}{notes}</td>"
                        f"<td>{e(kind_label(part.kind, lang))}</td><td>{part.minutes}</td></tr>")
            start += part.minutes
        out.append('<table class="cb-ws-timing"><thead><tr>'
                   f'<th scope="col">{e(w("minutes", lang))}</th>'
                   f'<th scope="col">{e(w("activity", lang))}</th>'
                   f'<th scope="col">{e(w("kind", lang))}</th>'
                   f'<th scope="col">{e(w("minutes", lang))}</th></tr></thead><tbody>'
                   + "".join(rows) + "</tbody></table>")
    return compact(out)


def formats_table(course: Course, lang: str, links: Links) -> str:
    workshop = course.workshop
    assert workshop is not None
    head = [w("format", lang), w("teaching_time", lang), w("sessions", lang), w("days", lang),
            w("longest", lang), w("guide_link", lang)]
    out = ['<table class="cb-ws-formats"><thead><tr>'
           + "".join(f'<th scope="col">{e(h)}</th>' for h in head) + "</tr></thead><tbody>"]
    for fmt in workshop.formats:
        layout = layout_of(workshop, fmt)
        guides = " · ".join(link(links.to(guide_rel(fmt.id, s.number)),
                                 e(w("session", lang, n=s.number))) for s in fmt.sessions)
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in (
            link(links.to(agenda_rel(fmt.id)), e(format_name(fmt, lang))),
            e(duration(layout.teaching, lang)), str(len(layout.sessions)), str(layout.days),
            e(duration(layout.longest_session, lang)), guides)) + "</tr>")
    out.append("</tbody></table>")
    return compact(out)


# -- handouts --------------------------------------------------------------------------------
def handout_sections(course: Course, lang: str, links: Links) -> list[Section]:
    workshop = course.workshop
    assert workshop is not None
    out: list[Section] = []
    for handout in workshop.handouts:
        body = HANDOUT_RENDERERS[handout.kind](course, handout, lang, links)
        out.append(Section(handout_anchor(handout.id), 2, handout.title[lang], body,
                           "cb-ws-sheet"))
    return out


def _intro(handout: Handout, lang: str) -> str:
    return f'<p class="cb-ws-intro">{phrase(handout.intro[lang])}</p>' if handout.intro else ""


def _tips(handout: Handout, lang: str) -> str:
    return ul(handout.tips, lang, "cb-ws-tips")


def swap_body(course: Course, handout: Handout, lang: str, links: Links) -> str:
    out = [_intro(handout, lang), '<ol class="cb-ws-swap">']
    for line in handout.lines:
        out.append(f"<li><p>{phrase(line[lang])}</p><p class=\"cb-ws-label\">"
                   f"{e(w('rewrite', lang))}:</p>{lines_box(2)}</li>")
    out.append("</ol>")
    out.append(_tips(handout, lang))
    triggers = getattr(course, "triggers", None)
    if triggers:
        out.append(f'<h3 class="cb-ws-ref">{e(w("reference", lang))}</h3>')
        out.append('<table class="cb-ws-ref-table"><thead><tr>'
                   f'<th scope="col">{e(w("trigger", lang))}</th>'
                   f'<th scope="col">{e(w("why", lang))}</th>'
                   f'<th scope="col">{e(w("instead", lang))}</th></tr></thead><tbody>')
        for trigger in triggers.triggers:
            phrases = ", ".join(f"“{p}”" for p in trigger.phrases.get(lang, ())[:3])
            alternatives = trigger.alternatives.get(lang, ())
            out.append(f"<tr><td>{e(phrases)}</td><td>{e(trigger.why[lang])}</td>"
                       f"<td>{e(alternatives[0]) if alternatives else ''}</td></tr>")
        out.append("</tbody></table>")
    return compact(out)


def scorecard_body(handout: Handout, lang: str, *_: object) -> str:
    scores = [s.score for s in handout.scale] or [0, 1, 2]
    top = max(scores) * len(handout.criteria)
    fields = "".join(f'<tr><th scope="row">{e(w(k, lang))}</th><td></td></tr>'
                     for k in ("agent_f", "reviewer", "date", "call"))
    out = [_intro(handout, lang), f'<table class="cb-ws-fields"><tbody>{fields}</tbody></table>',
           '<table class="cb-ws-score"><thead><tr>'
           f'<th scope="col">{e(w("behaviour", lang))}</th>'
           + "".join(f'<th scope="col">{s}</th>' for s in scores)
           + f'<th scope="col">{e(w("evidence", lang))}</th></tr></thead><tbody>']
    for c in handout.criteria:
        out.append(f'<tr><th scope="row">{e(c.behaviour[lang])}<br>'
                   f"<small>{phrase(c.listen_for[lang])}</small></th>"
                   + f"<td>{box()}</td>" * len(scores) + "<td></td></tr>")
    out.append(f'<tr class="cb-ws-sum"><th scope="row">{e(w("total", lang, n=top))}</th>'
               f'<td colspan="{len(scores) + 1}"></td></tr></tbody></table>')
    out.append(f'<p class="cb-ws-label">{e(w("strength", lang))}:</p>{lines_box(2)}')
    out.append(f'<p class="cb-ws-label">{e(w("focus", lang))}:</p>{lines_box(2)}')
    if handout.scale:
        out.append(f'<p class="cb-ws-label">{e(w("scale", lang))}:</p><ul class="cb-ws-scale">'
                   + "".join(f"<li><strong>{s.score} · {e(s.label[lang])}</strong>: "
                             f"{phrase(s.meaning[lang])}</li>" for s in handout.scale) + "</ul>")
    out.append(_tips(handout, lang))
    return compact(out)


def cards_body(course: Course, handout: Handout, lang: str, links: Links) -> str:
    from course_builder.render.scenario import render_cards
    out = [_intro(handout, lang)]
    for scenario_id in cards_scenarios(course, handout):
        scenario = course.scenarios[scenario_id]
        anchor = f"{handout_anchor(handout.id)}-{scenario_id}"
        out.append(f'<h3 class="cb-ws-cards-h" id="{a(anchor)}">'
                   f"{e(w('scenario_cards', lang, t=scenario.title[lang]))}</h3>")
        out.append(render_cards(scenario, lang))
    return compact(out)


def cards_scenarios(course: Course, handout: Handout) -> list[str]:
    """The scenarios whose cards are printed: those listed, else every one a block uses."""
    workshop = course.workshop
    if handout.scenarios:
        ids = list(handout.scenarios)
    else:
        ids = []
        for block in (workshop.blocks.values() if workshop else []):
            if block.scenario and block.kind == "role-play" and block.scenario not in ids:
                ids.append(block.scenario)
    return [i for i in ids if i in course.scenarios]


def kpi_body(course: Course, handout: Handout, lang: str, links: Links) -> str:
    out = [_intro(handout, lang)]
    for prompt in handout.prompts:
        out.append(f'<p class="cb-ws-label">{phrase(prompt[lang])}</p>{lines_box(1)}')
    months = [w("month_n", lang, n=n) for n in range(1, handout.months + 1)]
    head = [w("measure", lang), *months, w("average", lang), w("range", lang), w("counts", lang)]
    out.append('<table class="cb-ws-kpi"><thead><tr>'
               + "".join(f'<th scope="col">{e(h)}</th>' for h in head) + "</tr></thead><tbody>")
    for m in handout.measures:
        out.append(f'<tr><th scope="row">{e(m.name[lang])}<br><small>{phrase(m.formula[lang])}'
                   "</small></th>" + "<td></td>" * (len(head) - 1) + "</tr>")
    out.append("</tbody></table>")
    out.append(f'<p class="cb-ws-label">{e(w("watch", lang))}:</p><ul>' + "".join(
        f"<li><strong>{e(m.name[lang])}</strong>: {phrase(m.note[lang])}</li>"
        for m in handout.measures) + "</ul>")
    out.append(_tips(handout, lang))
    return compact(out)


def plan_body(course: Course, handout: Handout, lang: str, links: Links) -> str:
    workshop = course.workshop
    assert workshop is not None
    out = [_intro(handout, lang), follow_up_body(workshop, lang),
           f"<h3>{e(w('calendar', lang))}</h3>",
           '<table class="cb-ws-calendar"><thead><tr>'
           + "".join(f'<th scope="col">{e(w(k, lang))}</th>'
                     for k in ("month", "coaching_date", "refresher", "focus_col", "done"))
           + "</tr></thead><tbody>"]
    quarterly = any(f.every == "quarter" for f in workshop.follow_up)
    for month in range(1, 13):
        refresher = box() if quarterly and month % 3 == 0 else ""
        out.append(f"<tr><td>{month}</td><td></td><td>{refresher}</td><td></td>"
                   f"<td>{box()}</td></tr>")
    out.append("</tbody></table>")
    for prompt in handout.prompts:
        out.append(f'<p class="cb-ws-label">{phrase(prompt[lang])}</p>{lines_box(1)}')
    out.append(_tips(handout, lang))
    return compact(out)


HANDOUT_RENDERERS = {
    "trigger-word-swap": swap_body,
    "scorecard": lambda course, handout, lang, links: scorecard_body(handout, lang),
    "role-play-cards": cards_body,
    "kpi-baseline": kpi_body,
    "reinforcement-plan": plan_body,
}
