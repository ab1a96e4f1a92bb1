"""An untranslated page falls back to English in the Spanish site, under a banner saying so.

`course-builder check` fails on a missing Spanish page, so only a preview build
(COURSE_BUILDER_PREVIEW=1, as `course-builder serve` sets) ever publishes one; the banner comes
from overrides/main.html when static-i18n serves the English file under /es/.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BANNER = "cb-untranslated"


def test_a_missing_spanish_page_shows_the_untranslated_banner(
        mini_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (mini_course / "docs_es" / "glossary.md").unlink()
    monkeypatch.setenv("COURSE_BUILDER_PREVIEW", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site = tmp_path / "site"
    build(load_config(config_file=str(mini_course / "mkdocs.yml"), site_dir=str(site),
                      strict=False))
    fallback = (site / "es" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert BANNER in fallback and "Página sin traducir" in fallback
    assert '<html lang="es"' in fallback
    for translated in ("es/index.html", "es/modules/words/index.html", "glossary/index.html",
                       "index.html"):
        assert BANNER not in (site / translated).read_text(encoding="utf-8"), translated
