"""The scenario widget's own JS and CSS stay small: at most 4.5 KB gzipped, minified."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import rcssmin
import rjsmin

ASSETS = Path(__file__).resolve().parents[2] / "course_builder" / "assets"
BUDGET = 4500  # bytes, gzipped; the whole site's own JS+CSS must stay under 12 KB


def test_scenario_assets_fit_the_budget() -> None:
    js = rjsmin.jsmin((ASSETS / "scenario.js").read_text(encoding="utf-8"))
    css = rcssmin.cssmin((ASSETS / "scenario.css").read_text(encoding="utf-8"))
    size = len(gzip.compress((js + "\n" + css).encode("utf-8"), compresslevel=9))
    assert size <= BUDGET, f"scenario.js + scenario.css: {size} bytes gzipped > {BUDGET}"


def test_selectors_are_scoped() -> None:
    """Every CSS rule is under the widget's roots, so nothing leaks into the page."""
    css = rcssmin.cssmin((ASSETS / "scenario.css").read_text(encoding="utf-8"))
    body = css.replace("@media print{", "").replace("}}", "}")
    for rule in body.split("}"):
        if "{" not in rule:
            continue
        for selector in re.split(r",(?![^()]*\))", rule.split("{")[0]):
            scoped = selector.removeprefix("[data-md-color-scheme=slate] ")  # dark scheme
            assert scoped.startswith((".cb-scenario", ".cb-sc-cards")), selector
