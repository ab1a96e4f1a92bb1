"""Printable PDFs of the workshop, per language: the full facilitator guide, the handouts pack
and the agendas.

Why WeasyPrint and not the browser: it needs no browser at build time and no network, and
its CSS Paged Media support gives a table of contents with page numbers
(``target-counter``), running headers and "Page N of M" footers, which is what a printed
guide needs; it runs no JavaScript, so the documents come from our own print template
(``templates/workshop/``), fed by the same renderer as the site pages.

The documents render in up to two worker processes (a guide is the longest job), which keeps
a full build of both languages well under the 15-second budget on a 2-core machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from course_builder import LANGS
from course_builder.model.course import Course
from course_builder.workshop import render as r
from course_builder.workshop.model import Format
from course_builder.workshop.render import Links, Section, a, e
from course_builder.workshop.words import w

PAPER_SIZES = {"letter": "letter", "a4": "A4"}
PDF_DIR = "pdf"
KINDS = ("facilitator-guide", "handouts", "agendas")


@dataclass
class Document:
    """One PDF before rendering: cover, table of contents and chapters (HTML bodies)."""

    name: str                      # file name, e.g. facilitator-guide-es.pdf
    kind: str
    lang: str
    title: str
    cover_title: str
    cover_subtitle: str = ""
    cover_lines: list[str] = field(default_factory=list)
    toc: list[dict[str, object]] = field(default_factory=list)
    chapters: list[dict[str, object]] = field(default_factory=list)

    def add(self, chapter_id: str, title: str, body: str, sub: Iterable[tuple[str, str]] = ()
            ) -> None:
        self.chapters.append({"id": chapter_id, "title": title, "body": Markup(body)})
        self.toc.append({"id": chapter_id, "text": title, "level": 1})
        self.toc += [{"id": i, "text": t, "level": 2} for i, t in sub]


def build_pdfs(course: Course, out_dir: Path, paper: str = "letter", *,
               guide_formats: Iterable[str] = (), jobs: int | None = None,
               cache: Path | None = None) -> list[Path]:
    """Write ``out_dir/pdf/<kind>-<lang>.pdf`` for both languages; return the paths.

    ``paper`` is "letter" (the default, for the US and Mexico) or "a4". The facilitator guide
    follows the format marked ``guide: true``; ``guide_formats`` adds a guide per named format
    (``facilitator-guide-8h-en.pdf``...). Nothing is fetched from the network. With a
    ``cache`` folder (e.g. ``.build/pdf``), a document whose HTML has not changed since the
    last build is copied from there instead of rendered again.
    """
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    docs = documents(course, guide_formats)
    if not docs:
        return []
    folder = out_dir / PDF_DIR
    folder.mkdir(parents=True, exist_ok=True)
    css = print_css(paper)
    work: list[tuple[str, str]] = []
    keys: dict[Path, Path] = {}  # target -> cache file, for every document
    for doc in docs:
        html_text, target = to_html(course, doc, css), folder / doc.name
        if cache is not None:
            keys[target] = cache / f"{_digest(html_text)}.pdf"
            if keys[target].is_file():
                shutil.copyfile(keys[target], target)
                continue
        work.append((html_text, str(target)))
    jobs = jobs if jobs is not None else min(2, os.cpu_count() or 1, len(work))
    render_all(work, jobs)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob("*.pdf"):  # only the current set is worth keeping
            if old not in keys.values():
                old.unlink()
        for _, path in work:
            shutil.copyfile(path, keys[Path(path)])
    return [folder / doc.name for doc in docs]


def _digest(html_text: str) -> str:
    """What a rendered PDF depends on: its HTML and the renderer's version."""
    import weasyprint
    return hashlib.sha256(f"{weasyprint.__version__}\0{html_text}".encode()).hexdigest()[:20]


def render_all(work: list[tuple[str, str]], jobs: int = 2) -> None:
    """Render ``(html, pdf path)`` pairs, split over this process and one worker process.

    The worker is a plain ``python -m course_builder.workshop.pdf`` subprocess (no fork, no
    re-import of the caller's main module), fed HTML files from a temporary folder; the two
    halves are balanced by HTML size, which tracks page count.
    """
    if jobs <= 1 or len(work) < 2:
        for html_text, path in work:
            write_pdf(html_text, path)
        return
    mine: list[tuple[str, str]] = []
    theirs: list[tuple[str, str]] = []
    for item in sorted(work, key=lambda item: -len(item[0])):
        smaller = mine if sum(len(h) for h, _ in mine) <= sum(len(h) for h, _ in theirs) \
            else theirs
        smaller.append(item)
    with tempfile.TemporaryDirectory(prefix="cb-pdf-") as tmp:
        args: list[str] = []
        for index, (html_text, path) in enumerate(theirs):
            source = Path(tmp) / f"{index}.html"
            source.write_text(html_text, encoding="utf-8")
            args += [str(source), path]
        # The worker imports this package from where this process found it.
        package_root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)}
        worker = subprocess.Popen([sys.executable, "-m", "course_builder.workshop.pdf", *args],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  env=env)
        try:
            for html_text, path in mine:
                write_pdf(html_text, path)
        finally:
            _, errors = worker.communicate()
        if worker.returncode:
            raise RuntimeError(f"the PDF worker failed:\n{errors.strip()}")


def write_pdf(html_text: str, path: str) -> str:
    """Render one document (runs in a worker process). No URL is ever fetched."""
    import logging

    from weasyprint import HTML
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    HTML(string=html_text, url_fetcher=_no_fetch).write_pdf(path)
    return path


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"the workshop PDFs load nothing from outside the document ({url})")


# -- documents ---------------------------------------------------------------------------------
def documents(course: Course, guide_formats: Iterable[str] = ()) -> list[Document]:
    workshop = course.workshop
    if workshop is None or not workshop.formats:
        return []
    docs: list[Document] = []
    main = workshop.guide_format
    extra = [f for f in workshop.formats if f.id in set(guide_formats) and f is not main]
    for lang in LANGS:
        if main is not None:
            docs.append(guide_document(course, main, lang, r.pdf_name("facilitator-guide", lang)))
        for fmt in extra:
            docs.append(guide_document(course, fmt, lang,
                                       r.pdf_name("facilitator-guide", lang, fmt.id)))
        if workshop.handouts:
            docs.append(handouts_document(course, lang))
        docs.append(agendas_document(course, lang))
    return docs


def guide_document(course: Course, fmt: Format, lang: str, name: str) -> Document:
    workshop = course.workshop
    assert workshop is not None
    doc = Document(name, "facilitator-guide", lang, f"{w('cover_guide', lang)} · "
                   f"{r.format_name(fmt, lang)}", w("cover_guide", lang),
                   r.format_name(fmt, lang),
                   [x for x in (fmt.summary[lang] if fmt.summary else "",
                                w("cover_follows", lang, f=fmt.id)) if x])
    anchors = {r.block_anchor(i.block) for s in fmt.sessions for i in s.items if i.block}
    links = Links(lang, pdf=True, anchors=anchors)
    for session in fmt.sessions:
        prefix = f"s{session.number}-"
        sections = r.guide_sections(course, fmt, session.number, lang, links, prefix)
        body = r.guide_lede(course, fmt, session.number, lang) + "\n" + sections_html(sections)
        blocks = [(c.id, c.title) for s in sections for c in s.children]
        doc.add(f"s{session.number}", r.session_title(fmt, session, lang), body, blocks)
    appendix = [Section("appendix-formats", 2, w("ov_formats", lang),
                        r.formats_table(course, lang, links))]
    if workshop.follow_up:
        appendix.append(Section("appendix-follow-up", 2, w("follow_up", lang),
                                r.follow_up_body(workshop, lang)))
    doc.add("appendix", w("appendix", lang), sections_html(appendix))
    return doc


def handouts_document(course: Course, lang: str) -> Document:
    doc = Document(r.pdf_name("handouts", lang), "handouts", lang, w("handouts", lang),
                   w("handouts", lang), w("workshop", lang))
    links = Links(lang, pdf=True)
    for section in r.handout_sections(course, lang, links):
        sub = []
        if section.id == r.handout_anchor("role-play-cards"):
            handout = next(h for h in course.workshop.handouts  # type: ignore[union-attr]
                           if h.kind == "role-play-cards")
            sub = [(f"{section.id}-{sid}", w("scenario_cards", lang,
                                             t=course.scenarios[sid].title[lang]))
                   for sid in r.cards_scenarios(course, handout)]
        doc.add(section.id, section.title, section.body, sub)
    return doc


def agendas_document(course: Course, lang: str) -> Document:
    workshop = course.workshop
    assert workshop is not None
    doc = Document(r.pdf_name("agendas", lang), "agendas", lang, w("agendas", lang),
                   w("agendas", lang), w("workshop", lang))
    links = Links(lang, pdf=True)
    for fmt in workshop.formats:
        prefix = f"{fmt.id}-"
        sections = r.agenda_sections(course, fmt, lang, links, prefix)
        body = sections[0].body + "\n" + sections_html(sections[1:])
        doc.add(f"f-{fmt.id}", r.format_name(fmt, lang), body,
                [(s.id, s.title) for s in sections[1:]])
    if workshop.follow_up:
        doc.add("follow-up", w("follow_up", lang), r.follow_up_body(workshop, lang))
    return doc


def sections_html(sections: Iterable[Section]) -> str:
    out: list[str] = []
    for section in sections:
        if not section.body and not section.children:
            continue
        cls = f' class="{a(section.cls)}"' if section.cls else ""
        level = section.level
        out.append(f'<h{level} id="{a(section.id)}"{cls}>{e(section.title)}</h{level}>')
        if section.body:
            out.append(section.body)
        if section.children:
            out.append(sections_html(section.children))
    return "\n".join(out)


# -- HTML --------------------------------------------------------------------------------------
def print_css(paper: str) -> str:
    text = (resources.files("course_builder") / "templates" / "workshop" / "print.css"
            ).read_text(encoding="utf-8")
    return text.replace("__SIZE__", PAPER_SIZES[paper])


def to_html(course: Course, doc: Document, css: str) -> str:
    """The document as one self-contained HTML page for WeasyPrint."""
    page, of = w("page_of", doc.lang, p="\0", n="\0").split("\0")[:2]
    css = css.replace("__PAGE__", page.strip()).replace("__OF__", of.strip())
    template = _env().from_string((resources.files("course_builder") / "templates" /
                                   "workshop" / "print.html.j2").read_text(encoding="utf-8"))
    return template.render(
        lang=doc.lang, kind=doc.kind, title=f"{doc.title} · {course.title[doc.lang]}",
        course_title=course.title[doc.lang], css=Markup(css), cover_title=doc.cover_title,
        cover_subtitle=doc.cover_subtitle, cover_lines=doc.cover_lines,
        edition=w("cover_lang", doc.lang), contents=w("contents", doc.lang), toc=doc.toc,
        chapters=doc.chapters)


def _env() -> Environment:
    return Environment(autoescape=True, keep_trailing_newline=True)


def main(argv: list[str]) -> int:
    """Worker entry point: ``python -m course_builder.workshop.pdf IN.html OUT.pdf ...``."""
    for source, target in zip(argv[::2], argv[1::2], strict=True):
        write_pdf(Path(source).read_text(encoding="utf-8"), target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
