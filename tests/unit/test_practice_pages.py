"""The generated practice pages: both languages at the same paths, their bundles, the raw-HTML
contract of the three widgets, safe embedded data, and the size budget."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from course_builder.assemble import CSS_FILES, JS_FILES, bundle_css, bundle_js
from course_builder.load.quizzes import load_quiz
from course_builder.model.course import Course
from course_builder.model.text import Text
from course_builder.pipeline import page_bundles
from course_builder.practice.pages import BUNDLES, PAGE_ASSETS, SECTION, pages
from course_builder.practice.prompts import load_prompts
from course_builder.practice.render import (
    KPI_JS,
    REFRESHER_JS,
    SWAP_JS,
    refresher_data,
    render_kpi,
    render_refresher,
    render_swap,
)
from course_builder.practice.triggers import load_triggers
from course_builder.project import load_course

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "course_builder" / "assets"
FIXTURES = ROOT / "tests" / "fixtures" / "practice"
BUDGET_GZIP = 4500      # bytes: one practice page's own JS + CSS, minified and gzipped
SITE_BUDGET = 12000     # bytes: everything of ours a page loads (core bundle + page bundle)
VOID = {"input", "br", "img", "hr", "meta", "link", "wbr"}
MINE = ("practice-match.js", "practice-swap.js", "practice-chart.js", "practice-refresher.js",
        "practice-kpi.js", "practice-base.css", "practice-swap.css", "practice-chart.css",
        "practice-refresher.css", "practice-kpi.css")


def practice_course() -> Course:
    triggers, _ = load_triggers(FIXTURES / "trigger_words.yml")
    prompts, _ = load_prompts(FIXTURES / "swap_prompts.yml", triggers)
    quizzes = {}
    for name in ("practice-a.yml", "practice-b.yml"):
        quiz, _ = load_quiz(FIXTURES / name)
        assert quiz is not None
        quizzes[quiz.id] = quiz
    return Course(root=FIXTURES, title=Text("", ""), description=Text("", ""), outline=[],
                  modules=[], pages={"en": {}, "es": {}}, quizzes=quizzes,
                  triggers=triggers, swap_prompts=prompts)


class _Tree(HTMLParser):
    """Checks nesting, counts top-level elements, collects ids."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.roots: list[dict[str, str | None]] = []
        self.ids: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [v for k, v in attrs if k == "id" and v]
        if tag in VOID:
            return
        if not self.stack:
            self.roots.append(dict(attrs))
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
            return
        self.stack.pop()


def widgets() -> list[tuple[str, str, str]]:
    course = practice_course()
    out = []
    for lang in ("en", "es"):
        out.append(("swap", lang, render_swap(course.swap_prompts, course.triggers, lang)))  # type: ignore[arg-type]
        out.append(("refresher", lang, render_refresher(course, lang)))
        out.append(("kpi", lang, render_kpi(lang)))
    return out


@pytest.mark.parametrize(("name", "lang", "html"), widgets(),
                         ids=[f"{n}-{lang}" for n, lang, _ in widgets()])
def test_raw_html_contract(name: str, lang: str, html: str) -> None:
    assert not html.startswith((" ", "\n"))
    lines = html.split("\n")
    assert all(line.strip() for line in lines), "no blank lines inside the block"
    assert not any(line.startswith("    ") for line in lines), "no indented lines"
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.errors == [] and tree.stack == []
    assert len(tree.roots) == 1
    classes = (tree.roots[0].get("class") or "").split()
    assert "cb-widget" in classes
    assert len(tree.ids) == len(set(tree.ids)), "ids are unique"
    assert all(i.startswith(tree.roots[0]["id"] or "?") for i in tree.ids)
    # the only script is the widget's JSON data, which cannot close its element early
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert [attrs.strip().split()[0] for attrs, _ in scripts] == ['type="application/json"']
    json.loads(scripts[0][1])
    assert "</" not in scripts[0][1]


@pytest.mark.parametrize(("table", "lang"), [(t, lang) for t in (SWAP_JS, REFRESHER_JS, KPI_JS)
                                            for lang in ("en", "es")])
def test_every_interface_word_exists_in_both_languages(table: dict[str, Text],
                                                       lang: str) -> None:
    for key, text in table.items():
        assert text[lang].strip(), key
        assert set(re.findall(r"\{\w+\}", text.en)) == set(re.findall(r"\{\w+\}", text.es)), key


def test_refresher_bank_is_rendered_safely() -> None:
    course = practice_course()
    quiz = course.quizzes["practice-a"]
    evil = replace(quiz.questions[0], prompt=Text("Say <script>alert(1)</script> **now**",
                                                  "Di <img src=x onerror=alert(1)>"))
    course.quizzes["practice-a"] = replace(quiz, questions=(evil, *quiz.questions[1:]))
    data = refresher_data(course, "en")
    first = data["bank"][0]
    assert first["p"] == "Say &lt;script&gt;alert(1)&lt;/script&gt; <strong>now</strong>"
    assert "<img" not in refresher_data(course, "es")["bank"][0]["p"]
    html = render_refresher(course, "en")
    assert "<script>alert" not in html and "\\u003cstrong\\u003e" in html


def test_refresher_bank_holds_every_question_with_its_answer() -> None:
    data = refresher_data(practice_course(), "es")
    assert data["mods"] == {"practice-a": "Verificación: palabras",
                            "practice-b": "Verificación: escucha"}
    by_key = {q["k"]: q for q in data["bank"]}
    assert set(by_key) == {"practice-a/best", "practice-a/single", "practice-a/multiple",
                           "practice-b/tf", "practice-b/order", "practice-b/match"}
    assert by_key["practice-a/best"]["a"] == ["a"] and "c" in by_key["practice-a/best"]
    assert by_key["practice-a/multiple"]["a"] == ["a", "b"]
    assert by_key["practice-b/tf"]["a"] == "false" and by_key["practice-b/tf"]["r"] == "Falso"
    assert [i[0] for i in by_key["practice-b/order"]["i"]] == ["hear", "name", "next"]
    assert by_key["practice-b/match"]["l"][2] == ["calm", "Cálmese",
                                                  "Me doy cuenta de lo estresante que es"]


# -- pages ------------------------------------------------------------------------------------
def front_matter(markdown: str) -> dict:
    _, fm, _ = markdown.split("---\n", 2)
    return yaml.safe_load(fm)


def test_pages_for_the_repository_course() -> None:
    course, _ = load_course(ROOT)
    made = pages(course)
    rels = {(p.lang, p.rel) for p in made}
    expected = {"practice/trigger-word-swap.md", "practice/refresher.md",
                "practice/kpi-worksheet.md"}
    assert rels == {(lang, rel) for lang in ("en", "es") for rel in expected}
    for page in made:
        meta = front_matter(page.markdown)
        assert meta["title"]
        script, style = PAGE_ASSETS[page.rel]
        assert meta["cb_scripts"] == [script] and meta["cb_styles"] == [style]
        assert page.section == SECTION and page.order in (1, 2, 3)
        for target in re.findall(r"\]\(\.\./([^)#]+)", page.markdown):
            assert course.page(page.lang, target) is not None, target
    titles = {(p.lang, p.rel): front_matter(p.markdown)["title"] for p in made}
    assert titles[("es", "practice/trigger-word-swap.md")] == "Cambio de palabras detonantes"
    swap = next(p for p in made if p.lang == "es" and p.rel.endswith("swap.md"))
    assert swap.markdown.count('class="cb-sw-item"') >= 10


def test_pages_leave_out_tools_without_data(tmp_path: Path) -> None:
    course = practice_course()
    assert {p.rel for p in pages(course)} == {"practice/trigger-word-swap.md",
                                              "practice/refresher.md",
                                              "practice/kpi-worksheet.md"}
    course.swap_prompts, course.quizzes = (), {}
    assert {p.rel for p in pages(course)} == {"practice/kpi-worksheet.md"}


def test_mini_course_without_data_builds_only_the_worksheet(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "mini")
    course, _ = load_course(tmp_path / "mini")
    assert course.triggers is not None and not course.triggers
    assert "practice/trigger-word-swap.md" not in {p.rel for p in pages(course)}


# -- bundles and budget -----------------------------------------------------------------------
def test_bundles_are_registered_with_the_assembler() -> None:
    for name, files in BUNDLES.items():
        assert page_bundles().get(name) == files
        for file in files:
            assert (ASSETS / file).is_file(), file
    assert set(BUNDLES) == {n for pair in PAGE_ASSETS.values() for n in pair}


def test_module_pages_do_not_pay_for_the_practice_tools() -> None:
    assert not set(MINE) & set(JS_FILES + CSS_FILES)


@pytest.mark.parametrize("rel", sorted(PAGE_ASSETS))
def test_size_budget(rel: str) -> None:
    script, style = PAGE_ASSETS[rel]
    own = bundle_js(BUNDLES[script]) + "\n" + bundle_css(BUNDLES[style])
    size = len(gzip.compress(own.encode("utf-8"), 9))
    assert size <= BUDGET_GZIP, f"{rel}: {size} bytes gzipped, budget {BUDGET_GZIP}"
    core = len(gzip.compress((bundle_js() + "\n" + bundle_css()).encode("utf-8"), 9))
    assert core + size <= SITE_BUDGET, f"{rel}: core {core} + page {size} > {SITE_BUDGET}"


def test_assets_fetch_nothing_from_other_hosts() -> None:
    for name in MINE:
        text = (ASSETS / name).read_text("utf-8")
        assert not re.search(r"https?://|@import|url\(", text), name
        assert "localStorage" not in text, f"{name}: use CB.store"
