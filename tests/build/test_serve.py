"""`course-builder serve` rebuilds when a source changes: Spanish pages and quizzes too.

Preview rebuilds are dirty (only the pages whose assembled file changed are rendered), so
this also checks what a dirty rebuild could get wrong: the search index of each language
stays complete, and a changed title reaches the navigation of every other page.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


def index(url: str) -> dict[str, str]:
    """location -> text of a served search index ({} while it is not served)."""
    try:
        return {d["location"]: d["text"] for d in json.loads(fetch(url))["docs"]}
    except (ValueError, KeyError):
        return {}


def test_serve_rebuilds_after_editing_spanish_page_and_quiz(mini_course: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, "-m", "course_builder", "serve", "--dev-addr",
                             f"127.0.0.1:{port}"], cwd=mini_course, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    steps: list[str] = []
    try:
        steps.append("up" if wait_for(base + "es/modules/listening/", "Escuchar va primero")
                     else "never came up")
        first_en = index(base + "search/search_index.json")
        first_es = index(base + "es/search/search_index.json")
        assert first_en and first_es and not set(first_en) & {"es/", "es/modules/words/"}
        page = mini_course / "docs_es/modules/listening.md"
        page.write_text(page.read_text().replace("Escuchar va primero.",
                                                 "Escuchar siempre va primero."))
        steps.append("page" if wait_for(base + "es/modules/listening/",
                                        "Escuchar siempre va primero") else "page not rebuilt")
        quiz = mini_course / "quizzes/words.yml"
        quiz.write_text(quiz.read_text().replace("Revisemos juntos los dos cargos.",
                                                 "Revisemos juntos ambos cargos."))
        steps.append("quiz" if wait_for(base + "es/modules/words/",
                                        "Revisemos juntos ambos cargos") else "quiz not rebuilt")
        # only the changed pages were rendered again; the index still has every page
        en_index, es_index = index(base + "search/search_index.json"), \
            index(base + "es/search/search_index.json")
        steps.append("index" if (set(en_index) == set(first_en) and set(es_index) == set(first_es)
                                 and any("ambos cargos" in t for t in es_index.values())
                                 and not any("ambos cargos" in t for t in en_index.values()))
                     else f"index changed: {sorted(set(first_es) ^ set(es_index))}")
        # a new title is in the navigation of pages that did not change
        listening = mini_course / "docs/modules/listening.md"
        listening.write_text(listening.read_text().replace("title: Listening",
                                                           "title: Listening first"))
        steps.append("nav" if wait_for(base + "glossary/", "Listening first") else "stale nav")
        # a page taken out of the course is gone from the preview too
        outline = mini_course / "course.yml"
        outline.write_text(outline.read_text().replace(
            '  - section: {en: "Reference", es: "Referencia"}\n    pages: [glossary.md]\n', ""))
        for folder in ("docs", "docs_es"):
            (mini_course / folder / "glossary.md").unlink()
        deadline = time.monotonic() + 60
        while fetch(base + "glossary/") and time.monotonic() < deadline:
            time.sleep(0.3)
        steps.append("removed" if not fetch(base + "glossary/")
                     and "glossary/" not in index(base + "search/search_index.json")
                     else "removed page still served")
        # a content error is reported but the preview keeps serving
        words = mini_course / "docs/modules/words.md"
        words.write_text(words.read_text().replace("## The swap {#swap}", "## The swap"))
        time.sleep(3)
        steps.append("serving" if "Words matter" in fetch(base + "modules/words/")
                     else "stopped serving")
    finally:
        proc.terminate()
        try:
            output, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            output, _ = proc.communicate()
    assert steps == ["up", "page", "quiz", "index", "nav", "removed", "serving"], \
        f"{steps}\n--- serve output ---\n{output}"
    assert "page-heading-id" in output, output
    assert "Traceback" not in output, output
