"""Editor lints: a table of page bodies to the exact (line, code) pairs they produce."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.checks.lints import CODES, MAX_PARAGRAPH_WORDS, check_lints, todos_in_yaml
from course_builder.issues import Pos
from course_builder.load.pages import load_page
from course_builder.model.course import Course
from course_builder.model.text import Text

HEAD = "---\nid: p\ntitle: P\n---\n"  # the body starts on line 5
LONG = " ".join(["word"] * (MAX_PARAGRAPH_WORDS + 1))
JUST_RIGHT = " ".join(["word"] * MAX_PARAGRAPH_WORDS)

# (name, language, page text, expected [(line, code)])
CASES: list[tuple[str, str, str, list[tuple[int, str]]]] = [
    ("image without alt", "en", HEAD + "![](chart.png)\n", [(5, "lint-image-alt")]),
    ("image with blank alt", "en", HEAD + "Text.\n\n![  ](chart.png)\n",
     [(7, "lint-image-alt")]),
    ("image with alt", "en", HEAD + "![A bar chart of CSAT](chart.png)\n", []),
    ("html img without alt", "en", HEAD + '<img src="x.png">\n', [(5, "lint-image-alt")]),
    ("html img with empty alt", "en", HEAD + '<img alt="" src="x.png">\n',
     [(5, "lint-image-alt")]),
    ("html img with alt", "en", HEAD + '<img alt="A headset" src="x.png">\n', []),
    ("click here", "en", HEAD + "For more, [click here](glossary.md).\n",
     [(5, "lint-link-text")]),
    ("here, emphasised", "en", HEAD + "Line one.\nSee [*here*](glossary.md).\n",
     [(6, "lint-link-text")]),
    ("read more", "en", HEAD + "[Read more…](glossary.md)\n", [(5, "lint-link-text")]),
    ("aquí", "es", HEAD + "Consulta el glosario [aquí](glossary.md).\n",
     [(5, "lint-link-text")]),
    ("haz clic aquí", "es", HEAD + "[Haz clic aquí](glossary.md) para ver más.\n",
     [(5, "lint-link-text")]),
    ("descriptive link", "en", HEAD + "See [the glossary](glossary.md).\n", []),
    ("link text in code is ignored", "en", HEAD + "Write `[here](x.md)` in Markdown.\n", []),
    ("fenced code is ignored", "en",
     HEAD + "```markdown\n[click here](x.md)\n![](x.png)\nTODO\n```\n", []),
    ("long paragraph", "en", HEAD + "Intro.\n\n" + LONG[:200] + "\n" + LONG[200:] + "\n",
     [(7, "lint-long-paragraph")]),
    ("paragraph at the limit", "en", HEAD + JUST_RIGHT + "\n", []),
    ("list items are separate", "en",
     HEAD + "".join(f"- {JUST_RIGHT[:300]}\n" for _ in range(3)), []),
    ("long paragraph in an admonition", "en",
     HEAD + '!!! note "Note"\n    ' + LONG + "\n", [(6, "lint-long-paragraph")]),
    ("todo in the body", "en", HEAD + "Fine.\n\nTODO: write this.\n", [(7, "page-todo")]),
    ("todos counted once per page", "en", HEAD + "TODO one.\n\nTODO two.\n",
     [(5, "page-todo")]),
    ("todo in the title", "en", "---\nid: p\ntitle: \"TODO: title\"\n---\nBody.\n",
     [(3, "page-todo")]),
    ("todo in an objective", "en",
     "---\nid: p\ntitle: P\nobjectives:\n  - id: o\n    text: TODO later\n---\nBody.\n",
     [(6, "page-todo")]),
    ("lowercase todo is a word", "en", HEAD + "A to-do list, or todo list.\n", []),
]


def course_with(tmp_path: Path, lang: str, text: str) -> Course:
    folder = tmp_path / ("docs" if lang == "en" else "docs_es")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "page.md"
    path.write_text(text, encoding="utf-8")
    page, _ = load_page(path, "page.md", lang)
    objectives = page.meta.get("objectives") or []
    page.title = str(page.meta.get("title", ""))
    assert isinstance(objectives, list)
    empty = Text("", "", Pos(tmp_path / "course.yml"))
    return Course(root=tmp_path, title=empty, description=empty, outline=[], modules=[],
                  pages={"en": {"page.md": page} if lang == "en" else {},
                         "es": {"page.md": page} if lang == "es" else {}})


@pytest.mark.parametrize(("name", "lang", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_lints(tmp_path: Path, name: str, lang: str, text: str,
               expected: list[tuple[int, str]]) -> None:
    found = sorted((i.line, i.code) for i in check_lints(course_with(tmp_path, lang, text)))
    assert found == expected, name


def test_severities_and_codes(tmp_path: Path) -> None:
    text = HEAD + "![](x.png) [here](x.md)\n\n" + LONG + "\n\nTODO\n"
    found = {i.code: i for i in check_lints(course_with(tmp_path, "en", text))}
    assert set(found) == set(CODES) - {"yaml-todo"}
    assert found["lint-image-alt"].is_error and found["page-todo"].is_error
    assert not found["lint-link-text"].is_error and not found["lint-long-paragraph"].is_error
    assert all(issue.hint for issue in found.values())


def test_todo_in_yaml_values_not_comments(tmp_path: Path) -> None:
    path = tmp_path / "q.yml"
    path.write_text("# TODO: a note for developers is fine\nid: q\n"
                    'title: {en: "TODO: title", es: "Título"}\nlist:\n  - ok\n  - TODO\n')
    assert [(i.line, i.code) for i in todos_in_yaml(path)] == [(3, "yaml-todo")]
    assert "on lines 6" in next(iter(todos_in_yaml(path))).message
    path.write_text("id: [unclosed\n")
    assert list(todos_in_yaml(path)) == []  # the loader reports the syntax error


def test_repository_pages_have_no_lint_errors() -> None:
    from course_builder.project import load_course
    course, _ = load_course(Path(__file__).resolve().parents[2])
    assert [(str(i.path), i.line, i.code) for i in check_lints(course) if i.is_error] == []
