"""Lints for editors: accessible images and links, readable paragraphs, no leftover TODOs.

Each finding names the file and line. Missing alt text and leftover TODO placeholders are
errors (a learner would meet them); vague link text and long paragraphs are warnings.
Heading levels are checked by ``checks.pages`` (page-heading-skip).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from course_builder import LANGS
from course_builder.issues import Issue, Severity
from course_builder.load.pages import ADMONITION_RE, DIRECTIVE_CLOSE_RE, DIRECTIVE_OPEN_RE, FENCE_RE
from course_builder.load.yamlfile import YMap, YSeq
from course_builder.model.course import Course, Page

MAX_PARAGRAPH_WORDS = 120
TODO_RE = re.compile(r"\bTODO\b")
IMG_TAG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT_ATTR_RE = re.compile(r"""\balt\s*=\s*(["'])\s*[^"'\s]""", re.IGNORECASE)
LINK_TEXT_RE = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")
# Link texts that say nothing out of context (screen readers list links on their own).
VAGUE_LINK_TEXT: dict[str, frozenset[str]] = {
    "en": frozenset({"click here", "here", "click", "this", "this link", "link", "read more",
                     "more", "learn more", "this page", "go", "see here", "details"}),
    "es": frozenset({"aquí", "aqui", "haz clic aquí", "haz clic aqui", "haga clic aquí",
                     "clic aquí", "clic", "pulsa aquí", "este enlace", "enlace", "más",
                     "leer más", "ver más", "más información", "esta página"}),
}

CODES: dict[str, str] = {
    "page-todo": "a page still holds TODO placeholders (from `course-builder new`): finish it "
                 "before it ships",
    "yaml-todo": "a quiz, scenario or other YAML file still holds TODO placeholders",
    "lint-image-alt": "an image has no alt text (write what it shows, for screen readers)",
    "lint-link-text": "(warning) a link's text says nothing on its own ('click here', 'aquí')",
    "lint-long-paragraph": f"(warning) a paragraph longer than {MAX_PARAGRAPH_WORDS} words",
}


def check_lints(course: Course) -> Iterator[Issue]:
    for lang in LANGS:
        for page in course.pages.get(lang, {}).values():
            yield from _todos_in_page(page)
            yield from _images(page)
            yield from _link_texts(page)
            yield from _long_paragraphs(page)
    from course_builder.translations import yaml_files
    for path in yaml_files(course.root):
        yield from todos_in_yaml(path)


# -- TODO placeholders -----------------------------------------------------------------------
def _todos_in_page(page: Page) -> Iterator[Issue]:
    lines = [*_meta_todo_lines(page.meta)]
    if TODO_RE.search(page.body):  # most pages have none: skip the line-by-line pass
        lines += [page.body_line + i for i, text in _prose_lines(page) if TODO_RE.search(text)]
    if lines:
        yield _todo_issue(page.path, sorted(set(lines)), "page-todo", "this page")


def _meta_todo_lines(value: Any, line: int = 0) -> Iterator[int]:
    if isinstance(value, YMap):
        for key, item in value.items():
            yield from _meta_todo_lines(item, value.pos_of(key).line)
    elif isinstance(value, YSeq):
        for index, item in enumerate(value):
            yield from _meta_todo_lines(item, value.pos_at(index).line)
    elif isinstance(value, str) and TODO_RE.search(value):
        yield line


def todos_in_yaml(path: Path) -> Iterator[Issue]:
    """One issue per YAML file with TODO in any value (comments may say TODO freely)."""
    try:
        text = path.read_text(encoding="utf-8")
        if not TODO_RE.search(text):
            return  # nearly every file: no need to parse it a second time
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return  # the loaders report unreadable files
    lines = sorted(set(_scalar_todo_lines(root)))
    if lines:
        yield _todo_issue(path, lines, "yaml-todo", "this file")


def _scalar_todo_lines(node: Node | None) -> Iterator[int]:
    if isinstance(node, ScalarNode):
        if TODO_RE.search(node.value):
            yield node.start_mark.line + 1
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _scalar_todo_lines(key)
            yield from _scalar_todo_lines(value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _scalar_todo_lines(item)


def _todo_issue(path: Path, lines: list[int], code: str, what: str) -> Issue:
    count = len(lines)
    more = f" (and {count - 1} more, on lines {_ranges(lines[1:])})" if count > 1 else ""
    return Issue(path, lines[0], code,
                 f"{what} still has a TODO placeholder here{more}",
                 "replace every TODO with the real text (search the file for TODO); "
                 "the placeholders come from `course-builder new`")


def _ranges(lines: list[int], limit: int = 8) -> str:
    shown = ", ".join(str(n) for n in lines[:limit])
    return shown + (", …" if len(lines) > limit else "")


# -- images and links ------------------------------------------------------------------------
def _images(page: Page) -> Iterator[Issue]:
    for link in page.links:
        if link.image and not link.text.strip():
            yield Issue(page.path, link.line, "lint-image-alt",
                        f"the image '{link.target}' has no alt text",
                        "write what the image shows between the brackets: "
                        "![A team lead coaching an agent](...)")
    for index, text in _prose_lines(page):
        for tag in IMG_TAG_RE.findall(text):
            if not ALT_ATTR_RE.search(tag):
                yield Issue(page.path, page.body_line + index, "lint-image-alt",
                            "this <img> has no alt text", 'add alt="what the image shows"')


def _link_texts(page: Page) -> Iterator[Issue]:
    vague = VAGUE_LINK_TEXT.get(page.lang, frozenset()) | VAGUE_LINK_TEXT["en"]
    for index, text in _prose_lines(page):
        if "](" not in text:
            continue
        for match in LINK_TEXT_RE.finditer(_strip_code_spans(text)):
            words = _plain(match.group(1))
            if words in vague:
                yield Issue(page.path, page.body_line + index, "lint-link-text",
                            f"the link text '{match.group(1)}' says nothing on its own",
                            "name where the link goes: 'see [the glossary](...)' rather than "
                            "'[click here](...)'" if page.lang == "en" else
                            "di adónde lleva el enlace: 'consulta [el glosario](...)' en lugar "
                            "de '[aquí](...)'", Severity.WARNING)


_EMPHASIS_RE = re.compile(r"[*_`~]")
_PUNCTUATION_RE = re.compile(r"[^\w\s]")
_CODE_SPAN_RE = re.compile(r"`[^`]*`")


def _plain(text: str) -> str:
    text = _EMPHASIS_RE.sub("", text).lower()
    return " ".join(_PUNCTUATION_RE.sub(" ", text).split())


def _strip_code_spans(line: str) -> str:
    return _CODE_SPAN_RE.sub("", line) if "`" in line else line


# -- paragraphs ------------------------------------------------------------------------------
def _long_paragraphs(page: Page) -> Iterator[Issue]:
    """A paragraph is a run of consecutive prose lines; a blank line, a skipped line (heading,
    block marker...) or a list item, quote or table row starts a new one."""
    start, words, previous = 0, 0, -2
    for index, text in [*_prose_lines(page, paragraphs=True), (10**9, "")]:
        stripped = text.strip()
        if not stripped or index != previous + 1 or _is_block_start(stripped):
            if words > MAX_PARAGRAPH_WORDS:
                yield Issue(page.path, page.body_line + start, "lint-long-paragraph",
                            f"this paragraph has {words} words (more than "
                            f"{MAX_PARAGRAPH_WORDS})",
                            "split it, or turn it into a list: short paragraphs are easier to "
                            "read on a screen and in a second language", Severity.WARNING)
            start, words = index, 0
        previous = index
        if stripped:
            if not words:
                start = index
            words += _count_words(stripped)


_BLOCK_START_RE = re.compile(r"^(?:[-*+]\s|\d+[.)]\s|>|\|)")
_LINK_TARGET_RE = re.compile(r"\]\([^)]*\)")
_ATTR_LIST_RE = re.compile(r"\{[^}]*\}")
# A word: a run of non-space characters with at least one letter or digit in it.
_WORD_RE = re.compile(r"\S*\w\S*")


def _is_block_start(line: str) -> bool:
    return bool(_BLOCK_START_RE.match(line))


def _count_words(line: str) -> int:
    line = _LINK_TARGET_RE.sub("]", line)          # link targets are not words
    line = _ATTR_LIST_RE.sub("", line)             # attribute lists
    return len(_WORD_RE.findall(line))


def _prose_lines(page: Page, paragraphs: bool = False) -> Iterator[tuple[int, str]]:
    """(index in body, line) of every line outside fenced code; with ``paragraphs``, also
    without headings, directive markers, admonition titles, tables and raw HTML."""
    fence: str | None = None
    for index, line in enumerate(page.body.split("\n")):
        if fence:
            if line.strip().startswith(fence):
                fence = None
            continue
        match = FENCE_RE.match(line)
        if match:
            fence = match.group(1)[0] * 3
            continue
        if paragraphs:
            stripped = line.strip()
            if (stripped.startswith(("#", "|", "<")) or DIRECTIVE_OPEN_RE.match(stripped)
                    or DIRECTIVE_CLOSE_RE.match(stripped) or ADMONITION_RE.match(stripped)):
                continue
        yield index, line
