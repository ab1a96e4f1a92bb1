"""Lints for editors: accessible images and links, readable paragraphs, no leftover TODOs.

Each finding names the file and line. Missing alt text and leftover TODO placeholders are
errors (a learner would meet them); vague link text and long paragraphs are warnings.
Heading levels are checked by ``checks.pages`` (page-heading-skip).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

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
            prose = _prose(page)
            yield from _todos_in_page(page, prose)
            yield from _images(page, prose)
            yield from _link_texts(page, prose)
            yield from _long_paragraphs(page, prose)
    from course_builder.translations import yaml_files
    for path in yaml_files(course.root):
        yield from todos_in_yaml(path)


# -- TODO placeholders -----------------------------------------------------------------------
def _has_todo(text: str) -> bool:
    return "TODO" in text and TODO_RE.search(text) is not None  # `in` first: much faster


def _todos_in_page(page: Page, prose: list[_Line]) -> Iterator[Issue]:
    lines = [*_meta_todo_lines(page.meta)]
    if _has_todo(page.body):  # most pages have none: skip the line-by-line pass
        lines += [page.body_line + line.index for line in prose if _has_todo(line.text)]
    if lines:
        yield _todo_issue(page.path, sorted(set(lines)), "page-todo", "this page")


def _meta_todo_lines(value: Any, line: int = 0) -> Iterator[int]:
    if isinstance(value, YMap):
        for key, item in value.items():
            yield from _meta_todo_lines(item, value.pos_of(key).line)
    elif isinstance(value, YSeq):
        for index, item in enumerate(value):
            yield from _meta_todo_lines(item, value.pos_at(index).line)
    elif isinstance(value, str) and _has_todo(value):
        yield line


def todos_in_yaml(path: Path) -> Iterator[Issue]:
    """One issue per YAML file with TODO in any value (comments may say TODO freely)."""
    try:
        text = path.read_text(encoding="utf-8")
        if not _has_todo(text):
            return  # nearly every file: no need to parse it a second time
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return  # the loaders report unreadable files
    lines = sorted(set(_scalar_todo_lines(root)))
    if lines:
        yield _todo_issue(path, lines, "yaml-todo", "this file")


def _scalar_todo_lines(node: Node | None) -> Iterator[int]:
    if isinstance(node, ScalarNode):
        if _has_todo(node.value):
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
def _images(page: Page, prose: list[_Line]) -> Iterator[Issue]:
    for link in page.links:
        if link.image and not link.text.strip():
            yield Issue(page.path, link.line, "lint-image-alt",
                        f"the image '{link.target}' has no alt text",
                        "write what the image shows between the brackets: "
                        "![A team lead coaching an agent](...)")
    for line in prose:
        if "<" not in line.text:
            continue
        for tag in IMG_TAG_RE.findall(line.text):
            if not ALT_ATTR_RE.search(tag):
                yield Issue(page.path, page.body_line + line.index, "lint-image-alt",
                            "this <img> has no alt text", 'add alt="what the image shows"')


def _link_texts(page: Page, prose: list[_Line]) -> Iterator[Issue]:
    vague = VAGUE_LINK_TEXT.get(page.lang, frozenset()) | VAGUE_LINK_TEXT["en"]
    for line in prose:
        if "](" not in line.text:
            continue
        for match in LINK_TEXT_RE.finditer(_strip_code_spans(line.text)):
            words = _plain(match.group(1))
            if words in vague:
                yield Issue(page.path, page.body_line + line.index, "lint-link-text",
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
def _long_paragraphs(page: Page, prose: list[_Line]) -> Iterator[Issue]:
    """A paragraph is a run of consecutive prose lines; a blank line, a skipped line (heading,
    block marker...) or a list item, quote or table row starts a new one."""
    start, words, previous = 0, 0, -2
    for index, stripped in [*((p.index, p.stripped) for p in prose if p.paragraph),
                            (10**9, "")]:
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
# A word: a run of non-space characters with at least one letter or digit in it. Counted as
# the runs (str.split) less those without any (a regex for the words backtracks on each).
_NOT_A_WORD_RE = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")


def _is_block_start(line: str) -> bool:
    return bool(_BLOCK_START_RE.match(line))


def _count_words(line: str) -> int:
    if "](" in line:
        line = _LINK_TARGET_RE.sub("]", line)      # link targets are not words
    if "{" in line:
        line = _ATTR_LIST_RE.sub("", line)         # attribute lists
    return len(line.split()) - len(_NOT_A_WORD_RE.findall(line))


class _Line(NamedTuple):
    index: int        # in the page body
    text: str
    stripped: str
    paragraph: bool   # part of a paragraph: not a heading, marker, table row or raw HTML


def _prose(page: Page) -> list[_Line]:
    """Every line outside fenced code, split once per page for all the lints."""
    lines: list[_Line] = []
    fence: str | None = None
    for index, line in enumerate(page.body.split("\n")):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        match = FENCE_RE.match(line)
        if match:
            fence = match.group(1)[0] * 3
            continue
        paragraph = not (stripped.startswith(("#", "|", "<"))
                         or (stripped.startswith(("///", "!!!", "???"))
                             and (DIRECTIVE_OPEN_RE.match(stripped)
                                  or DIRECTIVE_CLOSE_RE.match(stripped)
                                  or ADMONITION_RE.match(stripped))))
        lines.append(_Line(index, line, stripped, paragraph))
    return lines
