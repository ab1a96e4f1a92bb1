"""Light Markdown in YAML strings (emphasis, strong, code, links) rendered safely.

HTML in the source is escaped before Markdown runs, and only http(s), mailto and relative
link targets survive, so a string can never inject markup or script.
"""

from __future__ import annotations

import html
import re
import threading
from functools import lru_cache

import markdown

_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def _safe_href(href: str) -> bool:
    """Relative links, anchors, http(s) and mailto only."""
    match = _SCHEME.match(href)
    return match is None or match.group(1).lower() in {"http", "https", "mailto"}

_HREF = re.compile(r'href="([^"]*)"')


_local = threading.local()
# Text Markdown would give back unchanged (inside <p>): no markup characters, no control
# characters, nothing at the start that opens a block (list, heading, quote, code). Nearly
# every string in the course is like this, and skipping Markdown for them made rendering the
# widgets and workshop pages several times faster (BENCHMARKS.md).
_PLAIN = re.compile(r"[^\x00-\x1f\x7f*_`\[\]!\\<>&#]*\Z")
_BLOCK_START = re.compile(r"\s|\d+[.)]|[-+*=#>]")


def _plain(text: str) -> bool:
    return (bool(text) and text.strip() == text and "  " not in text
            and _PLAIN.match(text) is not None and _BLOCK_START.match(text) is None)


def _markdown(text: str) -> str:
    """``markdown.markdown`` without building a new parser for every string (building it
    was half the time of rendering the widgets, BENCHMARKS.md); one per thread."""
    if _plain(text):
        return f"<p>{text}</p>"
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown(extensions=[], output_format="html")
    return md.reset().convert(text)


@lru_cache(maxsize=4096)
def inline_md(text: str) -> str:
    """Render one string as inline HTML (no wrapping <p>)."""
    escaped = html.escape(text, quote=False)
    out = _markdown(escaped)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]

    def keep_safe(match: re.Match[str]) -> str:
        href = html.unescape(match.group(1))
        return match.group(0) if _safe_href(href) else 'href="#"'

    return _HREF.sub(keep_safe, out)


@lru_cache(maxsize=4096)
def block_md(text: str) -> str:
    """Render a string that may hold several paragraphs or a list."""
    escaped = html.escape(text, quote=False)
    out = _markdown(escaped)
    return _HREF.sub(lambda m: m.group(0) if _safe_href(html.unescape(m.group(1)))
                     else 'href="#"', out)
