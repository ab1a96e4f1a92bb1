"""Whole builds in tmp_path: the site's shape, atomic replacement, and the CLI's contract."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from course_builder.build import BuildFailed, build_site

pytestmark = pytest.mark.slow

# Anything the browser would fetch: src= of any element, href= of <link> (stylesheets, fonts,
# icons). Plain <a href> to another site is a link a person may follow, not a request.
EXTERNAL = re.compile(r"""(?:\ssrc|<link\b[^>]*\shref)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "course_builder", *args], cwd=cwd, text=True,
                          capture_output=True, env={**os.environ, **(env or {})}, timeout=300)


def test_build_makes_both_languages(mini_course: Path) -> None:
    log = StringIO()
    site = build_site(mini_course, log)
    out = log.getvalue()
    assert (site / "index.html").is_file() and (site / "es" / "index.html").is_file()
    assert '<html lang="es"' in (site / "es/modules/words/index.html").read_text()
    assert '<html lang="en"' in (site / "modules/words/index.html").read_text()
    for stage in ("checking content", "assembling", "building the site", "built 'en'",
                  "built 'es'", "checking links"):
        assert stage in out, f"stage '{stage}' not reported:\n{out}"
    assert out.strip().splitlines()[-1].startswith("✓ built")
    # Spanish navigation titles and site name
    es_home = (site / "es/index.html").read_text()
    assert "Minicurso" in es_home and "Habilidades esenciales" in es_home
    # facilitator notes never reach learners
    assert "Play two short recordings" not in (site / "modules/listening/index.html").read_text()


def test_search_index_is_split_by_language(mini_course: Path) -> None:
    site = build_site(mini_course, StringIO(), link_check=False)
    en = json.loads((site / "search/search_index.json").read_text())
    es = json.loads((site / "es/search/search_index.json").read_text())
    assert en["config"]["lang"] == ["en"] and es["config"]["lang"] == ["es"]
    assert all(not d["location"].startswith("es/") for d in en["docs"])
    assert any("desesperación" in d["text"] for d in es["docs"])
    assert not any("desesperación" in d["text"] for d in en["docs"])


def test_no_reference_to_other_hosts(mini_course: Path) -> None:
    site = build_site(mini_course, StringIO(), link_check=False)
    offenders = []
    for page in site.rglob("*.html"):
        for match in EXTERNAL.finditer(page.read_text(encoding="utf-8")):
            offenders.append(f"{page.relative_to(site)}: {match.group(0)}")
    for css in site.rglob("*.css"):
        if re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8")):
            offenders.append(str(css.relative_to(site)))
    assert offenders == []


def _fingerprint(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_content_error_keeps_previous_site(mini_course: Path) -> None:
    site = build_site(mini_course, StringIO(), link_check=False)
    before = _fingerprint(site)
    words = mini_course / "docs/modules/words.md"
    words.write_text(words.read_text().replace("## The swap {#swap}", "## The swap"))
    log = StringIO()
    with pytest.raises(BuildFailed, match="content errors"):
        build_site(mini_course, log, link_check=False)
    assert "docs/modules/words.md:12: [page-heading-id]" in log.getvalue()
    assert _fingerprint(site) == before
    assert not list(mini_course.glob(".site-new-*")), "temporary build folder left behind"


def test_broken_link_in_built_site_keeps_previous_site(mini_course: Path) -> None:
    site = build_site(mini_course, StringIO(), link_check=False)
    before = _fingerprint(site)
    glossary = mini_course / "docs/glossary.md"
    # raw HTML links are not Markdown links: only the link checker of the built site sees them
    glossary.write_text(glossary.read_text() + '\n<a href="../nowhere/">gone</a>\n')
    log = StringIO()
    with pytest.raises(BuildFailed, match="broken link"):
        build_site(mini_course, log)
    assert "nowhere" in log.getvalue()
    assert _fingerprint(site) == before


def test_cli_check_exit_codes_and_format(mini_course: Path) -> None:
    ok = run_cli("check", cwd=mini_course)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "no errors" in ok.stdout
    (mini_course / "docs_es/modules/listening.md").unlink()
    words = mini_course / "docs/modules/words.md"
    words.write_text(words.read_text().replace("(listening.md#emotion)", "(listening.md#emotions)"))
    bad = run_cli("check", cwd=mini_course, env={"GITHUB_ACTIONS": "true"})
    assert bad.returncode == 1
    assert "docs/modules/listening.md:1: [page-missing-translation]" in bad.stdout
    assert "docs/modules/words.md:20: [link-missing-anchor]" in bad.stdout
    assert "hint: did you mean '#emotion'?" in bad.stdout
    assert "::error file=docs/modules/words.md,line=20,title=link-missing-anchor::" in bad.stdout
    assert bad.stdout.strip().splitlines()[-1].startswith("✗ 2 errors in 2 files")
    assert "Traceback" not in bad.stdout + bad.stderr


def test_cli_help_has_examples(tmp_path: Path) -> None:
    for args in (["--help"], ["check", "--help"], ["build", "--help"], ["serve", "--help"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 0 and "examples:" in result.stdout


def test_cli_outside_a_project_explains(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "no course.yml found" in result.stderr and "Traceback" not in result.stderr


def test_mkdocs_build_works_through_the_plugin(mini_course: Path, tmp_path: Path) -> None:
    """Plain `mkdocs build` (no course-builder) assembles through the thin plugin."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d",
                             str(tmp_path / "plain")], cwd=mini_course, text=True,
                            capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plain/es/modules/words/index.html").is_file()


@pytest.mark.parametrize("fork", [True, False])
def test_content_problems_come_before_a_broken_mkdocs_config(
        mini_course: Path, monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    """MkDocs starts while the content is checked (in a forked child when it can): a
    configuration MkDocs rejects is reported only after the content problems, and alone when
    the content is fine. Either way nothing is left behind."""
    from course_builder import ahead
    monkeypatch.setattr(ahead, "can_fork", lambda: fork)
    config = mini_course / "mkdocs.yml"
    config.write_text(config.read_text() + "\nuse_directory_urls: maybe\n")
    log = StringIO()
    with pytest.raises(BuildFailed, match="MkDocs could not build the site"):
        build_site(mini_course, log, link_check=False, pdfs=False)
    assert "no errors" in log.getvalue()

    words = mini_course / "docs/modules/words.md"
    words.write_text(words.read_text().replace("## The swap {#swap}", "## The swap"))
    log = StringIO()
    with pytest.raises(BuildFailed, match="content errors"):
        build_site(mini_course, log, link_check=False, pdfs=False)
    assert "[page-heading-id]" in log.getvalue()
    assert not (mini_course / "site").exists()
    assert not list(mini_course.glob(".site-new-*")), "temporary build folder left behind"
