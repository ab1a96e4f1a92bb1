"""Translation status: stamps, stale/missing/unreviewed, `check` warnings, review edits."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from course_builder.issues import IssueList
from course_builder.load.reader import Reader
from course_builder.load.yamlfile import parse_yaml
from course_builder.pipeline import load_and_check
from course_builder.project import load_course
from course_builder.translations import (
    ReviewError,
    check_translations,
    collect,
    normalise,
    review,
    source_hash,
    stamp_front_matter,
    stamp_yaml_text,
)

ROOT = Path(__file__).resolve().parents[2]


def copy_repo_sources(dest: Path) -> Path:
    """The repository's course sources (not site/ or .build/) in ``dest``."""
    dest.mkdir(parents=True)
    for name in ("course.yml", "docs", "docs_es", "quizzes", "scenarios", "workshop", "data"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy(src, dest / name)
    return dest


def statuses(root: Path) -> dict[tuple[str, str], str]:
    course, _ = load_course(root)
    return {(e.file, e.key): e.status for e in collect(course)}


def stamped(root: Path) -> Path:
    course, _ = load_course(root)
    review(course, [], everything=True)
    return root


def codes(root: Path) -> list[tuple[str, int, str, str]]:
    _, issues = load_and_check(root)
    return sorted((str(i.path.relative_to(root)), i.line, i.code, i.severity.value)
                  for i in issues)


# -- hashing ---------------------------------------------------------------------------------
def test_hash_ignores_wrapping_and_is_twelve_hex() -> None:
    assert normalise(" a\n b\t\tc ") == "a b c"
    assert source_hash("One two\nthree") == source_hash("One  two three")
    assert source_hash("One two") != source_hash("One two.")
    assert len(source_hash("x")) == 12 and int(source_hash("x"), 16) >= 0


# -- status of pages -------------------------------------------------------------------------
def test_unstamped_content_is_unreviewed_and_not_warned(mini_course: Path) -> None:
    status = statuses(mini_course)
    assert status[("docs_es/modules/words.md", "modules/words.md")] == "unreviewed"
    assert status[("quizzes/words.yml", "questions[best].prompt")] == "unreviewed"
    assert not [c for c in codes(mini_course) if c[2].startswith("translation-")]


def test_changing_an_english_page_makes_its_spanish_page_stale(mini_course: Path) -> None:
    stamped(mini_course)
    key = ("docs_es/modules/words.md", "modules/words.md")
    assert statuses(mini_course)[key] == "up-to-date"
    english = mini_course / "docs/modules/words.md"
    english.write_text(english.read_text().replace("Words matter.", "Words matter a lot."))
    assert statuses(mini_course)[key] == "stale"
    es_text = (mini_course / "docs_es/modules/words.md").read_text().split("\n")
    stamp_line = next(i for i, line in enumerate(es_text, 1) if line.startswith("translation:"))
    assert ("docs_es/modules/words.md", stamp_line, "translation-stale", "warning") \
        in codes(mini_course)
    # re-wrapping the English is not a change
    english.write_text(english.read_text().replace("Words matter a lot.", "Words\nmatter a lot."))
    assert statuses(mini_course)[key] == "stale"


def test_marking_a_page_reviewed_clears_it(mini_course: Path) -> None:
    stamped(mini_course)
    english = mini_course / "docs/modules/words.md"
    english.write_text(english.read_text().replace("title: Words", "title: Strong words"))
    course, _ = load_course(mini_course)
    # the English path or the Spanish path: the stamp goes into the Spanish page
    done = review(course, ["docs/modules/words.md"], cwd=mini_course)
    assert [(d.file, d.count) for d in done] == [("docs_es/modules/words.md", 1)]
    assert statuses(mini_course)[("docs_es/modules/words.md", "modules/words.md")] == "up-to-date"
    assert not [c for c in codes(mini_course) if c[2] == "translation-stale"]


def test_objectives_are_part_of_the_page_source(mini_course: Path) -> None:
    stamped(mini_course)
    english = mini_course / "docs/modules/words.md"
    english.write_text(english.read_text().replace("Swap a trigger word", "Swap one trigger word"))
    assert statuses(mini_course)[("docs_es/modules/words.md", "modules/words.md")] == "stale"


def test_a_missing_spanish_page_is_missing_and_fails_check(mini_course: Path) -> None:
    (mini_course / "docs_es/glossary.md").unlink()
    assert statuses(mini_course)[("docs_es/glossary.md", "glossary.md")] == "missing"
    assert ("docs/glossary.md", 1, "page-missing-translation", "error") in codes(mini_course)


# -- status of strings -----------------------------------------------------------------------
def test_changing_an_english_string_makes_only_it_stale(mini_course: Path) -> None:
    stamped(mini_course)
    quiz = mini_course / "quizzes/words.yml"
    quiz.write_text(quiz.read_text().replace("Which reply is best?", "Which reply works best?"))
    status = statuses(mini_course)
    assert status[("quizzes/words.yml", "questions[best].prompt")] == "stale"
    assert status[("quizzes/words.yml", "questions[best].customer")] == "up-to-date"
    line = next(i for i, text in enumerate(quiz.read_text().split("\n"), 1)
                if "Which reply works best?" in text)
    assert ("quizzes/words.yml", line, "translation-stale", "warning") in codes(mini_course)


def test_marking_one_string_reviewed_by_line(mini_course: Path) -> None:
    stamped(mini_course)
    quiz = mini_course / "quizzes/words.yml"
    text = quiz.read_text().replace("Which reply is best?", "Which reply works best?")
    text = text.replace('"Dismissive."', '"Dismissive and vague."')
    quiz.write_text(text)
    line = next(i for i, t in enumerate(text.split("\n"), 1) if "works best" in t)
    course, _ = load_course(mini_course)
    assert review(course, [f"quizzes/words.yml:{line}"], cwd=mini_course)[0].count == 1
    status = statuses(mini_course)
    assert status[("quizzes/words.yml", "questions[best].prompt")] == "up-to-date"
    assert status[("quizzes/words.yml", "questions[best].options[b].feedback")] == "stale"


def test_deleting_a_spanish_string_fails_check_with_file_and_line(mini_course: Path) -> None:
    quiz = mini_course / "quizzes/words.yml"
    lines = quiz.read_text().split("\n")
    index = next(i for i, t in enumerate(lines) if "Why was I charged twice?" in t)
    lines[index] = '    customer: {en: "Why was I charged twice?"}'
    quiz.write_text("\n".join(lines))
    found = [c for c in codes(mini_course) if c[2] == "quiz-missing-translation"]
    assert found == [("quizzes/words.yml", index + 1, "quiz-missing-translation", "error")]
    assert statuses(mini_course)[("quizzes/words.yml", "questions[best].customer")] == "missing"
    result = subprocess.run([sys.executable, "-m", "course_builder", "check"], cwd=mini_course,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"quizzes/words.yml:{index + 1}: [quiz-missing-translation]" in result.stdout


def test_many_stale_strings_in_one_file_make_one_warning(mini_course: Path) -> None:
    stamped(mini_course)
    quiz = mini_course / "quizzes/listening.yml"
    data = quiz.read_text()
    for english in ("What do you listen for first?", "The feeling", "Yes: feelings first.",
                    "The account number", "That comes later.", "You can validate without"):
        data = data.replace(english, english + " (edited)")
    quiz.write_text(data)
    stale = [c for c in codes(mini_course) if c[2] == "translation-stale"]
    assert len(stale) == 1 and stale[0][0] == "quizzes/listening.yml"


def test_review_all_on_the_repository_adds_no_problem(tmp_path: Path) -> None:
    """Every loader accepts the stamps: stamping the real course changes no check result."""
    course_dir = copy_repo_sources(tmp_path / "course")
    before = codes(course_dir)
    stamped(course_dir)
    after = codes(course_dir)
    # the stamps move lines down, so compare which problems each file has
    assert Counter((f, code) for f, _, code, _ in after) == \
        Counter((f, code) for f, _, code, _ in before)
    course, _ = load_course(course_dir)
    assert {e.status for e in collect(course)} <= {"up-to-date", "missing"}
    assert sum(d.count for d in review(course, [], everything=True)) == 0  # idempotent


# -- malformed stamps and the Reader ---------------------------------------------------------
def test_bad_stamps_are_errors(mini_course: Path) -> None:
    es = mini_course / "docs_es/glossary.md"
    es.write_text(es.read_text().replace("---\n", "---\ntranslation: yes\n", 1))
    en = mini_course / "docs/index.md"
    en.write_text(en.read_text().replace("---\n", '---\ntranslation: {source: "0123456789ab"}\n',
                                         1))
    quiz = mini_course / "quizzes/words.yml"
    quiz.write_text(quiz.read_text().replace('es: "¿Qué respuesta es la mejor?"}',
                                             'es: "¿Qué respuesta es la mejor?", reviewed: zz}'))
    found = [c for c in codes(mini_course) if c[2] == "translation-bad-stamp"]
    assert ("docs_es/glossary.md", 2, "translation-bad-stamp", "error") in found
    assert ("docs/index.md", 2, "translation-bad-stamp", "error") in found
    assert any(c[0] == "quizzes/words.yml" for c in found)


def test_reader_exposes_the_stamp_and_rejects_a_wrong_type() -> None:
    data, _ = parse_yaml('a: {en: "x", es: "y", reviewed: "0123456789ab"}\n'
                         'b: {en: "x", es: "y", reviewed: 5}\nc: {en: "x", es: "y"}\n',
                         Path("t.yml"))
    issues = IssueList()
    reader = Reader(issues, "quiz")
    assert reader.text(data, "a", "a").reviewed == "0123456789ab"  # type: ignore[union-attr]
    assert reader.text(data, "c", "c").reviewed == ""  # type: ignore[union-attr]
    assert reader.text(data, "b", "b").reviewed == ""  # type: ignore[union-attr]
    assert [(i.line, i.code) for i in issues] == [(2, "quiz-type")]
    # the stamp never makes two texts different
    assert reader.text(data, "a", "a") == reader.text(data, "c", "c")


# -- editing files ---------------------------------------------------------------------------
YAML_CASES = {
    "flow": ('t: {en: "Hi", es: "Hola"}  # greet\n',
             't: {en: "Hi", es: "Hola", reviewed: "HASH"}  # greet\n'),
    "block": ("t:\n  en: Hi\n  es: Hola   # note\nnext: 1\n",
              't:\n  en: Hi\n  es: Hola   # note\n  reviewed: "HASH"\nnext: 1\n'),
    "list item": ("l:\n  - en: Hi\n    es: Hola\n",
                  'l:\n  - en: Hi\n    es: Hola\n    reviewed: "HASH"\n'),
    "block scalar": ("t:\n  en: Hi\n  es: >\n    Hola\n\nnext: 1\n",
                     't:\n  en: Hi\n  es: >\n    Hola\n\n  reviewed: "HASH"\nnext: 1\n'),
    "no final newline": ("t:\n  en: Hi\n  es: Hola",
                         't:\n  en: Hi\n  es: Hola\n  reviewed: "HASH"'),
    "old stamp": ('t: {en: "Hi", es: "Hola", reviewed: 0000aaaa0000}\n',
                  't: {en: "Hi", es: "Hola", reviewed: "HASH"}\n'),
    "crlf": ("t:\r\n  en: Hi\r\n  es: Hola\r\n",
             't:\r\n  en: Hi\r\n  es: Hola\r\n  reviewed: "HASH"\r\n'),
}


@pytest.mark.parametrize(("before", "after"), YAML_CASES.values(), ids=YAML_CASES.keys())
def test_stamping_yaml_only_inserts_the_stamp(before: str, after: str) -> None:
    new, count = stamp_yaml_text(before)
    assert (new, count) == (after.replace("HASH", source_hash("Hi")), 1)
    assert stamp_yaml_text(new) == (new, 0)
    data = yaml.safe_load(new)
    pair = data["t"] if "t" in data else data["l"][0]
    assert pair["reviewed"] == source_hash("Hi") and pair["es"].strip() == "Hola"


def test_stamping_skips_missing_spanish_and_lists_of_phrases() -> None:
    text = ('a: {en: "Hi"}\nalternatives:\n  en: ["x", "y"]\n  es: ["z"]\n'
            'b: {en: "Yes", es: "Sí"}\n')
    new, count = stamp_yaml_text(text)
    assert count == 1 and new.count("reviewed") == 1 and 'b: {en: "Yes", es: "Sí", reviewed' in new


def test_stamping_front_matter_in_place() -> None:
    page = "---\nid: x\ntitle: Y\n---\n\nBody\n"
    assert stamp_front_matter(page, "0123456789ab") == \
        '---\nid: x\ntitle: Y\ntranslation: {source: "0123456789ab"}\n---\n\nBody\n'
    old = "---\nid: x\ntranslation:\n  source: ffffffffffff\ntitle: Y\n---\nBody"
    assert stamp_front_matter(old, "0123456789ab") == \
        '---\nid: x\ntranslation: {source: "0123456789ab"}\ntitle: Y\n---\nBody'
    crlf = "---\r\nid: x\r\n---\r\nBody\r\n"
    assert stamp_front_matter(crlf, "0123456789ab") == \
        '---\r\nid: x\r\ntranslation: {source: "0123456789ab"}\r\n---\r\nBody\r\n'
    assert stamp_front_matter("No front matter\n", "0123456789ab") is None


def test_review_refuses_files_that_are_not_course_files(mini_course: Path) -> None:
    course, _ = load_course(mini_course)
    with pytest.raises(ReviewError, match="no such file"):
        review(course, ["nowhere.md"], cwd=mini_course)
    with pytest.raises(ReviewError, match="not a course file"):
        review(course, ["mkdocs.yml"], cwd=mini_course)


# -- the command -----------------------------------------------------------------------------
def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "course_builder", *args], cwd=root,
                          capture_output=True, text=True, timeout=120)


def test_command_table_json_and_review(mini_course: Path) -> None:
    table = run(mini_course, "translations")
    assert table.returncode == 0 and "unreviewed" in table.stdout and "total" in table.stdout
    assert run(mini_course, "translations", "--strict").returncode == 1
    assert run(mini_course, "translations", "review").returncode == 2
    assert run(mini_course, "translations", "review", "--all").returncode == 0
    data = json.loads(run(mini_course, "translations", "--json").stdout)
    assert data["summary"]["unreviewed"] == 0 and data["summary"]["stale"] == 0
    assert {e["status"] for e in data["entries"]} == {"up-to-date"}
    assert set(data["entries"][0]) == {"kind", "file", "line", "key", "status", "source",
                                       "reviewed", "english"}
    markdown = run(mini_course, "translations", "--markdown").stdout
    assert markdown.startswith("| file |") and "| **total** |" in markdown
    assert run(mini_course, "translations", "--strict").returncode == 0


def test_check_translations_is_silent_on_a_clean_stamped_course(mini_course: Path) -> None:
    stamped(mini_course)
    course, _ = load_course(mini_course)
    assert list(check_translations(course)) == []
