"""The quiz HTML keeps the raw-HTML-block contract, escapes content, and fits the size budget."""

from __future__ import annotations

import gzip
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rcssmin
import rjsmin

from course_builder.load.quizzes import load_quiz
from course_builder.model.quiz import Quiz
from course_builder.model.text import Text
from course_builder.render.quiz import render_answer_key, render_quiz

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "course_builder" / "assets"
FIXTURE = ROOT / "tests" / "fixtures" / "quiz" / "sample-check.yml"
BUDGET_GZIP = 4500  # bytes: quiz.js + quiz.css, minified and gzipped together
VOID = {"input", "br", "img", "hr", "meta", "link", "wbr"}


class _Tree(HTMLParser):
    """Checks nesting and counts top-level elements; collects ids."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.roots = 0
        self.ids: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [v for k, v in attrs if k == "id" and v]
        if tag in VOID:
            return
        if not self.stack:
            self.roots += 1
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
            return
        self.stack.pop()


def _quiz() -> Quiz:
    quiz, issues = load_quiz(FIXTURE)
    assert quiz is not None and not issues
    return quiz


def _tree(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("render", [render_quiz, render_answer_key])
def test_raw_html_block_contract(render, lang: str) -> None:  # type: ignore[no-untyped-def]
    html = render(_quiz(), lang)
    assert html.startswith("<div class=\"cb-")
    assert "\n\n" not in html and not re.search(r"^\s", html, re.M)
    tree = _tree(html)
    assert tree.errors == [] and tree.stack == [] and tree.roots == 1
    assert len(tree.ids) == len(set(tree.ids))


def test_widget_root_and_controls() -> None:
    html = render_quiz(_quiz(), "en")
    assert html.startswith('<div class="cb-widget cb-quiz" id="cbq-sample-check" '
                           'data-quiz="sample-check" data-pass="80"')
    assert '<h3 class="cb-quiz-title" id="cbq-sample-check-h">' in html
    assert html.count("<fieldset") == 6 and html.count("<details") == 6
    assert 'aria-live="polite"' in html
    assert html.count('type="checkbox"') == 3 and html.count("<select") == 3
    assert html.count('data-mv="-1"') == 4


def test_two_quizzes_on_one_page_have_distinct_ids() -> None:
    quiz = _quiz()
    other = replace(quiz, id="other-check")
    tree = _tree(render_quiz(quiz, "en") + render_quiz(other, "en"))
    assert len(tree.ids) == len(set(tree.ids))


def test_content_is_escaped_and_markdown_is_light() -> None:
    quiz = _quiz()
    first = quiz.questions[0]
    tricky = replace(first, prompt=Text('Is a < b & "c" *really* [ok](javascript:alert(1))?',
                                        "¿Sí?"))
    html = render_quiz(replace(quiz, questions=(tricky,)), "en")
    assert "a &lt; b &amp;" in html and "<em>really</em>" in html
    assert "javascript:" not in html


def test_shuffle_is_stable_and_never_the_right_order() -> None:
    quiz = _quiz()
    html = render_quiz(quiz, "en")
    assert html == render_quiz(quiz, "en")
    order = re.findall(r'<li data-i="([a-z-]+)"', html)
    assert sorted(order) == sorted(i.id for i in quiz.questions[4].items)
    assert order != [i.id for i in quiz.questions[4].items]


def test_spanish_widget_uses_spanish_words_and_the_same_ids() -> None:
    quiz = _quiz()
    en, es = render_quiz(quiz, "en"), render_quiz(quiz, "es")
    assert "Verificar respuestas" in es and "Check answers" not in es
    assert re.findall(r' id="([^"]+)"', en) == re.findall(r' id="([^"]+)"', es)


def test_answer_key_has_every_answer() -> None:
    key = render_answer_key(_quiz(), "en")
    assert key.count('class="cb-key-right"') == 4  # single 1 + multiple 2 + best-response 1
    assert "<strong>Answer: False</strong>" in key
    assert re.search(r'<ol class="cb-key-order"><li>Protect safety</li><li>Reduce tension', key)
    assert "<tr><td>\"I can't do that.\"</td><td>\"Here's what I can do.\"</td></tr>" in key
    assert key.count("cb-key-expl") == 5


def test_unknown_language_is_refused() -> None:
    with pytest.raises(KeyError):
        render_quiz(_quiz(), "fr")


def test_size_budget() -> None:
    js = rjsmin.jsmin((ASSETS / "quiz.js").read_text(encoding="utf-8"))
    css = rcssmin.cssmin((ASSETS / "quiz.css").read_text(encoding="utf-8"))
    size = len(gzip.compress((js + "\n" + css).encode("utf-8"), compresslevel=9))
    assert size <= BUDGET_GZIP, f"quiz.js + quiz.css: {size} bytes gzipped (budget {BUDGET_GZIP})"


def test_css_is_scoped() -> None:
    css = rcssmin.cssmin((ASSETS / "quiz.css").read_text(encoding="utf-8"))
    rules = re.sub(r"@media[^{]*\{", "", css)
    for selector_list in re.findall(r"([^{}]+)\{", rules):
        for selector in selector_list.split(","):
            # Material's dark scheme attribute may come first: it scopes nothing by itself
            scoped = selector.strip().removeprefix("[data-md-color-scheme=slate] ")
            assert scoped.startswith((".cb-quiz", ".cb-answer-key")), selector


QUIZ_FILES = sorted((ROOT / "quizzes").glob("*.yml"))


@pytest.mark.skipif(not QUIZ_FILES, reason="quizzes/ has no .yml files yet: nothing to render")
@pytest.mark.parametrize("path", QUIZ_FILES, ids=[p.name for p in QUIZ_FILES])
def test_every_course_quiz_renders_within_the_contract(path: Path) -> None:
    quiz, _ = load_quiz(path)
    assert quiz is not None
    for lang in ("en", "es"):
        for html in (render_quiz(quiz, lang), render_answer_key(quiz, lang)):
            assert "\n\n" not in html and not re.search(r"^\s", html, re.M)
            tree = _tree(html)
            assert tree.errors == [] and tree.stack == [] and tree.roots == 1
            assert len(tree.ids) == len(set(tree.ids))
