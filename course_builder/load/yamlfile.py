"""YAML with positions: every mapping and sequence remembers the file and line of its items.

Parsed mappings are ``YMap`` (a dict) and sequences ``YSeq`` (a list), so ordinary code can
read them, and checks can still point at the line of any key or item. Parse errors and
duplicate keys become Issues, never exceptions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from course_builder.issues import Issue, Pos


class YMap(dict):  # type: ignore[type-arg]
    """A dict that knows the position of itself and of each key."""

    pos: Pos
    key_pos: dict[Any, Pos]

    def pos_of(self, key: Any) -> Pos:
        return self.key_pos.get(key, self.pos)


class YSeq(list):  # type: ignore[type-arg]
    """A list that knows the position of itself and of each item."""

    pos: Pos
    item_pos: list[Pos]

    def pos_at(self, index: int) -> Pos:
        return self.item_pos[index] if 0 <= index < len(self.item_pos) else self.pos


class _PyLoader(yaml.SafeLoader):
    path: Path
    duplicates: list[Issue]
    positions: dict[int, Pos]
    has_merge_keys: bool = True


# libyaml's parser (CSafeLoader), when PyYAML was built with it, parses about 7 times faster
# than the pure-Python one, which was most of `course-builder check` (BENCHMARKS.md). Its
# nodes carry the same start marks, so every position is unchanged; for a file that does not
# parse, the pure-Python parser runs again because its messages name the offending character.
if hasattr(yaml, "CSafeLoader"):
    class _Loader(yaml.CSafeLoader):  # type: ignore[name-defined, misc]
        path: Path
        duplicates: list[Issue]
        positions: dict[int, Pos]
        has_merge_keys: bool = True
else:  # pragma: no cover - PyYAML without libyaml
    _Loader = _PyLoader  # type: ignore[misc, assignment]


def _pos(loader: _Loader, node: Node) -> Pos:
    """One Pos per line of the file (flow mappings put several keys on a line)."""
    line = node.start_mark.line + 1
    pos = loader.positions.get(line)
    if pos is None:
        pos = loader.positions[line] = Pos(loader.path, line)
    return pos


_STR = "tag:yaml.org,2002:str"


def _construct(loader: _Loader, node: Node) -> Any:
    """``construct_object``, with plain strings (most of every file) taken as they are."""
    if node.tag == _STR and isinstance(node, ScalarNode):
        return node.value
    return loader.construct_object(node, deep=True)


def _construct_map(loader: _Loader, node: MappingNode) -> YMap:
    if loader.has_merge_keys:  # '<<' (or '='): otherwise nothing to flatten (most files)
        loader.flatten_mapping(node)
    result = YMap()
    result.pos = _pos(loader, node)
    result.key_pos = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        if isinstance(key, (list, dict)):
            key = str(key)
        if key in result:
            loader.duplicates.append(Issue.at(
                _pos(loader, key_node), "yaml-duplicate-key",
                f"the key '{key}' appears twice in this mapping (first on line "
                f"{result.key_pos[key].line}); the second silently replaces the first",
                "remove or rename one of the two"))
        result[key] = _construct(loader, value_node)
        result.key_pos[key] = _pos(loader, key_node)
    return result


def _construct_seq(loader: _Loader, node: SequenceNode) -> YSeq:
    result = YSeq(_construct(loader, child) for child in node.value)
    result.pos = _pos(loader, node)
    result.item_pos = [_pos(loader, child) for child in node.value]
    return result


for _cls in {_Loader, _PyLoader}:
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)  # type: ignore[arg-type]
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)  # type: ignore[arg-type]


# The node tree of each YAML file's last parse: a check that walks the raw nodes (translation
# stamps) reuses it instead of parsing the file a second time (BENCHMARKS.md).
_NODES: dict[Path, tuple[str, Node]] = {}
_MAX_NODES = 4096


def _load(cls: type[_PyLoader], text: str, path: Path, remember: bool = False
          ) -> tuple[Any, list[Issue]]:
    loader = cls(text)
    loader.path = path
    loader.duplicates = []
    loader.positions = {}
    loader.has_merge_keys = "<<" in text or "=" in text
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    if remember and node is not None:
        if len(_NODES) >= _MAX_NODES:
            _NODES.pop(next(iter(_NODES)))
        _NODES[path] = (text, node)
    return data, loader.duplicates


def compose_yaml(text: str, path: Path | None = None) -> Node | None:
    """The node tree of ``text`` (raises yaml.YAMLError when it does not parse); free when
    ``load_yaml`` already parsed this same text of ``path``."""
    if path is not None:
        hit = _NODES.get(path)
        if hit is not None and hit[0] == text:
            return hit[1]
    return yaml.compose(text, Loader=_Loader)


def parse_yaml(text: str, path: Path, line_offset: int = 0) -> tuple[Any, list[Issue]]:
    """Parse YAML text; return (data or None, issues). ``line_offset`` shifts reported lines
    (for front matter, which starts after the opening ``---``)."""
    try:
        try:
            data, duplicates = _load(_Loader, text, path, remember=not line_offset)
        except yaml.YAMLError:
            if _Loader is _PyLoader:
                raise
            data, duplicates = _load(_PyLoader, text, path)  # clearer messages, same lines
    except yaml.MarkedYAMLError as exc:
        # An unclosed [ or { is only noticed lines later: point at where it was opened.
        in_flow = bool(exc.context and "flow" in exc.context and exc.context_mark)
        mark = exc.context_mark if in_flow else (exc.problem_mark or exc.context_mark)
        line = (mark.line + 1 + line_offset) if mark else 0
        problem = (exc.problem or "invalid YAML").strip()
        context = f" ({exc.context.strip()})" if exc.context else ""
        return None, [Issue(path, line, "yaml-syntax",
                            f"this YAML does not parse: {problem}{context}",
                            "check indentation and quote text that contains ': ' or starts "
                            "with a special character such as * & ! % @ `")]
    except yaml.YAMLError as exc:
        return None, [Issue(path, line_offset, "yaml-syntax", f"this YAML does not parse: {exc}",
                            "check the file's syntax")]
    issues = list(duplicates)
    if line_offset:
        data = _shift(data, line_offset)
        issues = [Issue(i.path, i.line + line_offset, i.code, i.message, i.hint, i.severity)
                  for i in issues]
    return data, issues


def _shift(value: Any, offset: int) -> Any:
    if isinstance(value, YMap):
        value.pos = Pos(value.pos.path, value.pos.line + offset)
        value.key_pos = {k: Pos(p.path, p.line + offset) for k, p in value.key_pos.items()}
        for v in value.values():
            _shift(v, offset)
    elif isinstance(value, YSeq):
        value.pos = Pos(value.pos.path, value.pos.line + offset)
        value.item_pos = [Pos(p.path, p.line + offset) for p in value.item_pos]
        for v in value:
            _shift(v, offset)
    return value


def load_yaml(path: Path) -> tuple[Any, list[Issue]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Issue(path, 0, "file-encoding", "this file is not UTF-8 text",
                            "save it as UTF-8")]
    return parse_yaml(text, path)


