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


def split_search_index(site: Path, other_langs: tuple[str, ...] = ("es",)) -> dict[str, int]:
    """Split the merged index in place; return the number of entries per language."""
    path = site / INDEX
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
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
