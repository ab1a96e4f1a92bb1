"""The "My progress" and certificate pages, generated in both languages at the same paths.

They are ordinary Markdown pages (so MkDocs rewrites and checks their module links, and
search, navigation and the language switcher treat them like the rest) with small raw-HTML
hooks that ``assets/journey.js`` fills from the progress saved in the browser.
"""

from __future__ import annotations

import html
import json
import re

from course_builder import LANGS
from course_builder.assemble import GeneratedPage
from course_builder.journey.coursemap import embedded, map_js, required
from course_builder.journey.words import JS_CERT, JS_PROGRESS, PAGE, SECTION
from course_builder.model.course import Course, ModuleRef
from course_builder.model.text import Text

PROGRESS_REL = "progress.md"
CERTIFICATE_REL = "certificate.md"
# Where ``build --offline`` puts the offline zip inside the site (see journey/offline.py).
OFFLINE_ZIP = "downloads/course-offline.zip"
BUNDLE_JS = "assets/journey.js"
BUNDLE_CSS = "assets/journey.css"


# The progress and certificate pages' own bundle (see pipeline.GENERATORS).
BUNDLES: dict[str, tuple[str, ...]] = {
    "assets/journey.js": ("journey.js",),
    "assets/journey.css": ("journey.css",),
}


def rels(course: Course) -> set[str]:
    """The pages ``pages`` makes, without making them (for the link check)."""
    return {PROGRESS_REL, CERTIFICATE_REL}


def core_js(course: Course) -> str:
    """The course map, ahead of the core bundle: the navigation marks read it on every page."""
    return map_js(course)


def pages(course: Course) -> list[GeneratedPage]:
    """Both pages in both languages, under the nav section "Your progress"."""
    out: list[GeneratedPage] = []
    for lang in LANGS:
        out.append(GeneratedPage(lang, PROGRESS_REL, progress_markdown(course, lang),
                                 SECTION, 0))
        out.append(GeneratedPage(lang, CERTIFICATE_REL, certificate_markdown(course, lang),
                                 SECTION, 1))
    return out


def _front(title: str) -> str:
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"cb_scripts: [{BUNDLE_JS}]\ncb_styles: [{BUNDLE_CSS}]\n---\n")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _i18n(words: dict[str, Text], lang: str) -> str:
    return _e(json.dumps({k: v[lang] for k, v in words.items()}, ensure_ascii=False,
                         separators=(",", ":")))


def _md(text: str) -> str:
    """A title safe inside Markdown link text and table cells."""
    return re.sub(r"([\\\[\]|*_`])", r"\\\1", text).replace("<", "&lt;")


def module_title(course: Course, ref: ModuleRef, lang: str) -> str:
    """The module's title in ``lang``, falling back to English, then to its id."""
    for each in (lang, "en"):
        page = course.page(each, ref.rel)
        if page is not None and page.title:
            return page.title
    return ref.id


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def progress_markdown(course: Course, lang: str) -> str:
    """The progress page: a table per section, then export/import, reset and offline."""
    p = {k: v[lang] for k, v in PAGE.items()}
    depth = "../" if lang == "en" else "../../"  # from <lang>/progress/ to the site root
    parts = [_front(p["progress_title"]),
             f'<div class="cb-widget cb-journey" data-cb-progress '
             f'data-i18n="{_i18n(JS_PROGRESS, lang)}">'
             f'<p class="cb-jr-nojs">{_e(p["nojs"])}</p>'
             '<p class="cb-jr-sum" role="status"></p><div data-cb-continue></div></div>', "",
             p["intro"], ""]
    sections: dict[str, list[ModuleRef]] = {}
    titles: dict[str, Text] = {}
    for ref in course.modules:
        sections.setdefault(ref.section.en, []).append(ref)
        titles[ref.section.en] = ref.section
    core = {ref.id for ref in required(course)}
    for key, refs in sections.items():
        parts += [f"## {_md(titles[key][lang])} {{#{_slug(key)}}}", ""]
        if any(r.id in core for r in refs):
            parts += [p["core_note"].format(href=CERTIFICATE_REL), ""]
        parts += ['<div class="cb-jr-table" markdown>', "",
                  f"| {p['col_module']} | {p['col_check']} | {p['col_scenarios']} "
                  f"| {p['col_status']} |", "| --- | --- | --- | --- |"]
        for ref in refs:
            quizzes = embedded(course, ref.id, "quiz")
            scenarios = embedded(course, ref.id, "scenario")
            checks = " ".join(f'<span class="cb-jr-q" data-q="{_e(q)}">—</span>'
                              for q in quizzes) or _e(p["no_check"])
            scen = (f'<span class="cb-jr-s" data-m="{_e(ref.id)}">—</span>' if scenarios
                    else _e(p["no_scenario"]))
            parts.append(f"| [{_md(module_title(course, ref, lang))}]({ref.rel}) | {checks} "
                         f'| {scen} | <span class="cb-jr-st" data-m="{_e(ref.id)}">—</span> |')
        parts += ["", "</div>", ""]
    parts += [f"## {p['transfer_h']} {{#transfer}}", "", p["transfer"], "",
              '<div class="cb-widget cb-jr-data" data-cb-data hidden>'
              f'<p><button type="button" data-act="export">{_e(p["export"])}</button></p>'
              f'<p><label for="cb-jr-import">{_e(p["import"])}</label> '
              '<input type="file" id="cb-jr-import" accept=".json,application/json"></p>'
              '<p class="cb-jr-msg" role="status" aria-live="polite"></p></div>', "",
              f"## {p['reset_h']} {{#reset}}", "", p["reset"], "",
              '<div class="cb-widget cb-jr-reset" data-cb-reset hidden>'
              f'<p><button type="button" data-act="ask">{_e(p["reset_btn"])}</button></p>'
              '<div class="cb-jr-confirm" hidden>'
              f'<p id="cb-jr-confirm-q" tabindex="-1"><strong>{_e(p["confirm"])}</strong></p>'
              f'<p><button type="button" data-act="yes">{_e(p["yes"])}</button> '
              f'<button type="button" data-act="no">{_e(p["no"])}</button></p></div>'
              '<p class="cb-jr-msg" role="status" aria-live="polite"></p></div>', "",
              f'<div class="cb-widget cb-jr-offline" data-cb-offline="{depth}{OFFLINE_ZIP}" '
              f'hidden><h2 id="offline">{_e(p["offline_h"])}</h2><p>{_e(p["offline"])}</p>'
              f'<p><a download>{_e(p["offline_link"])}</a> '
              '<span class="cb-jr-size"></span></p></div>', ""]
    return "\n".join(parts)


def certificate_markdown(course: Course, lang: str) -> str:
    """The certificate page: what is still missing, or a name field, a preview and Print."""
    p = {k: v[lang] for k, v in PAGE.items()}
    core = required(course)
    locked = "".join(f'<li data-m="{_e(r.id)}">{_e(module_title(course, r, lang))}</li>'
                     for r in core)
    rows = "".join(
        f'<tr data-m="{_e(r.id)}"{" data-core" if r in core else ""}>'
        f'<td>{_e(module_title(course, r, lang))}</td>'
        f'<td class="cb-cert-score"></td></tr>' for r in course.modules)
    date = '<span class="cb-cert-date"></span>'
    widget = (
        f'<div class="cb-widget cb-cert" data-cb-cert data-i18n="{_i18n(JS_CERT, lang)}">'
        f'<p class="cb-jr-nojs">{_e(p["nojs"])}</p>'
        f'<div class="cb-cert-locked cb-no-print" hidden><p>{_e(p["locked"])}</p>'
        f'<ul>{locked}</ul></div>'
        f'<div class="cb-cert-form cb-no-print" hidden><p>{_e(p["ready"])}</p>'
        f'<p><label for="cb-cert-name">{_e(p["name"])}</label><br>'
        '<input type="text" id="cb-cert-name" autocomplete="name" maxlength="80"></p>'
        f'<p><button type="button" data-act="print">{_e(p["print"])}</button></p>'
        '<p class="cb-cert-msg" role="status" aria-live="polite"></p></div>'
        '<div class="cb-cert-doc" hidden>'
        f'<p class="cb-cert-kicker">{_e(p["certificate_title"])}</p>'
        f'<p>{_e(p["certifies"])}</p>'
        f'<p class="cb-cert-name" data-blank="{_e(p["name_blank"])}"></p>'
        f'<p>{_e(p["completed"])}</p>'
        f'<p class="cb-cert-course">{_e(course.title[lang])}</p>'
        f'<p>{_e(p["on"]).replace("{date}", date)}</p>'
        f'<table><thead><tr><th scope="col">{_e(p["col_module"])}</th>'
        f'<th scope="col">{_e(p["col_score"])}</th></tr></thead><tbody>{rows}</tbody></table>'
        f'<p class="cb-cert-self">{_e(p["self"])}</p></div></div>')
    parts = [_front(p["certificate_title"]), p["cert_intro"], "",
             p["cert_see"].format(href=PROGRESS_REL), "", widget, ""]
    return "\n".join(parts)
