"""Translation status: is each Spanish page and string up to date, stale or missing?

Like Yarn Spinner's line "lock" hashes, the Spanish records a short hash of the English it was
last reviewed against, right next to the text so a pull request shows it:

- a Spanish page: ``translation: {source: <hash>}`` in its front matter (hash of the English
  page's title, objectives and body);
- a YAML string: ``reviewed: <hash>`` beside its ``en`` and ``es`` (hash of the ``en`` text).

When the English changes, its hash no longer matches and the Spanish is *stale* until someone
updates it and runs ``course-builder translations review``, which writes the new hashes.
Never stamped means *unreviewed*: listed by ``translations``, not warned about by ``check``
(warning about every string of a course that predates the stamps would bury real news).
Hashes ignore whitespace and line wrapping, so re-flowing a paragraph does not go stale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from course_builder.issues import Issue, Severity
from course_builder.load.pages import split_front_matter
from course_builder.load.reader import REVIEWED_KEY
from course_builder.load.yamlfile import YMap, compose_yaml
from course_builder.model.course import Course, Page
from course_builder.project import SOURCE_DIRS

HASH_LEN = 12
HASH_RE = re.compile(r"^[0-9a-f]{12}$")
PAGE_KEY, PAGE_SOURCE = "translation", "source"
STATUSES = ("up-to-date", "stale", "missing", "unreviewed")
# Every YAML file whose {en, es} pairs are translations, relative to the project root.
YAML_SOURCES = ("course.yml", "quizzes/*.yml", "scenarios/*.yml", "workshop/**/*.yml",
                "data/**/*.yml")
_PAIR_KEYS = frozenset(("en", "es", REVIEWED_KEY))
MAX_STALE_LISTED = 5  # more stale strings in one file than this: one warning for the file

CODES: dict[str, str] = {
    "translation-stale": "(warning) the English changed since the Spanish was last reviewed; "
                         "update the Spanish, then run `course-builder translations review`",
    "translation-bad-stamp": "a translation stamp is malformed or misplaced (pages: "
                             "'translation: {source: <12 hex>}' in the Spanish front matter; "
                             "strings: 'reviewed: <12 hex>')",
}


# -- hashing ---------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """Unicode NFC with every run of whitespace as one space: wrapping is not a change."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def source_hash(text: str) -> str:
    """The 12-hex stamp of an English text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:HASH_LEN]


def page_source(page: Page) -> str:
    """What a Spanish page translates: the English title, objectives and body."""
    parts = [page.title, *(f"{o.id}: {o.text}" for o in page.objectives), page.body]
    return "\n".join(parts)


def page_hash(page: Page) -> str:
    return source_hash(page_source(page))


# -- the status of every page and string -----------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One translatable unit and its status. ``file`` holds the Spanish (relative posix)."""

    kind: str        # "page" or "string"
    file: str
    line: int
    key: str         # a page's path under docs/, or a string's place in its YAML file
    status: str      # one of STATUSES
    source: str      # hash of the English now
    reviewed: str    # hash recorded with the Spanish ("" when never stamped)
    english: str     # the start of the English, to recognise the entry

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class _Pair:
    """An {en, es} mapping found in a YAML file."""

    where: str
    line: int
    en: str | None
    es: str | None
    reviewed: str | None
    reviewed_line: int
    node: MappingNode


def status_of(en: str | None, es: str | None, reviewed: str | None, source: str) -> str:
    if not (en or "").strip() or not (es or "").strip():
        return "missing"
    if not reviewed or not HASH_RE.match(reviewed):
        return "unreviewed"  # a malformed stamp is reported by the check as such
    return "up-to-date" if reviewed == source else "stale"


def collect(course: Course) -> list[Entry]:
    """Every page and every YAML string of the course with its translation status."""
    return [*_page_entries(course), *_string_entries(course.root)]


def _page_entries(course: Course) -> Iterator[Entry]:
    for rel, en in sorted(course.pages.get("en", {}).items()):
        es = course.pages.get("es", {}).get(rel)
        source = page_hash(en)
        file = f"{SOURCE_DIRS['es']}/{rel}"
        if es is None:
            yield Entry("page", file, 0, rel, "missing", source, "", en.title)
            continue
        stamp, line = page_stamp(es)
        status = status_of(en.title or rel, es.title or rel, stamp, source)
        yield Entry("page", file, line, rel, status, source, stamp or "", en.title)


def page_stamp(page: Page) -> tuple[str | None, int]:
    """The page's recorded source hash (None when absent or malformed) and its line."""
    meta = page.meta
    if not isinstance(meta, YMap) or PAGE_KEY not in meta:
        return None, 1
    line = meta.pos_of(PAGE_KEY).line
    value = meta.get(PAGE_KEY)
    if isinstance(value, YMap) and isinstance(value.get(PAGE_SOURCE), str) \
            and HASH_RE.match(value[PAGE_SOURCE]):
        return value[PAGE_SOURCE], value.pos_of(PAGE_SOURCE).line
    return None, line


def yaml_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for pattern in YAML_SOURCES:
        found += sorted(p for p in root.glob(pattern) if p.is_file())
    return found


def _string_entries(root: Path) -> Iterator[Entry]:
    for path in yaml_files(root):
        rel = _rel(path, root)
        for pair in pairs_in(path):
            yield _string_entry(rel, pair)


def _string_entry(rel: str, pair: _Pair, source: str | None = None,
                  status: str | None = None) -> Entry:
    source = source or source_hash(pair.en or "")
    status = status or status_of(pair.en, pair.es, pair.reviewed, source)
    line = pair.reviewed_line if status == "stale" else pair.line
    return Entry("string", rel, line, pair.where, status, source, pair.reviewed or "",
                 _preview(pair.en or ""))


def pairs_in(path: Path, text: str | None = None) -> list[_Pair]:
    """Every {en, es} pair of a YAML file (none when it does not parse: the loaders say why)."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return []
    try:
        root = compose_yaml(text, path)  # the loader's parse when it read this text already
    except yaml.YAMLError:
        return []
    return [_pair(where, node) for where, node in _walk(root, "")] if root is not None else []


def _walk(node: Node | None, where: str) -> Iterator[tuple[str, MappingNode]]:
    if isinstance(node, MappingNode):
        if _is_pair(node):
            yield where, node
            return
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else "?"
            yield from _walk(value, f"{where}.{name}" if where else name)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, f"{where}[{_item_name(item, index)}]")


def _item_name(item: Node, index: int) -> str:
    """A list item is named by its id when it has one (stable when items move), else by 1..n."""
    if isinstance(item, MappingNode):
        for key, value in item.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                return str(value.value)
    return str(index + 1)


def _is_pair(node: MappingNode) -> bool:
    keys = {k.value for k, _ in node.value if isinstance(k, ScalarNode)}
    if len(keys) != len(node.value) or not keys <= _PAIR_KEYS or not keys & {"en", "es"}:
        return False
    return all(isinstance(v, ScalarNode) for k, v in node.value if k.value in ("en", "es"))


def _pair(where: str, node: MappingNode) -> _Pair:
    values: dict[str, ScalarNode] = {k.value: v for k, v in node.value}  # type: ignore[misc]

    def text(key: str) -> str | None:
        value = values.get(key)
        if value is None or value.tag.endswith(":null"):
            return None
        return str(value.value)

    reviewed = values.get(REVIEWED_KEY)
    return _Pair(where, node.start_mark.line + 1, text("en"), text("es"), text(REVIEWED_KEY),
                 reviewed.start_mark.line + 1 if reviewed is not None else
                 node.start_mark.line + 1, node)


def _preview(text: str, width: int = 60) -> str:
    flat = normalise(text)
    return flat if len(flat) <= width else flat[:width - 1] + "…"


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# -- the check -------------------------------------------------------------------------------
def check_translations(course: Course) -> Iterator[Issue]:
    """Stale translations as warnings; malformed stamps as errors. Missing pages and strings
    are reported by the page checks and the loaders (as errors), so not repeated here."""
    yield from _bad_page_stamps(course)
    for entry in _page_entries(course):
        if entry.status == "stale":
            yield _stale_issue(course.root, entry)
    for path in yaml_files(course.root):
        rel = _rel(path, course.root)
        stale: list[Entry] = []
        for pair in pairs_in(path):
            if pair.reviewed is not None and not HASH_RE.match(pair.reviewed):
                yield Issue(path, pair.reviewed_line, "translation-bad-stamp",
                            f"the review stamp of {pair.where} is '{pair.reviewed}', not a "
                            f"{HASH_LEN}-character hash",
                            f"delete the line and run `course-builder translations review "
                            f"{rel}:{pair.line}`")
                continue
            source = source_hash(pair.en or "")
            if status_of(pair.en, pair.es, pair.reviewed, source) == "stale":
                stale.append(_string_entry(rel, pair, source, "stale"))
        if len(stale) > MAX_STALE_LISTED:  # one warning, not a wall of them
            lines = ", ".join(str(e.line) for e in stale[:8]) + (", …" if len(stale) > 8 else "")
            yield Issue(path, stale[0].line, "translation-stale",
                        f"{len(stale)} strings changed in English since their Spanish was last "
                        f"reviewed (lines {lines})",
                        f"update each 'es', then run `course-builder translations review {rel}` "
                        f"(`course-builder translations` lists them)", Severity.WARNING)
        else:
            for entry in stale:
                yield _stale_issue(course.root, entry)


def _stale_issue(root: Path, entry: Entry) -> Issue:
    path = root / entry.file
    if entry.kind == "page":
        english = f"{SOURCE_DIRS['en']}/{entry.key}"
        return Issue(path, entry.line, "translation-stale",
                     f"the English page {english} changed since this Spanish page was "
                     "last reviewed",
                     f"bring the Spanish up to date with {english}, then run `course-builder "
                     f"translations review {entry.file}`", Severity.WARNING)
    return Issue(path, entry.line, "translation-stale",
                 f"the English of {entry.key} changed since its Spanish was last reviewed "
                 f"(English now: \"{entry.english}\")",
                 f"update 'es' to say the same, then run `course-builder translations review "
                 f"{entry.file}:{entry.line}`", Severity.WARNING)


def _bad_page_stamps(course: Course) -> Iterator[Issue]:
    for lang, pages in course.pages.items():
        for page in pages.values():
            meta = page.meta
            if not isinstance(meta, YMap) or PAGE_KEY not in meta:
                continue
            pos = page.pos(meta.pos_of(PAGE_KEY).line)
            command = f"course-builder translations review {SOURCE_DIRS['es']}/{page.rel}"
            if lang == "en":
                yield Issue.at(pos, "translation-bad-stamp",
                               "a 'translation' stamp in an English page: the English is the "
                               "source, only Spanish pages record what they were reviewed against",
                               "delete the 'translation:' line here")
                continue
            value = meta[PAGE_KEY]
            if not isinstance(value, YMap) or set(value) != {PAGE_SOURCE} \
                    or not isinstance(value[PAGE_SOURCE], str) \
                    or not HASH_RE.match(value[PAGE_SOURCE]):
                yield Issue.at(pos, "translation-bad-stamp",
                               "'translation' should be {source: <12-character hash>}",
                               f"delete the 'translation:' line and run `{command}`")


# -- review: write the stamps ----------------------------------------------------------------
class ReviewError(Exception):
    """A target that cannot be stamped (not a course file, no front matter, unsafe edit)."""


@dataclass
class Stamped:
    file: str
    count: int       # stamps written or updated (0: already current)


def review(course: Course, targets: Sequence[str], everything: bool = False,
           cwd: Path | None = None) -> list[Stamped]:
    """Stamp the Spanish of ``targets`` (files, ``file:line`` or folders) as reviewed against
    today's English; ``everything`` stamps every Spanish page and YAML string. Missing
    translations are skipped: there is nothing to review."""
    root = course.root
    plan: dict[Path, set[int] | None] = {}   # file -> lines to stamp (None: the whole file)
    if everything:
        for rel in course.pages.get("es", {}):
            if rel in course.pages.get("en", {}):
                plan[root / SOURCE_DIRS["es"] / rel] = None
        for path in yaml_files(root):
            plan[path] = None
    for target in targets:
        for path, line in _resolve(root, target, cwd or Path.cwd()):
            if line is None:
                plan[path] = None
            elif plan.get(path, set()) is not None:
                plan.setdefault(path, set()).add(line)  # type: ignore[union-attr]
    done: list[Stamped] = []
    for path, lines in plan.items():
        if path.suffix == ".md":
            done.append(Stamped(_rel(path, root), _stamp_page(course, path)))
        else:
            done.append(Stamped(_rel(path, root), stamp_yaml_file(path, lines)))
    return done


def _resolve(root: Path, target: str, cwd: Path) -> list[tuple[Path, int | None]]:
    name, line = target, None
    match = re.match(r"^(.*?):(\d+)$", target)
    if match:
        name, line = match.group(1), int(match.group(2))
    path = next((p for p in ((cwd / name), (root / name)) if p.exists()), None)
    if path is None:
        raise ReviewError(f"{target}: no such file (give a path under {SOURCE_DIRS['es']}/, "
                          f"{SOURCE_DIRS['en']}/, quizzes/, scenarios/, workshop/ or data/)")
    path = path.resolve()
    if path.is_dir():
        found = sorted([*path.rglob("*.md"), *path.rglob("*.yml")])
        return [(p2, None) for f in found for p2, _ in _resolve(root, str(f), cwd)]
    rel = _rel(path, root)
    if path.suffix == ".md":
        for lang in ("en", "es"):
            prefix = SOURCE_DIRS[lang] + "/"
            if rel.startswith(prefix):
                return [(root / SOURCE_DIRS["es"] / rel.removeprefix(prefix), None)]
        raise ReviewError(f"{target}: pages live in {SOURCE_DIRS['en']}/ and "
                          f"{SOURCE_DIRS['es']}/")
    if path.suffix == ".yml" and path in [p.resolve() for p in yaml_files(root)]:
        return [(path, line)]
    raise ReviewError(f"{target}: not a course file with translations")


def _stamp_page(course: Course, path: Path) -> int:
    rel = _rel(path, course.root).removeprefix(SOURCE_DIRS["es"] + "/")
    english = course.page("en", rel)
    if english is None:
        raise ReviewError(f"{SOURCE_DIRS['es']}/{rel}: there is no English page "
                          f"{SOURCE_DIRS['en']}/{rel} to review it against")
    if not path.is_file():
        return 0  # missing translation: nothing to review yet
    return stamp_page_file(path, page_hash(english))


def stamp_page_file(path: Path, source: str) -> int:
    """Write ``translation: {source: ...}`` into a page's front matter; 1 if it changed."""
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    new = stamp_front_matter(text, source)
    if new is None:
        raise ReviewError(f"{path}: the page has no front matter to hold the stamp")
    if new == text:
        return 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(new)
    return 1


def stamp_front_matter(text: str, source: str) -> str | None:
    """``text`` with its front matter's ``translation`` set to ``{source: source}``, where
    the old one was (or last). None when there is no front matter."""
    newline = "\r\n" if "\r\n" in text else "\n"
    fm, _, body_line = split_front_matter(text.replace("\r\n", "\n"))
    if fm is None:
        return None
    lines = text.split(newline)
    closing = body_line - 2  # index of the closing '---'
    stamp = f'{PAGE_KEY}: {{{PAGE_SOURCE}: "{source}"}}'  # quoted: all digits would be a number
    kept: list[str] = []
    at: int | None = None
    skipping = False
    for line in lines[1:closing]:
        if skipping and line[:1] in (" ", "\t"):
            continue  # the old stamp's indented lines
        skipping = False
        if re.match(rf"^{PAGE_KEY}\s*:", line):
            at, skipping = len(kept), True
            continue
        kept.append(line)
    kept.insert(len(kept) if at is None else at, stamp)
    return newline.join([lines[0], *kept, *lines[closing:]])


def stamp_yaml_file(path: Path, lines: set[int] | None = None) -> int:
    """Stamp the pairs of a YAML file (only those spanning ``lines``, if given); return how
    many stamps were written. Comments and layout are kept: only stamps are inserted."""
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    new, count = stamp_yaml_text(text, lines)
    if count:
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(new)
    return count


def stamp_yaml_text(text: str, lines: set[int] | None = None) -> tuple[str, int]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # Python marks: character offsets
    except yaml.YAMLError as exc:
        raise ReviewError(f"the file does not parse as YAML ({exc}); fix it first") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []
    for where, node in _walk(root, ""):
        pair = _pair(where, node)
        if not (pair.en or "").strip() or not (pair.es or "").strip():
            continue
        first = node.start_mark.line + 1
        last = max(first, last_line(node))
        if lines is not None and not any(first <= n <= last for n in lines):
            continue
        source = source_hash(pair.en or "")
        if pair.reviewed == source:
            continue
        edits.append(_stamp_edit(text, node, source, newline))
    if not edits:
        return text, 0
    new = text
    for start, end, replacement in sorted(edits, reverse=True):
        new = new[:start] + replacement + new[end:]
    if _without_stamps(yaml.safe_load(new)) != _without_stamps(yaml.safe_load(text)):
        # A safety net: only stamps may change. pragma: no cover
        raise ReviewError("stamping would change the content; nothing was written")
    return new, len(edits)


def last_line(node: Node) -> int:
    """The 1-based line a node's text ends on. Block collections end where the next token
    starts, so follow the last child down to a scalar; a block scalar ends at column 0 of
    the line after it."""
    while isinstance(node, (MappingNode, SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    if isinstance(node, (MappingNode, SequenceNode)):  # empty: [] or {}
        return node.start_mark.line + 1
    return node.end_mark.line + (1 if node.end_mark.column else 0)


def _stamp_edit(text: str, node: MappingNode, source: str, newline: str
                ) -> tuple[int, int, str]:
    for key, value in node.value:
        if key.value == REVIEWED_KEY:  # replace the old stamp in place
            return value.start_mark.index, value.end_mark.index, f'"{source}"'
    last = node.value[-1][1]
    if node.flow_style:
        return last.end_mark.index, last.end_mark.index, f', {REVIEWED_KEY}: "{source}"'
    indent = " " * node.value[0][0].start_mark.column
    line = f'{indent}{REVIEWED_KEY}: "{source}"{newline}'
    if last.end_mark.column == 0:  # a block scalar ends at the start of the next line
        return last.end_mark.index, last.end_mark.index, line
    end = text.find("\n", last.end_mark.index)
    if end == -1:
        return len(text), len(text), newline + line.rstrip("\r\n")
    return end + 1, end + 1, line


def _without_stamps(data: Any) -> Any:
    if isinstance(data, dict):
        keys = set(data)
        drop = REVIEWED_KEY if keys <= _PAIR_KEYS and keys & {"en", "es"} else None
        return {k: _without_stamps(v) for k, v in data.items() if k != drop}
    if isinstance(data, list):
        return [_without_stamps(v) for v in data]
    return data


# -- reports ---------------------------------------------------------------------------------
def summary_by_file(entries: Sequence[Entry]) -> dict[str, Counter[str]]:
    table: dict[str, Counter[str]] = {}
    for entry in entries:
        table.setdefault(entry.file, Counter())[entry.status] += 1
    return table


def as_json(entries: Sequence[Entry]) -> str:
    totals = Counter(e.status for e in entries)
    return json.dumps({"summary": {s: totals.get(s, 0) for s in STATUSES},
                       "entries": [asdict(e) for e in entries]}, ensure_ascii=False, indent=2)


def print_table(entries: Sequence[Entry], listed: Sequence[str], out: TextIO,
                markdown: bool = False) -> None:
    """A per-file count of each status, then the entries whose status is in ``listed``."""
    by_file = summary_by_file(entries)
    totals = Counter(e.status for e in entries)
    headers = ["file", *STATUSES]
    rows = [[file, *(str(c.get(s, 0)) for s in STATUSES)] for file, c in by_file.items()]
    rows.append(["total", *(str(totals.get(s, 0)) for s in STATUSES)])
    if markdown:
        print("| " + " | ".join(headers) + " |", file=out)
        print("| --- |" + " ---: |" * len(STATUSES), file=out)
        for row in rows:
            name = "**total**" if row[0] == "total" else f"`{row[0]}`"
            print("| " + " | ".join([name, *row[1:]]) + " |", file=out)
    else:
        width = max(len(r[0]) for r in rows)
        print(f"{'file':<{width}}  " + "  ".join(f"{s:>10}" for s in STATUSES), file=out)
        for row in rows:
            print(f"{row[0]:<{width}}  " + "  ".join(f"{v:>10}" for v in row[1:]), file=out)
    chosen = [e for e in entries if e.status in listed]
    for status in STATUSES:
        group = [e for e in chosen if e.status == status]
        if not group:
            continue
        print(f"\n{_HEADINGS[status]} ({len(group)}):", file=out)
        for e in group:
            bullet = "- " if markdown else "  "
            print(f"{bullet}{e.where}  {e.key}  \"{e.english}\"", file=out)


_HEADINGS = {
    "stale": "Stale: the English changed since the Spanish was reviewed",
    "missing": "Missing: no Spanish yet",
    "unreviewed": "Unreviewed: never stamped (run `course-builder translations review`)",
    "up-to-date": "Up to date",
}


# -- command line ----------------------------------------------------------------------------
EXAMPLES = """\
  course-builder translations                         per-file counts; lists stale and missing
  course-builder translations --status unreviewed     list what was never stamped
  course-builder translations --json > status.json    every page and string, as JSON
  course-builder translations review docs_es/modules/composure.md
  course-builder translations review quizzes/composure.yml:42   one string (the line shown)
  course-builder translations review --all            stamp everything as reviewed today
"""


def register(add: Any) -> None:
    p = add("translations", "Show which Spanish pages and strings are up to date, stale or "
            "missing; 'review' marks them reviewed.", EXAMPLES)
    p.add_argument("--json", action="store_true", help="print every entry as JSON")
    p.add_argument("--markdown", action="store_true",
                   help="print a Markdown table (for a pull-request summary)")
    p.add_argument("--status", action="append", choices=STATUSES, metavar="STATUS",
                   help=f"list entries with this status (repeatable; one of {', '.join(STATUSES)})")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when anything is stale, missing or unreviewed")
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    r = sub.add_parser("review", help="record that the Spanish was reviewed against today's "
                       "English", description="Record that the Spanish of these files (or one "
                       "string: file:line) was reviewed against today's English.")
    r.add_argument("targets", nargs="*", metavar="PATH[:LINE]",
                   help="a page (docs_es/... or docs/...), a YAML file, file:line, or a folder")
    r.add_argument("--all", action="store_true", dest="everything",
                   help="stamp every Spanish page and string of the course")
    r.add_argument("-C", "--project", metavar="DIR", default=argparse.SUPPRESS,
                   help="the project folder (default: the nearest folder with course.yml)")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from course_builder.project import load_course, project_root
    root = project_root(args)
    course, _ = load_course(root)
    if getattr(args, "action", None) == "review":
        return _cmd_review(course, args)
    entries = collect(course)
    entries_listed = list(args.status) if args.status else ["stale", "missing"]
    if args.json:
        chosen = [e for e in entries if not args.status or e.status in args.status]
        print(as_json(chosen))
    else:
        print_table(entries, entries_listed, sys.stdout, markdown=args.markdown)
    if args.strict and any(e.status != "up-to-date" for e in entries):
        return 1
    return 0


def _cmd_review(course: Course, args: argparse.Namespace) -> int:
    if not args.targets and not args.everything:
        print("course-builder translations review: name the files to mark reviewed, or --all",
              file=sys.stderr)
        return 2
    try:
        done = review(course, args.targets, args.everything)
    except ReviewError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    total = 0
    for item in done:
        total += item.count
        if item.count:
            print(f"✓ {item.file}: {item.count} stamp{'s' if item.count != 1 else ''} written")
    print(f"{total} stamp{'s' if total != 1 else ''} written; the rest was already up to date "
          "or has no Spanish yet." if total else "Nothing to stamp: already up to date.")
    return 0
