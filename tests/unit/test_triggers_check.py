"""The course's own recommended replies never use trigger language: success boxes, the best
response of best-response questions, the best choice of every scenario node."""

from __future__ import annotations

import shutil
from pathlib import Path

from course_builder.issues import Pos
from course_builder.load.pages import load_page
from course_builder.load.quizzes import load_quiz
from course_builder.model.course import Course
from course_builder.model.scenario import Choice, Ending, Node, Scenario
from course_builder.model.text import Text
from course_builder.pipeline import load_and_check
from course_builder.practice.checks import CODES, check_trigger_words
from course_builder.practice.triggers import load_triggers
from course_builder.project import load_course

ROOT = Path(__file__).resolve().parents[2]
CODE = "trigger-in-recommended-reply"

TRIGGERS = """\
triggers:
  - id: policy
    en: ["policy", "company policy"]
    es: ["política", "es nuestra política"]
    why: {en: "A wall with nobody behind it.", es: "Un muro sin nadie detrás."}
    alternatives: {en: ["The reason we do it this way is…"], es: ["Lo hacemos así porque…"]}
  - id: have-to
    en: ["you have to", "you'll have to"]
    es: ["tiene que"]
    why: {en: "Sounds like an order.", es: "Suena a orden."}
    alternatives: {en: ["Let's…"], es: ["Vamos a…"]}
"""

PAGE_EN = """\
---
id: words
title: Words
---

!!! failure "Untrained reply"
    "That's our policy."

!!! success "Trained reply"
    "I hear you. The reason we refund to the card is safety,
    and it's company policy, so you'll have
    to wait five days."

!!! success
    "Here's what I can do today."
"""

PAGE_ES = """\
---
id: words
title: Palabras
---

!!! success "Respuesta entrenada"
    "Lo hacemos así porque protege su cuenta; es nuestra política."
"""

QUIZ = """\
id: words
module: words
title: {en: "Check", es: "Verificación"}
pass_mark: 50
questions:
  - id: best
    type: best-response
    prompt: {en: "Which reply is best?", es: "¿Cuál es la mejor?"}
    customer: {en: "Why?", es: "¿Por qué?"}
    options:
      - id: a
        text:
          en: "Let's fix it; it's policy to check first."
          es: "Vamos a resolverlo; tiene que esperar un poco."
        correct: true
      - id: b
        text: {en: "You have to wait.", es: "Tiene que esperar."}
  - id: single
    type: single
    prompt: {en: "Which word is a trigger?", es: "¿Cuál es detonante?"}
    options:
      - id: a
        text: {en: "policy", es: "política"}
        correct: true
      - id: b
        text: {en: "let's", es: "vamos"}
"""

SCENARIO_LINES = """\
nodes:
  opening:
    choices:
      - reply:
          en: "Company policy says you'll have to wait."
          es: "Le explico lo que sigue."
"""


def make_course(tmp_path: Path) -> Course:
    (tmp_path / "docs" / "modules").mkdir(parents=True)
    (tmp_path / "docs_es" / "modules").mkdir(parents=True)
    en_path = tmp_path / "docs" / "modules" / "words.md"
    es_path = tmp_path / "docs_es" / "modules" / "words.md"
    en_path.write_text(PAGE_EN, encoding="utf-8")
    es_path.write_text(PAGE_ES, encoding="utf-8")
    en_page, _ = load_page(en_path, "modules/words.md", "en")
    es_page, _ = load_page(es_path, "modules/words.md", "es")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "words.yml").write_text(QUIZ, encoding="utf-8")
    quiz, _ = load_quiz(tmp_path / "quizzes" / "words.yml")
    assert quiz is not None
    scenario_path = tmp_path / "scenario.yml"
    scenario_path.write_text(SCENARIO_LINES, encoding="utf-8")
    best = Choice(Text("Company policy says you'll have to wait.", "Le explico lo que sigue.",
                       Pos(scenario_path, 5)), -1, Text("", ""), (), "end", best=True)
    worse = Choice(Text("It's policy.", "Es nuestra política.", Pos(scenario_path, 5)), 2,
                   Text("", ""), (), "end")
    node = Node("opening", Text("Hi", "Hola"), Text("", ""), (best, worse))
    scenario = Scenario("call", "words", "other", Text("", ""), Text("", ""), Text("", ""),
                        Text("", ""), (), 5, 0, 10, "opening", {"opening": node},
                        {"end": Ending("end", "resolved", Text("", ""), Text("", ""),
                                       Text("", ""))})
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "trigger_words.yml").write_text(TRIGGERS, encoding="utf-8")
    triggers, issues = load_triggers(tmp_path / "data" / "trigger_words.yml")
    assert issues == []
    return Course(root=tmp_path, title=Text("", ""), description=Text("", ""), outline=[],
                  modules=[], pages={"en": {"modules/words.md": en_page},
                                     "es": {"modules/words.md": es_page}},
                  quizzes={"words": quiz}, scenarios={"call": scenario}, triggers=triggers)


def test_every_recommended_reply_is_checked(tmp_path: Path) -> None:
    course = make_course(tmp_path)
    found = sorted((i.path.relative_to(tmp_path).as_posix(), i.line, i.code)
                   for i in check_trigger_words(course))
    assert found == [
        ("docs/modules/words.md", 11, CODE),     # "company policy", second line of the box
        ("docs/modules/words.md", 11, CODE),     # "you'll have / to", wrapped over two lines
        ("docs_es/modules/words.md", 7, CODE),   # "es nuestra política"
        ("quizzes/words.yml", 13, CODE),         # best response, English
        ("quizzes/words.yml", 14, CODE),         # best response, Spanish
        ("scenario.yml", 5, CODE),               # best scenario choice: "Company policy"
        ("scenario.yml", 5, CODE),               # ... and "you'll have to"
    ]


def test_messages_name_the_phrase_and_hint_an_alternative(tmp_path: Path) -> None:
    issues = list(check_trigger_words(make_course(tmp_path)))
    spanish = next(i for i in issues if "docs_es" in str(i.path))
    assert '"es nuestra política"' in spanish.message and "(Spanish)" in spanish.message
    assert 'try instead: "Lo hacemos así porque…"' in spanish.hint
    wrapped = next(i for i in issues if "you'll have" in i.message)
    assert "listed as \"you'll have to\"" in wrapped.message
    assert all(i.is_error and i.code in CODES for i in issues)


def test_no_list_means_no_check(tmp_path: Path) -> None:
    course = make_course(tmp_path)
    course.triggers = None
    assert list(check_trigger_words(course)) == []


def test_the_pipeline_runs_the_check(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", course)
    (course / "data").mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / "trigger_words.yml", course / "data" / "trigger_words.yml")
    page = course / "docs" / "modules" / "words.md"
    page.write_text(page.read_text("utf-8").replace(
        "\"Here's what I can do today.\"", "\"Calm down, here's what I can do today.\""),
        encoding="utf-8")
    _, issues = load_and_check(course)
    mine = [i for i in issues if i.code == CODE]
    assert len(mine) == 1 and mine[0].path == page and "Calm down" in mine[0].message


def test_the_repository_content_can_be_checked() -> None:
    """Runs over the real course; hits are reported to the lead, not asserted away here."""
    course, _ = load_course(ROOT)
    assert course.triggers
    issues = list(check_trigger_words(course))
    assert all(i.code == CODE and i.line > 0 and i.hint for i in issues)
