"""Reading loaded YAML into models while collecting every problem with its line.

A ``Reader`` wraps one file's IssueList. Each method returns a usable value even when the
input is wrong (a default), so loading goes on and every problem shows in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from course_builder import LANGS
from course_builder.checks.safety import unsafe_in_text
from course_builder.issues import IssueList, Pos
from course_builder.load.yamlfile import YMap, YSeq
from course_builder.model.text import Text

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_NAMES = {"en": "English", "es": "Spanish"}
# Optional third key of an {en, es} pair: the hash of the English the Spanish was reviewed
# against (see course_builder/translations.py).
REVIEWED_KEY = "reviewed"


def type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (yes/no)"
    if value is None:
        return "empty"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text '{value}'"


class Reader:
    """Typed access to YAML values; wrong input becomes an Issue and a default value."""

    def __init__(self, issues: IssueList, kind: str) -> None:
        self.issues = issues
        self.kind = kind  # "quiz", "scenario", ...: used as the code prefix

    # -- structure ---------------------------------------------------------------------------
    def mapping(self, value: Any, pos: Pos, what: str) -> YMap:
        if isinstance(value, YMap):
            return value
        self.issues.error(pos, f"{self.kind}-type",
                          f"{what} should be a mapping of keys to values, "
                          f"but it is {type_name(value)}",
                          "write it as indented 'key: value' lines")
        empty = YMap()
        empty.pos, empty.key_pos = pos, {}
        return empty

    def seq(self, parent: YMap, key: str, what: str, required: bool = True) -> YSeq:
        value = parent.get(key)
        if isinstance(value, YSeq):
            return value
        pos = parent.pos_of(key)
        if value is None and key not in parent:
            if required:
                self.missing(parent, key, what)
        else:
            self.issues.error(pos, f"{self.kind}-type", f"'{key}' ({what}) should be a list, "
                              f"but it is {type_name(value)}",
                              "write each item on its own line starting with '- '")
        empty = YSeq()
        empty.pos, empty.item_pos = pos, []
        return empty

    def missing(self, parent: YMap, key: str, what: str) -> None:
        self.issues.error(parent.pos, f"{self.kind}-missing-field",
                          f"the required field '{key}' ({what}) is missing",
                          f"add '{key}:' to this {self.kind}")

    def unknown_keys(self, parent: YMap, allowed: Iterable[str], where: str) -> None:
        allowed = list(allowed)
        for key in parent:
            if key not in allowed:
                close = [a for a in allowed if _similar(str(key), a)]
                hint = (f"did you mean '{close[0]}'?" if close
                        else f"allowed fields here: {', '.join(allowed)}")
                self.issues.error(parent.pos_of(key), f"{self.kind}-unknown-field",
                                  f"unknown field '{key}' in {where}", hint)

    def entries(self, items: YSeq, what: str, allowed: Iterable[str], where: str,
                id_what: str, id_hint: str) -> Iterator[tuple[str, YMap]]:
        """Each mapping of a list with its id: an item that is not a mapping is reported once
        (not as a cascade of missing fields) and skipped; unknown fields and a repeated id
        are reported with the item's line."""
        allowed = tuple(allowed)
        seen: dict[str, Pos] = {}
        for i, raw in enumerate(items):
            if not isinstance(raw, YMap):
                self.mapping(raw, items.pos_at(i), f"{what} {i + 1}")
                continue
            self.unknown_keys(raw, allowed, where)
            item_id = self.ident(raw, "id", id_what)
            if item_id in seen:
                self.issues.error(raw.pos_of("id"), f"{self.kind}-duplicate-id",
                                  f"the {what} id '{item_id}' is used twice (first on line "
                                  f"{seen[item_id].line})", id_hint)
            seen.setdefault(item_id, raw.pos_of("id"))
            yield item_id, raw

    # -- scalars -----------------------------------------------------------------------------
    def ident(self, parent: YMap, key: str, what: str, required: bool = True) -> str:
        value = parent.get(key)
        if value is None:
            if required:
                self.missing(parent, key, what)
            return ""
        if not isinstance(value, str) or not ID_RE.match(value):
            self.issues.error(parent.pos_of(key), f"{self.kind}-bad-id",
                              f"'{key}' must be an id of lowercase letters, digits and hyphens, "
                              f"but it is {type_name(value)}",
                              "for example: strategic-language")
            return str(value)
        return value

    def string(self, parent: YMap, key: str, what: str, required: bool = True,
               default: str = "") -> str:
        value = parent.get(key)
        if value is None:
            if required:
                self.missing(parent, key, what)
            return default
        if isinstance(value, (dict, list, bool)):
            self.issues.error(parent.pos_of(key), f"{self.kind}-type",
                              f"'{key}' ({what}) should be text, but it is {type_name(value)}",
                              "write it as plain text")
            return default
        return str(value)

    def integer(self, parent: YMap, key: str, what: str, lo: int, hi: int,
                required: bool = True, default: int = 0) -> int:
        value = parent.get(key)
        if value is None:
            if required:
                self.missing(parent, key, what)
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.issues.error(parent.pos_of(key), f"{self.kind}-type",
                              f"'{key}' ({what}) should be a whole number, but it is "
                              f"{type_name(value)}", f"use a number from {lo} to {hi}")
            return default
        if not lo <= value <= hi:
            self.issues.error(parent.pos_of(key), f"{self.kind}-out-of-range",
                              f"'{key}' ({what}) is {value}, outside {lo} to {hi}",
                              f"use a number from {lo} to {hi}")
        return value

    def boolean(self, parent: YMap, key: str, what: str, default: bool = False) -> bool:
        value = parent.get(key, default)
        if not isinstance(value, bool):
            self.issues.error(parent.pos_of(key), f"{self.kind}-type",
                              f"'{key}' ({what}) should be true or false, but it is "
                              f"{type_name(value)}", "write true or false")
            return default
        return value

    def choice(self, parent: YMap, key: str, what: str, options: Iterable[str],
               required: bool = True, default: str = "") -> str:
        options = list(options)
        value = self.string(parent, key, what, required, default)
        if value and value not in options:
            close = [o for o in options if _similar(value, o)]
            self.issues.error(parent.pos_of(key), f"{self.kind}-bad-value",
                              f"'{key}' is '{value}', which is not one of: {', '.join(options)}",
                              f"did you mean '{close[0]}'?" if close else
                              f"use one of: {', '.join(options)}")
        return value

    # -- bilingual text ----------------------------------------------------------------------
    def text(self, parent: YMap, key: str, what: str, required: bool = True) -> Text | None:
        """Read ``key: {en: ..., es: ...}``; a missing language is an error at that line."""
        pos = parent.pos_of(key)
        if key not in parent or parent.get(key) is None:
            if required:
                self.missing(parent, key, what)
            return None
        return self.text_value(parent[key], pos, f"'{key}' ({what})")

    def text_value(self, value: Any, pos: Pos, what: str) -> Text:
        if isinstance(value, str):
            self.issues.error(pos, f"{self.kind}-missing-translation",
                              f"{what} is a single text; it needs an English and a Spanish version",
                              "write it as {en: \"...\", es: \"...\"}")
            return Text(value, value, pos)
        value = self.mapping(value, pos, what)
        found: dict[str, str] = {}
        for lang in LANGS:
            raw = value.get(lang)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                self.issues.error(value.pos_of(lang) if lang in value else value.pos,
                                  f"{self.kind}-missing-translation",
                                  f"{what} has no {LANG_NAMES[lang]} text ('{lang}')",
                                  f"add '{lang}: \"...\"' next to the "
                                  f"{LANG_NAMES['es' if lang == 'en' else 'en']} text")
                found[lang] = ""
            elif not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
                self.issues.error(value.pos_of(lang), f"{self.kind}-type",
                                  f"the '{lang}' text of {what} should be text, but it is "
                                  f"{type_name(raw)}", "quote the text")
                found[lang] = ""
            else:
                found[lang] = str(raw).strip()
                for problem in unsafe_in_text(found[lang]):
                    self.issues.error(value.pos_of(lang), f"{self.kind}-unsafe-html",
                                      f"the '{lang}' text of {what} contains {problem}",
                                      "use Markdown (*emphasis*, **strong**, `code`, "
                                      "[links](...)); HTML is not allowed in YAML strings")
        for key in value:
            if key not in LANGS and key != REVIEWED_KEY:
                self.issues.error(value.pos_of(key), f"{self.kind}-unknown-field",
                                  f"unknown language '{key}' in {what}",
                                  "only 'en' and 'es' are used (and 'reviewed', written by "
                                  "`course-builder translations review`)")
        return Text(found["en"], found["es"], value.pos, self._reviewed(value, what))

    def _reviewed(self, value: YMap, what: str) -> str:
        """The optional stamp of the English the Spanish was reviewed against."""
        raw = value.get(REVIEWED_KEY)
        if raw is None:
            return ""
        if not isinstance(raw, str):
            self.issues.error(value.pos_of(REVIEWED_KEY), f"{self.kind}-type",
                              f"'{REVIEWED_KEY}' of {what} should be a 12-character stamp, but "
                              f"it is {type_name(raw)}",
                              "delete the line and run `course-builder translations review` "
                              "on this file")
            return ""
        return raw

    def texts(self, parent: YMap, key: str, what: str, required: bool = True) -> list[Text]:
        items = self.seq(parent, key, what, required)
        return [self.text_value(v, items.pos_at(i), f"item {i + 1} of '{key}'")
                for i, v in enumerate(items)]


def _similar(a: str, b: str) -> bool:
    """Cheap 'did you mean': same letters give or take one edit."""
    a, b = a.lower(), b.lower()
    if abs(len(a) - len(b)) > 2:
        return False
    if a in b or b in a:
        return True
    # Levenshtein distance <= 2
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 2
