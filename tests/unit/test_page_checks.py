"""A table of bad inputs to the exact Issues they produce: file, line and code.

Each case edits one file of the mini course (tests/fixtures/mini) in a temporary copy, then
runs load + checks and expects one precise problem.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from course_builder.pipeline import load_and_check

Edit = Callable[[str], str]


def replace(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text, f"fixture no longer contains {old!r}"
        return text.replace(old, new, 1)
    return edit


WORDS = "docs/modules/words.md"
WORDS_ES = "docs_es/modules/words.md"
LISTEN = "docs/modules/listening.md"
LISTEN_ES = "docs_es/modules/listening.md"

CASES: list[tuple[str, str, Edit | None, tuple[str, int, str]]] = [
    # (case, file to edit, edit (None = delete the file), expected (file, line, code))
    ("front matter never closed", WORDS, replace("objectives:\n  - id: swap\n    text: Swap a trigger word for a calmer phrase.\n---", "objectives: []"),
     (WORDS, 1, "page-front-matter")),
    ("no front matter at all", "docs/glossary.md", replace("---\nid: glossary\ntitle: Glossary\n---\n", ""),
     ("docs/glossary.md", 1, "page-front-matter")),
    ("front matter YAML does not parse", WORDS, replace("minutes: 15", "minutes: [15"),
     (WORDS, 4, "page-front-matter")),
    ("minutes is not a number", WORDS, replace("minutes: 15", "minutes: fifteen"),
     (WORDS, 4, "page-type")),
    ("unknown front matter field", WORDS, replace("minutes: 15", "minutes: 15\nduration: 15"),
     (WORDS, 5, "page-unknown-field")),
    ("module without title", LISTEN, replace("title: Listening\n", ""),
     (LISTEN, 2, "page-missing-field")),
    ("bad id", WORDS, replace("id: words", "id: Words Module"),
     (WORDS, 2, "page-bad-id")),
    ("duplicate objective id", WORDS, replace("    text: Swap a trigger word for a calmer phrase.", "    text: Swap.\n  - id: swap\n    text: Again."),
     (WORDS, 8, "page-duplicate-id")),
    ("missing Spanish page", WORDS_ES, None,
     (WORDS, 1, "page-missing-translation")),
    ("Spanish page without English", "docs_es/extra.md", lambda _: "---\nid: extra\ntitle: Extra\n---\n",
     ("docs_es/extra.md", 1, "page-missing-translation")),
    ("heading without explicit id", WORDS, replace("## The swap {#swap}", "## The swap"),
     (WORDS, 12, "page-heading-id")),
    ("heading ids differ across languages", WORDS_ES, replace("## El cambio {#swap}", "## El cambio {#cambio}"),
     (WORDS_ES, 12, "page-heading-mismatch")),
    ("objective ids differ across languages", LISTEN_ES, replace("  - id: hear-emotion", "  - id: hear-feeling"),
     (LISTEN_ES, 6, "page-objectives-mismatch")),
    ("a '#' title in the body", WORDS, replace("Words matter.", "# Words\n\nWords matter."),
     (WORDS, 10, "page-h1")),
    ("link to a missing page", "docs/index.md", replace("(modules/listening.md)", "(modules/listen.md)"),
     ("docs/index.md", 6, "link-missing-page")),
    ("link to a missing anchor", WORDS, replace("(listening.md#emotion)", "(listening.md#emotions)"),
     (WORDS, 20, "link-missing-anchor")),
    ("raw script in content", LISTEN, replace("Listening comes first.", "Listening comes first. <script>alert(1)</script>"),
     (LISTEN, 10, "page-unsafe-html")),
    ("iframe in content", LISTEN_ES, replace("Escuchar va primero.", '<iframe src="https://example.com"></iframe>'),
     (LISTEN_ES, 10, "page-unsafe-html")),
    ("event attribute", WORDS, replace("Words matter.", '<span onclick="x()">Words</span> matter.'),
     (WORDS, 10, "page-unsafe-html")),
    ("unknown block", LISTEN, replace("/// practice | Name the feeling", "/// practise | Name the feeling"),
     (LISTEN, 16, "page-unknown-directive")),
    ("block never closed", LISTEN, replace("Play two short recordings and ask the room to name the feeling.\n///", "Play two short recordings."),
     (LISTEN, 27, "page-unclosed-directive")),
    ("embedded quiz does not exist", WORDS, replace("Words matter.", "Words matter.\n\n/// quiz | nowhere\n///"),
     (WORDS, 12, "page-unknown-quiz")),
    ("outline lists a missing module", "course.yml", replace("modules: [listening, words]", "modules: [listening, words, closing]"),
     ("course.yml", 6, "outline-missing-page")),
    ("page not in the outline", "docs/extra.md", lambda _: "---\nid: extra\ntitle: Extra\n---\n",
     ("docs/extra.md", 1, "page-not-in-outline")),
    ("outline YAML does not parse", "course.yml", replace('title: {en: "Mini course", es: "Minicurso"}', 'title: {en: "Mini course", es: "Minicurso"'),
     ("course.yml", 1, "yaml-syntax")),
    ("course title missing Spanish", "course.yml", replace('title: {en: "Mini course", es: "Minicurso"}', 'title: {en: "Mini course"}'),
     ("course.yml", 1, "outline-missing-translation")),
    ("duplicate key in YAML", "course.yml", replace("outline:", 'title: {en: "Again", es: "Otra vez"}\noutline:'),
     ("course.yml", 3, "yaml-duplicate-key")),
]


@pytest.mark.parametrize(("name", "target", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_exact_issue(mini_course: Path, name: str, target: str,
                                     edit: Edit | None, expected: tuple[str, int, str]) -> None:
    path = mini_course / target
    if edit is None:
        path.unlink()
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(edit(path.read_text(encoding="utf-8") if path.exists() else ""),
                        encoding="utf-8")
    _, issues = load_and_check(mini_course)
    found = [(str(i.path.relative_to(mini_course)), i.line, i.code) for i in issues]
    assert expected in found, f"{name}: expected {expected}, got {found}"
    for issue in issues:
        assert issue.message and issue.hint, f"every issue needs a message and a hint: {issue}"


def test_clean_fixture_has_no_issues(mini_course: Path) -> None:
    _, issues = load_and_check(mini_course)
    assert issues == []


def test_every_problem_reported_in_one_run(mini_course: Path) -> None:
    words = mini_course / WORDS
    words.write_text(words.read_text().replace("## The swap {#swap}", "## The swap")
                     .replace("(listening.md#emotion)", "(listening.md#nope)"))
    (mini_course / LISTEN_ES).unlink()
    _, issues = load_and_check(mini_course)
    codes = {i.code for i in issues}
    assert {"page-heading-id", "link-missing-anchor", "page-missing-translation"} <= codes


def test_a_heading_id_only_in_spanish_says_how_to_fix_it(mini_course: Path) -> None:
    """The English heading lost its id: the Spanish one is 'extra', and nothing is missing."""
    from course_builder.pipeline import load_and_check
    page = mini_course / "docs" / "modules" / "words.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## The swap {#swap}",
                                                             "## The swap"), encoding="utf-8")
    _, issues = load_and_check(mini_course)
    found = [i for i in issues if i.code == "page-heading-mismatch"]
    assert len(found) == 1 and "none" not in found[0].hint
    assert "give the English heading this id too" in found[0].hint
