"""The course's text is our own: no run of 10 or more words is shared with the source articles.

The two source articles (../shared/seeds/) give facts and structure only. This scans every
page and every YAML string file of the course, in both languages.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
WINDOW = 10
CONTENT = ("docs", "docs_es", "quizzes", "scenarios", "workshop", "data")


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return re.findall(r"[a-z0-9']+|[^\W\d_]+", text)


def windows(tokens: list[str], size: int = WINDOW) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def test_windows_find_a_shared_run() -> None:
    source = windows(words("one two three four five six seven eight nine ten eleven"))
    copied = words("Intro: One two three four five six seven eight nine ten!")
    assert windows(copied) & source
    assert not windows(words("one two three four five six seven eight nine eleven")) & source


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles live in ../shared/seeds")
def test_no_ten_word_run_from_the_source_articles() -> None:
    seed_windows: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        seed_windows |= windows(words(seed.read_text(encoding="utf-8")))
    assert seed_windows, "no seed text found"
    shared: list[str] = []
    for folder in CONTENT:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".md", ".yml", ".yaml") or not path.is_file():
                continue
            common = windows(words(path.read_text(encoding="utf-8"))) & seed_windows
            shared += [f"{path.relative_to(ROOT)}: {' '.join(w)}" for w in sorted(common)[:3]]
    assert shared == [], "text shared with the source articles:\n" + "\n".join(shared)
