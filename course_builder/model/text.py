"""Text a person reads: one string per language, with the position it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from course_builder import LANGS
from course_builder.issues import Pos


@dataclass(frozen=True)
class Text:
    en: str
    es: str
    pos: Pos = field(default=Pos(path=__import__("pathlib").Path("")), compare=False)
    # The hash of the English this Spanish was last reviewed against ("" = never stamped);
    # written by `course-builder translations review`, compared by course_builder.translations.
    reviewed: str = field(default="", compare=False)

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGS:
            raise KeyError(lang)
        return str(getattr(self, lang))

    def items(self) -> list[tuple[str, str]]:
        return [(lang, self[lang]) for lang in LANGS]
