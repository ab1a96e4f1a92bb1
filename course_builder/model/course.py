"""The loaded course: pages in two languages, the outline, and the widgets' data.

Plain dataclasses; everything downstream (checks, assemble, guides, exports) reads these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course_builder.issues import Pos
from course_builder.model.text import Text

if TYPE_CHECKING:  # the verticals own these models
    from course_builder.model.quiz import Quiz
    from course_builder.model.scenario import Scenario
    from course_builder.practice.prompts import SwapPrompt
    from course_builder.practice.triggers import TriggerList
    from course_builder.workshop.model import Workshop


@dataclass(frozen=True)
class Objective:
    id: str
    text: str
    pos: Pos


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None  # explicit {#id}, or None
    line: int


@dataclass(frozen=True)
class Link:
    target: str
    text: str
    line: int
    image: bool = False


@dataclass(frozen=True)
class Directive:
    """``/// name | argument`` ... ``///``: a widget or a block handled by the assembler."""

    name: str
    arg: str
    body: tuple[str, ...]
    line: int       # line of the opening ///
    end_line: int   # line of the closing ///, or 0 when unclosed


@dataclass(frozen=True)
class Admonition:
    kind: str        # success, failure, note...
    title: str
    body: str
    line: int


@dataclass
class Page:
    """One Markdown file in one language."""

    lang: str
    rel: str                    # posix path relative to its language folder, e.g. modules/x.md
    path: Path                  # the source file
    meta: dict[str, Any]
    body: str                   # the Markdown after the front matter
    body_line: int              # line number of the body's first line in the file
    id: str = ""
    title: str = ""
    minutes: int = 0
    objectives: list[Objective] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    admonitions: list[Admonition] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)  # every id a link may target

    def pos(self, line: int = 0) -> Pos:
        return Pos(self.path, line)


@dataclass(frozen=True)
class ModuleRef:
    id: str
    core: bool
    section: Text
    pos: Pos

    @property
    def rel(self) -> str:
        return f"modules/{self.id}.md"


@dataclass(frozen=True)
class OutlineEntry:
    """A top-level page (``page``) or a section of modules and pages."""

    title: Text | None          # None for a top-level page
    pages: tuple[str, ...]      # page paths (relative), modules resolved to modules/<id>.md
    modules: tuple[str, ...]
    core: bool
    pos: Pos
    page_pos: tuple[Pos, ...] = ()   # where each of ``pages`` is listed

    def pos_of(self, index: int) -> Pos:
        return self.page_pos[index] if index < len(self.page_pos) else self.pos


@dataclass
class Course:
    root: Path
    title: Text
    description: Text
    outline: list[OutlineEntry]
    modules: list[ModuleRef]
    pages: dict[str, dict[str, Page]]            # lang -> rel -> Page
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    triggers: TriggerList | None = None          # data/trigger_words.yml (practice)
    swap_prompts: tuple[SwapPrompt, ...] = ()     # data/swap_prompts.yml (practice)
    workshop: Workshop | None = None             # workshop/*.yml (workshop vertical)
    files_read: int = 0
    generated: list[Any] = field(default_factory=list)  # GeneratedPage, set by prepare_site

    def page(self, lang: str, rel: str) -> Page | None:
        return self.pages.get(lang, {}).get(rel)

    def module(self, module_id: str) -> ModuleRef | None:
        return next((m for m in self.modules if m.id == module_id), None)

    @property
    def core_modules(self) -> list[ModuleRef]:
        return [m for m in self.modules if m.core]
