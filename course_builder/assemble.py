"""Write the staging docs tree that MkDocs builds: English at its root, Spanish in ``es/``,
our widgets' JavaScript and CSS bundled in ``assets/``.

Directives are expanded here (widgets rendered to HTML in the page's language, practice
blocks turned into admonitions, facilitator notes removed), so MkDocs only ever sees plain
Markdown and HTML. Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from course_builder import LANGS
from course_builder.model.course import Course, Directive, Page
from course_builder.model.text import Text
from course_builder.render.labels import label

# Our browser code, in load order. storage.js first: the widgets use CB.store and CB.each.
JS_FILES = ("storage.js", "quiz.js", "scenario.js", "progress.js")
CSS_FILES = ("base.css", "quiz.css", "scenario.css", "progress.css")
ASSET_DIR = "assets"
BUNDLE_JS = "assets/course.js"
BUNDLE_CSS = "assets/course.css"


@dataclass(frozen=True)
class GeneratedPage:
    """A page made by a generator (agenda, guide, progress...), placed like any other page.

    ``markdown`` includes its front matter (at least ``title``). Pages with a ``section``
    are added to the navigation under that section (English ``rel`` only; the Spanish page
    sits at the same ``rel``). ``order`` sorts pages within their section; pages with the
    same ``group`` are nested under it there (a collapsed entry in the navigation).
    """

    lang: str
    rel: str
    markdown: str
    section: Text | None = None
    order: int = 0
    group: Text | None = None


def staging_rel(lang: str, rel: str) -> str:
    return rel if lang == "en" else f"{lang}/{rel}"


def url_of(rel: str) -> str:
    """The URL path of a page with MkDocs' directory URLs (``use_directory_urls: true``).

    >>> url_of("modules/composure.md"), url_of("workshop/index.md"), url_of("index.md")
    ('modules/composure/', 'workshop/', '')
    """
    if rel == "index.md" or rel.endswith("/index.md"):
        return rel[: -len("index.md")]
    return rel[:-3] + "/"


def assemble(course: Course, out: Path, generated: list[GeneratedPage] | None = None,
             bundles: dict[str, tuple[str, ...]] | None = None,
             core_prelude: str = "") -> list[str]:
    """Bring the staging tree in ``out`` up to date; return the relative paths it holds.

    ``bundles`` are page-specific bundles (name -> asset files), loaded only by the pages
    that name them in front matter (``cb_scripts`` / ``cb_styles``, emitted by
    overrides/main.html), so module pages stay light. ``core_prelude`` is generated JS put
    ahead of the core bundle (the course map the progress marks read).

    Only files whose content changed are written and stale files are removed, so a preview
    server watching the tree sees no change when nothing changed (no rebuild loop).
    """
    wanted: dict[str, bytes] = {}
    for lang in LANGS:
        for page in course.pages[lang].values():
            wanted[staging_rel(lang, page.rel)] = render_page(course, page).encode("utf-8")
    for gen in generated or []:
        wanted[staging_rel(gen.lang, gen.rel)] = gen.markdown.encode("utf-8")
    for folder, prefix in (("docs", ""), ("docs_es", "es/")):
        source_assets = course.root / folder / ASSET_DIR
        if source_assets.is_dir():
            for file in source_assets.rglob("*"):
                if file.is_file():
                    rel = f"{prefix}{ASSET_DIR}/{file.relative_to(source_assets).as_posix()}"
                    wanted[rel] = file.read_bytes()
    wanted[BUNDLE_JS] = (core_prelude + bundle_js()).encode("utf-8")
    wanted[BUNDLE_CSS] = bundle_css().encode("utf-8")
    for bundle, names in (bundles or {}).items():
        wanted[bundle] = (bundle_css(names) if bundle.endswith(".css")
                          else bundle_js(names)).encode("utf-8")
    sync_tree(out, wanted)
    return sorted(wanted)


def sync_tree(out: Path, wanted: dict[str, bytes]) -> None:
    """Make ``out`` hold exactly ``wanted`` (relative path -> bytes), touching only changes."""
    out.mkdir(parents=True, exist_ok=True)
    for rel, data in wanted.items():
        path = out / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for path in sorted(out.rglob("*"), reverse=True):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: 10 times faster


def front_matter(meta: dict[str, object]) -> str:
    """A page's front matter block: ``---``, ``meta`` as YAML, ``---``, each on its line."""
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False) + "---\n"


def render_page(course: Course, page: Page) -> str:
    """The page as MkDocs should see it: front matter, objectives box, expanded directives."""
    meta = {"title": page.title} if page.title else {}
    if page.id:
        meta["cb_id"] = page.id
    parts = [front_matter(meta)]
    if page.objectives:
        parts.append(_objectives_box(page))
    parts.append(expand_directives(course, page))
    return "\n".join(parts).rstrip() + "\n"


def _objectives_box(page: Page) -> str:
    lines = [f'!!! abstract "{label("objectives", page.lang)}"', ""]
    lines += [f"    - {o.text}" for o in page.objectives]
    if page.minutes:
        lines += ["", f"    *{label('minutes', page.lang, n=page.minutes)}*"]
    return "\n".join(lines) + "\n"


def expand_directives(course: Course, page: Page) -> str:
    lines = page.body.split("\n")
    out: list[str] = []
    by_start = {d.line - page.body_line: d for d in page.directives}
    index = 0
    while index < len(lines):
        directive = by_start.get(index)
        if directive is None:
            out.append(lines[index])
            index += 1
            continue
        out.append(EXPANDERS.get(directive.name, _keep)(course, page, directive))
        end = (directive.end_line - page.body_line) if directive.end_line else len(lines) - 1
        index = end + 1
    return "\n".join(out)


def _keep(course: Course, page: Page, d: Directive) -> str:
    return "\n".join(d.body)


def _drop(course: Course, page: Page, d: Directive) -> str:
    return ""


def _practice(course: Course, page: Page, d: Directive) -> str:
    title = f"{label('practice', page.lang)}: {d.arg}".replace('"', "'")
    body = "\n".join(("    " + line) if line.strip() else "" for line in d.body)
    return f'!!! example "{title}"\n\n{body}\n'


Expander = Callable[[Course, Page, Directive], str]


def _widget(render: Callable[[object, str], str], table: str) -> Expander:
    def expand(course: Course, page: Page, d: Directive) -> str:
        item = getattr(course, table).get(d.arg)
        if item is None:  # reported by the checks; keep the build going in preview
            return ""
        return "\n" + render(item, page.lang) + "\n"
    return expand


def _render_quiz(quiz: object, lang: str) -> str:
    from course_builder.render.quiz import render_quiz
    return render_quiz(quiz, lang)  # type: ignore[arg-type]


def _render_scenario(scenario: object, lang: str) -> str:
    from course_builder.render.scenario import render_scenario
    return render_scenario(scenario, lang)  # type: ignore[arg-type]


EXPANDERS: dict[str, Expander] = {
    "quiz": _widget(_render_quiz, "quizzes"),
    "scenario": _widget(_render_scenario, "scenarios"),
    "practice": _practice,
    "facilitator": _drop,
}


def _asset_text(name: str) -> str | None:
    ref = resources.files("course_builder") / "assets" / name
    return ref.read_text(encoding="utf-8") if ref.is_file() else None


def bundle_js(names: tuple[str, ...] = JS_FILES) -> str:
    """Minified concatenation of our scripts (missing files are skipped)."""
    import rjsmin
    return "\n".join(rjsmin.jsmin(t) for n in names if (t := _asset_text(n)) is not None)


def bundle_css(names: tuple[str, ...] = CSS_FILES) -> str:
    import rcssmin
    return "\n".join(rcssmin.cssmin(t) for n in names if (t := _asset_text(n)) is not None)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
