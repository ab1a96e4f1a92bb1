"""The pieces of a dirty preview rebuild: the search-index merge, the fingerprint that says
when every page must be rendered again, and the compiled-template cache."""

from __future__ import annotations

from pathlib import Path

import jinja2

from course_builder.pipeline import load_and_check, prepare_site, site_fingerprint
from course_builder.plugin import _CompiledTemplates
from course_builder.search import merge_rebuilt, page_of, unique


def doc(location: str, text: str = "") -> dict:
    return {"location": location, "title": location, "text": text}


def test_page_of() -> None:
    assert page_of("modules/x/#part") == "modules/x/"
    assert page_of("es/") == "es/"
    assert page_of("") == ""
    assert page_of("#top") == ""


def test_merge_replaces_only_the_rebuilt_pages_in_place() -> None:
    previous = [doc(""), doc("#a"), doc("m/", "old"), doc("m/#x", "old"), doc("m/#y"),
                doc("es/m/", "viejo"), doc("g/")]
    rebuilt = [doc("m/", "new"), doc("m/#x", "new"), doc("es/m/", "nuevo")]
    merged = merge_rebuilt(previous, rebuilt, {"m/", "es/m/"})
    assert [d["location"] for d in merged] == ["", "#a", "m/", "m/#x", "es/m/", "g/"]
    assert [d["text"] for d in merged if d["location"].startswith(("m/", "es/m/"))] == \
        ["new", "new", "nuevo"]  # the removed section m/#y is gone


def test_merge_drops_a_rebuilt_page_without_entries_and_adds_new_pages() -> None:
    previous = [doc(""), doc("guide/"), doc("guide/#s")]
    merged = merge_rebuilt(previous, [doc("new/")], {"guide/", "new/"})
    assert [d["location"] for d in merged] == ["", "new/"]


def test_merge_keeps_each_location_once() -> None:
    rebuilt = [doc("m/", "1"), doc("m/", "2"), doc("m/#x")]
    assert [d["text"] for d in unique(rebuilt)] == ["1", ""]
    merged = merge_rebuilt([doc("m/")], rebuilt, {"m/"})
    assert [d["location"] for d in merged] == ["m/", "m/#x"]


def _staged(course_dir: Path) -> object:
    course, issues = load_and_check(course_dir)
    assert not [i for i in issues if i.is_error]
    staging = course_dir / ".build" / "docs"
    prepare_site(course, staging)  # type: ignore[arg-type]  (sets course.generated)
    return course


def test_fingerprint_changes_with_a_title_not_with_a_body(mini_course: Path) -> None:
    course = _staged(mini_course)
    first = site_fingerprint(course)  # type: ignore[arg-type]
    assert site_fingerprint(course) == first  # type: ignore[arg-type]

    page = mini_course / "docs_es" / "modules" / "listening.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Escuchar va primero.", "Escuchar siempre va primero."), encoding="utf-8")
    course = _staged(mini_course)
    assert site_fingerprint(course) == first  # type: ignore[arg-type]

    page = mini_course / "docs" / "modules" / "listening.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "title: Listening", "title: Listening first"), encoding="utf-8")
    course = _staged(mini_course)
    assert site_fingerprint(course) != first  # type: ignore[arg-type]


def test_fingerprint_changes_with_the_theme_overrides(mini_course: Path) -> None:
    course = _staged(mini_course)
    first = site_fingerprint(course)  # type: ignore[arg-type]
    (mini_course / "overrides").mkdir(exist_ok=True)
    (mini_course / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n")
    assert site_fingerprint(course) != first  # type: ignore[arg-type]


def test_compiled_templates_are_reused_and_recompiled_when_changed() -> None:
    sources = {"page.html": "Hello {{ name }}"}
    compiled: list[str] = []

    class Counting(jinja2.Environment):
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def, override]
            compiled.append(str(name))
            return super().compile(source, name, filename, raw, defer_init)

    cache = _CompiledTemplates()

    def render() -> str:
        env = Counting(loader=jinja2.DictLoader(sources), bytecode_cache=cache)
        return env.get_template("page.html").render(name="Ana")

    assert render() == "Hello Ana"
    assert render() == "Hello Ana"  # a new environment (next language, next rebuild)
    assert compiled == ["page.html"]
    sources["page.html"] = "Hola {{ name }}"
    assert render() == "Hola Ana"
    assert compiled == ["page.html", "page.html"]


def test_compiled_templates_depend_on_the_syntax_settings() -> None:
    sources = {"t.html": "{{ 1 + 1 }} <% 2 %>"}
    cache = _CompiledTemplates()
    plain = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=cache)
    other = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=cache,
                               variable_start_string="<%", variable_end_string="%>")
    assert plain.get_template("t.html").render() == "2 <% 2 %>"
    assert other.get_template("t.html").render() == "{{ 1 + 1 }} 2"


def test_html_path_follows_directory_urls() -> None:
    from course_builder.plugin import html_path
    assert html_path("modules/x.md") == "modules/x/index.html"
    assert html_path("index.md") == "index.html"
    assert html_path("es/index.md") == "es/index.html"
    assert html_path("es/workshop/index.md") == "es/workshop/index.html"
    assert html_path("es/glossary.md") == "es/glossary/index.html"


def test_assemble_doctests() -> None:
    import doctest

    from course_builder import assemble
    assert doctest.testmod(assemble).failed == 0
