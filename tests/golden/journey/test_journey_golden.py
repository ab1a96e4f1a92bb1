"""Sources in, Markdown out: the progress and certificate pages and the course map, in both
languages, for the journey fixture (tests/fixtures/mini laid over with tests/fixtures/journey).

Regenerate with ``pytest tests/golden --update-golden`` and review the diff.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from course_builder.journey.coursemap import map_js
from course_builder.journey.pages import certificate_markdown, progress_markdown
from course_builder.model.course import Course
from course_builder.project import load_course

HERE = Path(__file__).parent
FIXTURES = HERE.parent.parent / "fixtures"


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    root = tmp_path_factory.mktemp("journey-golden") / "course"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copy(FIXTURES / "journey" / "course.yml", root / "course.yml")
    shutil.copytree(FIXTURES / "journey" / "scenarios", root / "scenarios", dirs_exist_ok=True)
    for folder in ("docs", "docs_es"):
        page = root / folder / "modules" / "words.md"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "/// quiz | words", "/// scenario | charged-twice\n///\n\n/// quiz | words", 1),
            encoding="utf-8")
    loaded, _ = load_course(root)
    return loaded


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(("name", "make"), [("progress", progress_markdown),
                                            ("certificate", certificate_markdown)])
def test_generated_page(course: Course, golden: Callable[[Path, str], None], name: str,
                        make: Callable[[Course, str], str], lang: str) -> None:
    golden(HERE / f"{name}.{lang}.md", make(course, lang))


def test_course_map(course: Course, golden: Callable[[Path, str], None]) -> None:
    golden(HERE / "coursemap.js", map_js(course))
