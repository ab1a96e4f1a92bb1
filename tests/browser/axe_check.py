"""One way for every browser test to run axe: the vendored axe-core (the pip package's copy
when it is missing), on the page at rest, with the failures of that same run in the message.

CSS transitions and animations are switched off for the scan: a colour caught half-way
through a transition (a button fading in, a scheme switch) was once reported as too little
contrast under load, and the report then came from a second, clean run.
"""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe, AxeResults
from playwright.sync_api import Page

AXE_FILE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE = Axe.from_file(str(AXE_FILE)) if AXE_FILE.is_file() else Axe()
AT_REST = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def axe_results(page: Page) -> AxeResults:
    page.add_style_tag(content=AT_REST)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return AXE.run(page)


def assert_axe_clean(page: Page) -> None:
    results = axe_results(page)
    assert results.violations_count == 0, results.generate_snapshot()
