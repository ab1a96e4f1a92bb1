"""Read Markdown pages: front matter (with lines), headings, links, directives, admonitions.

A light line scanner, not a Markdown renderer: it skips fenced code and knows just enough
syntax to give the checks positions. The assembler renders the real page later.
"""

from __future__ import annotations

import re
from pathlib import Path

from course_builder.issues import Issue, Pos
from course_builder.load.yamlfile import YMap, parse_yaml
from course_builder.model.course import Admonition, Directive, Heading, Link, Page

FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
ATTR_ID_RE = re.compile(r"#([A-Za-z0-9_-]+)")
LINK_RE = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_ID_RE = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")
DIRECTIVE_OPEN_RE = re.compile(r"^///\s*([A-Za-z][\w-]*)\s*(?:\|\s*(.*?))?\s*$")
DIRECTIVE_CLOSE_RE = re.compile(r"^///\s*$")
ADMONITION_RE = re.compile(r'^(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?\s*$')


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return None, text, 1


def load_page(path: Path, rel: str, lang: str) -> tuple[Page, list[Issue]]:
    issues: list[Issue] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = ""
        issues.append(Issue(path, 0, "file-encoding", "this file is not UTF-8 text",
                            "save it as UTF-8"))
    fm, body, body_line = split_front_matter(text)
    meta: dict = {}
    if fm is None:
        if text.lstrip().startswith("---"):
            issues.append(Issue(path, 1, "page-front-matter",
                                "the front matter starting with '---' is never closed",
                                "end the front matter with a line holding only '---'"))
        else:
            issues.append(Issue(path, 1, "page-front-matter", "this page has no front matter",
                                "start the file with '---', then 'id:' and 'title:' lines, "
                                "then '---' (see CONTRIBUTING.md)"))
    else:
        data, yaml_issues = parse_yaml(fm, path, line_offset=1)
        issues += [Issue(i.path, i.line, "page-front-matter", i.message, i.hint)
                   if i.code == "yaml-syntax" else i for i in yaml_issues]
        if data is None and not yaml_issues:
            data = YMap()
            data.pos, data.key_pos = Pos(path, 1), {}
        if data is not None and not isinstance(data, dict):
            issues.append(Issue(path, 2, "page-front-matter",
                                "the front matter should be 'key: value' lines",
                                "write for example 'id: my-page' and 'title: My page'"))
        elif data is not None:
            meta = data
    page = Page(lang=lang, rel=rel, path=path, meta=meta, body=body, body_line=body_line)
    _scan_body(page)
    return page, issues


def _scan_body(page: Page) -> None:
    fence: str | None = None
    open_directive: tuple[str, str, int, list[str]] | None = None
    lines = page.body.split("\n")
    for index, line in enumerate(lines):
        lineno = page.body_line + index
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            if open_directive:
                open_directive[3].append(line)
            continue
        match = FENCE_RE.match(line)
        if match:
            fence = match.group(1)[0] * 3
            if open_directive:
                open_directive[3].append(line)
            continue
        if open_directive:
            if DIRECTIVE_CLOSE_RE.match(line):
                name, arg, start, body = open_directive
                page.directives.append(Directive(name, arg, tuple(body), start, lineno))
                open_directive = None
                continue
            open_directive[3].append(line)
        else:
            match = DIRECTIVE_OPEN_RE.match(line)
            if match:
                open_directive = (match.group(1), (match.group(2) or "").strip(), lineno, [])
                continue
        match = HEADING_RE.match(line)
        if match and not line.startswith(" "):
            attrs = match.group(3) or ""
            id_match = ATTR_ID_RE.search(attrs)
            heading = Heading(len(match.group(1)), match.group(2).strip(),
                              id_match.group(1) if id_match else None, lineno)
            page.headings.append(heading)
            if heading.id:
                page.anchors.add(heading.id)
        match = ADMONITION_RE.match(line)
        if match:
            body = []
            for following in lines[index + 1:]:
                if following.startswith("    ") or not following.strip():
                    body.append(following[4:])
                else:
                    break
            page.admonitions.append(Admonition(match.group(2), match.group(3) or "",
                                               "\n".join(body).strip(), lineno))
        for link in LINK_RE.finditer(_strip_code_spans(line)):
            page.links.append(Link(link.group(3), link.group(2), lineno, bool(link.group(1))))
        for html_id in HTML_ID_RE.findall(line):
            page.anchors.add(html_id)
        for attr in re.findall(r"\{:?\s*([^}]*)\}", line):
            page.anchors.update(ATTR_ID_RE.findall(attr))
    if open_directive:
        name, arg, start, body = open_directive
        page.directives.append(Directive(name, arg, tuple(body), start, 0))


def _strip_code_spans(line: str) -> str:
    return re.sub(r"`[^`]*`", "", line)


def markdown_files(folder: Path) -> list[str]:
    """Relative posix paths of every .md file under folder, sorted."""
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
