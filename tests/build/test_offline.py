"""The offline copy: a zip that, unpacked anywhere and opened through file://, shows both
languages and searches each of them without any network."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from course_builder.build import BuildFailed
from course_builder.journey.offline import SHIM_SITE, build_offline, search_languages

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium (never `playwright install`), as in tests/browser/conftest.py."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]}


def copy_mini(dest: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", dest)
    for name in ("mkdocs.yml", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    return dest


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("offline")
    out = build_offline(copy_mini(work / "course"), work / "dist" / "mini-offline.zip")
    assert out == work / "dist" / "mini-offline.zip"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(work / "unpacked")
    return work / "unpacked" / "mini-offline"


def test_zip_holds_one_folder_with_both_languages(unpacked: Path) -> None:
    assert sorted(p.name for p in unpacked.parent.iterdir()) == ["mini-offline"]
    for rel in ("index.html", "es/index.html", "modules/words.html", "es/modules/words.html",
                "progress.html", "es/certificate.html", "README.txt", SHIM_SITE,
                "search/search_index.js", "es/search/search_index.js"):
        assert (unpacked / rel).is_file(), rel
    readme = (unpacked / "README.txt").read_text(encoding="utf-8")
    assert "index.html" in readme and "Abre index.html" in readme


def test_no_page_points_outside_the_copy(unpacked: Path) -> None:
    for page in unpacked.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in text, page
        assert "iframe-worker/shim.js" in text or page.name == "404.html", page
        assert "fonts.googleapis" not in text, page


def test_each_language_has_its_own_inlined_index(unpacked: Path) -> None:
    counts = search_languages(unpacked)
    assert set(counts) == {"en", "es"} and all(counts.values())
    spanish = (unpacked / "es" / "search" / "search_index.js").read_text(encoding="utf-8")
    assert spanish.startswith("var __index = ") and "Palabras" in spanish
    assert '"location": "modules/words.html' in spanish.replace('":"', '": "')


def _search(page: Page, word: str) -> list[str]:
    page.locator("input.md-search__input").click()
    page.keyboard.type(word)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    return [a.get_attribute("href") or "" for a in results.all()]


@pytest.mark.parametrize(("path", "lang", "title", "word", "hit"), [
    ("index.html", "en", "Welcome", "emotion", "/modules/listening.html"),
    ("es/index.html", "es", "Bienvenida", "emoción", "/es/modules/listening.html"),
])
def test_opens_from_disk_and_searches_its_language(page: Page, unpacked: Path, path: str,
                                                   lang: str, title: str, word: str,
                                                   hit: str) -> None:
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    page.goto((unpacked / path).as_uri())
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("article h1")).to_have_text(title)
    hrefs = _search(page, word)
    assert any(hit in h for h in hrefs), hrefs
    spanish = [h for h in hrefs if f"{unpacked.as_uri()}/es/" in h]
    assert len(spanish) == (len(hrefs) if lang == "es" else 0), "results in the page's language"
    page.locator(".md-search-result__item a").first.click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert page.url.startswith("file://") and hit.split("/")[-1] in page.url
    assert outside == [], f"requests that need a network: {outside}"


def test_spanish_page_links_to_the_english_one_on_disk(page: Page, unpacked: Path) -> None:
    page.goto((unpacked / "es" / "modules" / "words.html").as_uri())
    english = page.locator("a.md-select__link[hreflang='en']").first.get_attribute("href")
    assert english == "../../modules/words.html"


def test_content_errors_fail_the_offline_build(tmp_path: Path) -> None:
    course = copy_mini(tmp_path / "course")
    (course / "quizzes" / "words.yml").write_text("id: words\nquestions: oops\n",
                                                  encoding="utf-8")
    with pytest.raises(BuildFailed, match="content error"):
        build_offline(course, tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()
