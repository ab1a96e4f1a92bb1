"""Light Markdown in YAML strings (emphasis, strong, code, links) rendered safely.

HTML in the source is escaped before Markdown runs, and only http(s), mailto and relative
link targets survive, so a string can never inject markup or script.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown

_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def _safe_href(href: str) -> bool:
    """Relative links, anchors, http(s) and mailto only."""
    match = _SCHEME.match(href)
    return match is None or match.group(1).lower() in {"http", "https", "mailto"}

_HREF = re.compile(r'href="([^"]*)"')


@lru_cache(maxsize=4096)
def inline_md(text: str) -> str:
    """Render one string as inline HTML (no wrapping <p>)."""
    escaped = html.escape(text, quote=False)
    out = markdown.markdown(escaped, extensions=[], output_format="html")
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]

    def keep_safe(match: re.Match[str]) -> str:
        href = html.unescape(match.group(1))
        return match.group(0) if _safe_href(href) else 'href="#"'

    return _HREF.sub(keep_safe, out)


def block_md(text: str) -> str:
    """Render a string that may hold several paragraphs or a list."""
    escaped = html.escape(text, quote=False)
    out = markdown.markdown(escaped, extensions=[], output_format="html")
    return _HREF.sub(lambda m: m.group(0) if _safe_href(html.unescape(m.group(1)))
                     else 'href="#"', out)
