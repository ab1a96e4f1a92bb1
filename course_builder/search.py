"""One search index per language.

static-i18n merges both languages into one index, so a Spanish learner's search shows
English pages too. After the build we split it: ``search/search_index.json`` keeps the
English pages and ``es/search/search_index.json`` the Spanish ones (locations relative to
``es/``). Spanish pages point Material's ``base`` at ``es/`` (overrides/main.html), so they
load their own index and resolve results there.
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX = Path("search/search_index.json")


def page_of(location: str) -> str:
    """The page an index entry belongs to ('modules/x/#part' -> 'modules/x/')."""
    return location.split("#", 1)[0]


def unique(docs: list[dict]) -> list[dict]:
    """Each location once. In a dirty build Material's search carries the English entries
    into the Spanish build's index, so static-i18n's merged index lists them twice."""
    seen: set[str] = set()
    kept = []
    for doc in docs:
        location = doc.get("location", "")
        if location not in seen:
            seen.add(location)
            kept.append(doc)
    return kept


def merge_rebuilt(previous: list[dict], rebuilt: list[dict], pages: set[str]) -> list[dict]:
    """The full index after a preview re-rendered only ``pages``: ``previous`` with those
    pages' entries replaced by ``rebuilt`` (in place, so the order stays the nav's)."""
    fresh: dict[str, list[dict]] = {}
    for doc in unique(rebuilt):
        fresh.setdefault(page_of(doc.get("location", "")), []).append(doc)
    merged: list[dict] = []
    for doc in previous:
        page = page_of(doc.get("location", ""))
        if page in pages:
            merged.extend(fresh.pop(page, []))  # first entry of a rebuilt page: its new ones
        else:
            merged.append(doc)
    for docs in fresh.values():  # pages that were not in the previous index
        merged.extend(docs)
    return merged


def read_merged(site: Path) -> dict | None:
    path = site / INDEX
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def split_search_index(site: Path, other_langs: tuple[str, ...] = ("es",),
                       data: dict | None = None) -> dict[str, int]:
    """Split the merged index (``data``, else read from ``site``) in place; return the number
    of entries per language."""
    path = site / INDEX
    if data is None:
        data = read_merged(site)
        if data is None:
            return {}
    docs = data.get("docs", [])
    buckets: dict[str, list[dict]] = {"en": [], **{lang: [] for lang in other_langs}}
    for doc in docs:
        location = doc.get("location", "")
        lang = next((lang for lang in other_langs if location == lang + "/"
                     or location.startswith(lang + "/")), "en")
        if lang != "en":
            doc = {**doc, "location": location[len(lang) + 1:]}
        buckets[lang].append(doc)
    for lang, entries in buckets.items():
        target = path if lang == "en" else site / lang / INDEX
        config = {**data.get("config", {}), "lang": [lang]}
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": entries}, ensure_ascii=False),
                          encoding="utf-8")
    return {lang: len(entries) for lang, entries in buckets.items()}
