"""The course in this repository: checks clean, complete in both languages, and it meets the
shape the curriculum promises (issue: the course itself)."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.pipeline import load_and_check
from course_builder.project import load_course
from course_builder.stats import course_stats
from course_builder.translations import collect

ROOT = Path(__file__).resolve().parents[2]


def test_repository_checks_clean_even_strict() -> None:
    _, issues = load_and_check(ROOT)
    assert [str(i) for i in issues] == []


def test_every_module_has_the_promised_shape() -> None:
    course, _ = load_course(ROOT)
    rows = {r.id: r for r in course_stats(course)}
    assert len(rows) == 10
    for row in rows.values():
        assert row.practice >= 2 and row.quizzes >= 1 and row.facilitator_notes >= 1, row
        assert row.objectives >= 3, row
        assert row.words_es > 0, row
        if row.core:
            assert row.words_en >= 1200, row
    assert sum(len(s.nodes) >= 5 for s in course.scenarios.values()) >= 6


def test_every_spanish_string_is_present_and_reviewed() -> None:
    course, _ = load_course(ROOT)
    statuses = {e.status for e in collect(course)}
    assert statuses == {"up-to-date"}, statuses


@pytest.mark.slow
def test_built_site_has_no_untranslated_fallback_pages(repo_site: Path) -> None:
    english = {p.relative_to(repo_site) for p in repo_site.rglob("index.html")
               if p.relative_to(repo_site).parts[0] != "es"}
    spanish = {p.relative_to(repo_site / "es") for p in (repo_site / "es").rglob("index.html")}
    assert english == spanish
    fallbacks = [str(p) for p in (repo_site / "es").rglob("*.html")
                 if "cb-untranslated" in p.read_text(encoding="utf-8")]
    assert fallbacks == []
