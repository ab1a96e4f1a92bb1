"""What content may not contain: it arrives through pull requests from outsiders."""

from __future__ import annotations

import re

# In Markdown pages: elements that run code or embed other sites, and event attributes.
DANGEROUS_TAG_RE = re.compile(r"<\s*(script|iframe|object|embed|form|base|meta|link|style)\b",
                              re.IGNORECASE)
EVENT_ATTR_RE = re.compile(r"<[a-zA-Z][^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
JS_URL_RE = re.compile(r"(?:href|src)\s*=\s*[\"']?\s*javascript:|\]\(\s*javascript:", re.IGNORECASE)
# In YAML strings: no HTML at all (Markdown only).
ANY_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")
JS_LINK_RE = re.compile(r"\]\(\s*javascript:", re.IGNORECASE)


def unsafe_in_markdown(line: str) -> list[str]:
    """Problems in one line of a Markdown page (raw HTML is allowed, except these)."""
    if "<" not in line and ":" not in line:
        return []  # most lines: every pattern needs a tag or a 'javascript:'
    found = [f"a <{m.group(1).lower()}> element" for m in DANGEROUS_TAG_RE.finditer(line)]
    found += [f"an event attribute '{m.group(1).lower()}='" for m in EVENT_ATTR_RE.finditer(line)]
    if JS_URL_RE.search(line):
        found.append("a javascript: link")
    return found


def unsafe_in_text(text: str) -> list[str]:
    """Problems in a YAML string, where HTML is not allowed at all."""
    if "<" not in text and "](" not in text:
        return []  # most strings: a tag needs '<', a javascript: link needs ']('
    found = [f"the HTML tag '{m.group(0)[:40]}'" for m in ANY_TAG_RE.finditer(text)]
    if JS_LINK_RE.search(text):
        found.append("a javascript: link")
    return found
