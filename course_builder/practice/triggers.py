"""The bilingual trigger-word list (``data/trigger_words.yml``) and the matcher that finds it.

The matching rules are data (``assets/practice-rules.json``) shared with the browser's
``practice-swap.js``, so the content checks and the Trigger Word Swap agree on what counts as a
trigger: lowercase, no accents, every apostrophe the same (and optional), runs of spaces as one,
whole words only. Editors extend one list; nothing here is a regular expression.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from course_builder import LANGS
from course_builder.checks.safety import unsafe_in_text
from course_builder.issues import Issue, IssueList, Pos, Severity
from course_builder.load.reader import LANG_NAMES, Reader
from course_builder.load.yamlfile import YMap, YSeq, load_yaml
from course_builder.model.text import Text

TRIGGERS_FILE = Path("data") / "trigger_words.yml"
RULES_ASSET = "practice-rules.json"
# Characters that would make an editor think a phrase is a pattern; the list takes plain words.
REGEX_SYNTAX = re.compile(r"[\\^$*+?()\[\]{}|]")


# -- the matching rules ----------------------------------------------------------------------
@dataclass(frozen=True)
class Rules:
    """How text and phrases are normalised before comparing (see practice-rules.json)."""

    lowercase: bool = True
    strip_accents: bool = True
    apostrophes: str = "'’‘ʼ`´′"
    apostrophe_becomes: str = ""
    collapse_spaces: bool = True

    def as_json(self) -> dict[str, Any]:
        """What the browser receives: the same fields, nothing else."""
        return {"lowercase": self.lowercase, "strip_accents": self.strip_accents,
                "apostrophes": self.apostrophes, "apostrophe_becomes": self.apostrophe_becomes,
                "collapse_spaces": self.collapse_spaces}


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The shipped rules file; the defaults above mirror it."""
    ref = resources.files("course_builder") / "assets" / RULES_ASSET
    data = json.loads(ref.read_text(encoding="utf-8"))
    return Rules(**{k: data[k] for k in Rules.__dataclass_fields__ if k in data})


# Exactly JavaScript's \s, so both sides agree on what a space is.
_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f"
                    "\u3000\ufeff]")


@lru_cache(maxsize=8192)  # a course uses a few hundred distinct characters
def _char(ch: str, r: Rules) -> str:
    if ch in r.apostrophes:
        return r.apostrophe_becomes
    if _SPACE.match(ch):
        return " "
    out = ch.lower() if r.lowercase else ch
    if r.strip_accents:
        out = "".join(c for c in unicodedata.normalize("NFD", out)
                      if not unicodedata.category(c).startswith("M"))
    return out


class _Table(dict):  # type: ignore[type-arg]
    """``str.translate`` table for one set of rules, filled as characters are met; ``odd``
    holds the characters whose normal form is not exactly one character."""

    def __init__(self, r: Rules) -> None:
        super().__init__()
        self.rules = r
        self.odd: set[str] = set()

    def __missing__(self, code: int) -> str:
        piece = _char(chr(code), self.rules)
        if len(piece) != 1:
            self.odd.add(chr(code))
        self[code] = piece
        return piece


_TABLES: dict[Rules, _Table] = {}


def normalise(text: str, r: Rules | None = None) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index it came from in ``text``
    (so a match can be highlighted in the words the person actually wrote)."""
    r = r or rules()
    table = _TABLES.get(r)
    if table is None:
        table = _TABLES[r] = _Table(r)
    # Fast path (nearly every text): one character in, one out, no run of spaces to collapse.
    norm = text.translate(table)
    if table.odd.isdisjoint(text) and not (r.collapse_spaces and "  " in norm):
        return norm, list(range(len(text)))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        piece = _char(ch, r)
        if piece == " " and r.collapse_spaces and out and out[-1] == " ":
            continue
        for c in piece:
            out.append(c)
            index.append(i)
    return "".join(out), index


def is_word_char(ch: str) -> bool:
    """Letters and digits in any script (JavaScript: /[\\p{L}\\p{N}]/u)."""
    return unicodedata.category(ch)[0] in "LN"


def _bounded(norm: str, start: int, end: int) -> bool:
    """Whole words only: no letter or digit joins the match on either side."""
    before = start == 0 or not is_word_char(norm[start - 1]) or not is_word_char(norm[start])
    after = end >= len(norm) or not is_word_char(norm[end]) or not is_word_char(norm[end - 1])
    return before and after


# -- the list --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Trigger:
    """One kind of trigger language: its phrases in each language, why it hurts, what to say,
    and calm phrases that contain one of its phrases ("tiene que ver con": "has to do with"),
    inside which it does not count."""

    id: str
    phrases: Mapping[str, tuple[str, ...]]
    why: Text
    alternatives: Mapping[str, tuple[str, ...]]
    pos: Pos = field(default=Pos(Path("")), compare=False)
    exceptions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """Trigger language found in a text: which trigger, the listed phrase, and where."""

    trigger: str
    phrase: str
    start: int   # index in the original text
    end: int
    text: str    # the words as written


@dataclass
class TriggerList:
    """The loaded list, with each language's phrases normalised once for matching."""

    triggers: tuple[Trigger, ...] = ()
    path: Path | None = None
    _index: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict, repr=False)
    _except: dict[str, list[tuple[str, int]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for lang in LANGS:
            self._index[lang] = [(normalise(p)[0], n, p)
                                 for n, t in enumerate(self.triggers)
                                 for p in t.phrases.get(lang, ()) if normalise(p)[0].strip()]
            self._except[lang] = [(normalise(p)[0], n)
                                  for n, t in enumerate(self.triggers)
                                  for p in t.exceptions.get(lang, ()) if normalise(p)[0].strip()]

    def __bool__(self) -> bool:
        return bool(self.triggers)

    def get(self, trigger_id: str) -> Trigger | None:
        return next((t for t in self.triggers if t.id == trigger_id), None)

    def find(self, text: str, lang: str) -> list[Match]:
        """Every trigger phrase in ``text``, longest first where they overlap, in text order."""
        return find_phrases(text, self._index.get(lang, []), self.triggers,
                            self._except.get(lang, []))

    def browser_data(self, lang: str) -> list[dict[str, Any]]:
        """What practice-swap.js needs, in one language: ids, phrases, why, alternatives, and
        calm exceptions when there are any."""
        return [{"id": t.id, "p": list(t.phrases.get(lang, ())), "w": t.why[lang],
                 "a": list(t.alternatives.get(lang, ())),
                 **({"x": list(t.exceptions[lang])} if t.exceptions.get(lang) else {})}
                for t in self.triggers]


def _occurrences(norm: str, phrase: str) -> Iterator[tuple[int, int]]:
    """Every whole-word occurrence of a normalised phrase, overlapping ones included."""
    start = norm.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if _bounded(norm, start, end):
            yield start, end
        start = norm.find(phrase, start + 1)


def find_phrases(text: str, index: list[tuple[str, int, str]], triggers: tuple[Trigger, ...],
                 exceptions: list[tuple[str, int]] | tuple[()] = ()) -> list[Match]:
    """Match normalised phrases (``(normalised, trigger index, phrase)``) against ``text``.

    A phrase found inside one of its own trigger's exceptions (``(normalised, trigger
    index)``) does not count. Overlaps are settled the same way as in the browser: earliest
    start first, then the longest phrase, then list order; a match that overlaps one already
    taken is dropped.
    """
    norm, where = normalise(text)
    calm = [(s, e, trig) for phrase, trig in exceptions for s, e in _occurrences(norm, phrase)]
    found: list[tuple[int, int, int, int, str]] = []
    for order, (phrase, trig, listed) in enumerate(index):
        for start, end in _occurrences(norm, phrase):
            if not any(t == trig and s <= start and end <= e for s, e, t in calm):
                found.append((start, -end, order, trig, listed))
    found.sort()
    matches: list[Match] = []
    taken = 0
    for start, neg_end, _, trig, listed in found:
        end = -neg_end
        if start < taken:
            continue
        taken = end
        o_start, o_end = where[start], where[end - 1] + 1
        while o_end < len(text) and unicodedata.category(text[o_end]).startswith("M"):
            o_end += 1
        matches.append(Match(triggers[trig].id, listed, o_start, o_end, text[o_start:o_end]))
    return matches


# -- loading ---------------------------------------------------------------------------------
TRIGGER_FIELDS = ("id", "en", "es", "except", "why", "alternatives")


def load_triggers(path: Path) -> tuple[TriggerList, list[Issue]]:
    """Read the list with positions; every problem becomes an Issue with its line."""
    issues = IssueList()
    data, found = load_yaml(path)
    issues.extend(found)
    if data is None:
        return TriggerList(path=path), issues.items
    reader = Reader(issues, "triggers")
    top = reader.mapping(data, Pos(path, 1), "the trigger-word file")
    reader.unknown_keys(top, ("triggers",), "the trigger-word file")
    items = reader.seq(top, "triggers", "the list of trigger words")
    triggers: list[Trigger] = []
    for tid, entry in reader.entries(items, "trigger", TRIGGER_FIELDS, "a trigger",
                                     "the trigger's id, for example cant",
                                     "give each trigger its own id"):
        phrases = {lang: _phrases(reader, entry, lang) for lang in LANGS}
        why = reader.text(entry, "why", "why it raises tension") or Text("", "", entry.pos)
        alternatives = _alternatives(reader, entry)
        triggers.append(Trigger(tid, phrases, why, alternatives, entry.pos,
                                _exceptions(reader, entry)))
    result = TriggerList(tuple(triggers), path)
    issues.extend(_cross_checks(result, top))
    return result, issues.items


def _strings(reader: Reader, parent: YMap, key: str, what: str, where: str) -> tuple[str, ...]:
    """A non-empty list of non-empty strings; anything else is an Issue at its line."""
    items = reader.seq(parent, key, what)
    if key in parent and isinstance(parent[key], YSeq) and not items:
        reader.issues.error(parent.pos_of(key), "triggers-empty-list",
                            f"'{key}' ({what}) in {where} is empty", "add at least one entry")
    out: list[str] = []
    for i, value in enumerate(items):
        pos = items.pos_at(i)
        if not isinstance(value, str) or isinstance(value, bool) or not value.strip():
            reader.issues.error(pos, "triggers-type",
                                f"item {i + 1} of '{key}' in {where} should be a phrase, but it "
                                f"is {'empty' if value is None or value == '' else repr(value)}",
                                "quote the phrase, for example \"can't\"")
            continue
        for problem in unsafe_in_text(value):
            reader.issues.error(pos, "triggers-unsafe-html",
                                f"item {i + 1} of '{key}' in {where} contains {problem}",
                                "write plain words; HTML is not allowed")
        out.append(value.strip())
    return tuple(out)


def _phrases(reader: Reader, entry: YMap, lang: str) -> tuple[str, ...]:
    name = LANG_NAMES[lang]
    where = f"trigger '{entry.get('id', '?')}'"
    if lang not in entry:
        reader.issues.error(entry.pos, "triggers-missing-translation",
                            f"{where} has no {name} phrases ('{lang}')",
                            f"add '{lang}: [\"...\"]' with the {name} phrases")
        return ()
    phrases = _strings(reader, entry, lang, f"{name} phrases", where)
    items = entry[lang] if isinstance(entry[lang], YSeq) else None
    for i, phrase in enumerate(phrases):
        if REGEX_SYNTAX.search(phrase):
            pos = items.pos_at(i) if items is not None else entry.pos_of(lang)
            reader.issues.error(pos, "triggers-regex",
                                f"the phrase \"{phrase}\" in {where} contains pattern characters "
                                "(\\ ^ $ * + ? ( ) [ ] {{ }} |); phrases are matched as plain "
                                "words", "write each form as its own phrase, for example "
                                "\"won't\" and \"will not\"")
    return phrases


def _exceptions(reader: Reader, entry: YMap) -> dict[str, tuple[str, ...]]:
    """The optional ``except: {en: [...], es: [...]}``: calm phrases holding a trigger phrase."""
    if entry.get("except") is None:
        return {}
    where = f"trigger '{entry.get('id', '?')}'"
    found = reader.mapping(entry["except"], entry.pos_of("except"), f"'except' of {where}")
    reader.unknown_keys(found, LANGS, f"the exceptions of {where}")
    return {lang: _strings(reader, found, lang, f"{LANG_NAMES[lang]} exceptions", where)
            for lang in LANGS if lang in found}


def _alternatives(reader: Reader, entry: YMap) -> dict[str, tuple[str, ...]]:
    where = f"trigger '{entry.get('id', '?')}'"
    if "alternatives" not in entry:
        reader.missing(entry, "alternatives", "calmer things to say instead")
        return {lang: () for lang in LANGS}
    alts = reader.mapping(entry["alternatives"], entry.pos_of("alternatives"),
                          f"'alternatives' of {where}")
    reader.unknown_keys(alts, LANGS, f"the alternatives of {where}")
    out: dict[str, tuple[str, ...]] = {}
    for lang in LANGS:
        if lang not in alts:
            reader.issues.error(alts.pos, "triggers-missing-translation",
                                f"the alternatives of {where} have no {LANG_NAMES[lang]} "
                                f"version ('{lang}')", f"add '{lang}: [\"...\"]'")
            out[lang] = ()
            continue
        out[lang] = _strings(reader, alts, lang, f"{LANG_NAMES[lang]} alternatives", where)
    return out


def _cross_checks(triggers: TriggerList, top: YMap) -> list[Issue]:
    """A phrase listed twice, an exception that holds none of its trigger's phrases, and
    alternatives that use trigger language themselves."""
    issues: list[Issue] = []
    raw_items = top.get("triggers") if isinstance(top.get("triggers"), YSeq) else YSeq()
    for lang in LANGS:
        for n, t in enumerate(triggers.triggers):
            own = [(normalise(p)[0], n, p) for p in t.phrases.get(lang, ())]
            for calm in t.exceptions.get(lang, ()):
                if not find_phrases(calm, own, triggers.triggers):
                    issues.append(Issue.at(
                        _except_pos(raw_items, n, lang, t.pos), "triggers-exception-unused",
                        f"the {LANG_NAMES[lang]} exception \"{calm}\" of trigger '{t.id}' holds "
                        "none of its phrases, so it never applies",
                        "an exception is a calm phrase that contains one of the trigger's "
                        "phrases, such as \"tiene que ver con\" for \"tiene que\""))
        seen: dict[str, str] = {}
        for t in triggers.triggers:
            for phrase in t.phrases.get(lang, ()):
                key = normalise(phrase)[0].strip()
                if key in seen:
                    issues.append(Issue.at(
                        t.pos, "triggers-duplicate-phrase",
                        f"the {LANG_NAMES[lang]} phrase \"{phrase}\" of trigger '{t.id}' is "
                        f"already listed under '{seen[key]}' (matching ignores case, accents "
                        "and apostrophes)", "keep it in one place", Severity.WARNING))
                seen.setdefault(key, t.id)
        for n, t in enumerate(triggers.triggers):
            line_of = _alt_pos(raw_items, n, lang, t.pos)
            for alt in t.alternatives.get(lang, ()):
                for m in triggers.find(alt, lang):
                    issues.append(Issue.at(
                        line_of, "triggers-alternative-has-trigger",
                        f"the {LANG_NAMES[lang]} alternative \"{alt}\" of trigger '{t.id}' "
                        f"uses the trigger phrase \"{m.text}\" ('{m.trigger}')",
                        "alternatives are shown to learners as what to say instead: reword it"))
    return issues


def _except_pos(items: YSeq, index: int, lang: str, fallback: Pos) -> Pos:
    entry = items[index] if index < len(items) else None
    found = entry.get("except") if isinstance(entry, YMap) else None
    return found.pos_of(lang) if isinstance(found, YMap) else fallback


def _alt_pos(items: YSeq, index: int, lang: str, fallback: Pos) -> Pos:
    entry = items[index] if index < len(items) else None
    alts = entry.get("alternatives") if isinstance(entry, YMap) else None
    return alts.pos_of(lang) if isinstance(alts, YMap) else fallback


def load_trigger_list(root: Path) -> tuple[TriggerList, list[Issue]]:
    """The project's list, or an empty one (and no issue) when the project has none."""
    path = root / TRIGGERS_FILE
    if not path.is_file():
        return TriggerList(), []
    return load_triggers(path)
