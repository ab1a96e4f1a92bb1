"""Interface words the build itself writes into pages, in both languages."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "objectives": {"en": "What you will be able to do", "es": "Lo que podrás hacer"},
    "minutes": {"en": "About {n} minutes", "es": "Unos {n} minutos"},
    "practice": {"en": "Practice", "es": "Práctica"},
    "home": {"en": "Home", "es": "Inicio"},
}


def label(key: str, lang: str, **values: object) -> str:
    return LABELS[key][lang].format(**values)
