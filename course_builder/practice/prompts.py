"""The Trigger Word Swap's lines (``data/swap_prompts.yml``): a trigger-laden agent line and a
model answer, in English and Spanish side by side.

Checked against the trigger list as they load: every line must hold trigger language in its
own language (or the exercise has nothing to swap), and no model answer may hold any.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from course_builder import LANGS
from course_builder.issues import Issue, IssueList, Pos
from course_builder.load.reader import LANG_NAMES, Reader
from course_builder.load.yamlfile import load_yaml
from course_builder.model.text import Text
from course_builder.practice.triggers import TriggerList

PROMPTS_FILE = Path("data") / "swap_prompts.yml"
MIN_PROMPTS = 10
PROMPT_FIELDS = ("id", "context", "line", "model")


@dataclass(frozen=True)
class SwapPrompt:
    id: str
    line: Text          # what the untrained agent said
    model: Text         # one calm way to say it
    context: Text | None = None   # the situation, in a sentence
    pos: Pos = field(default=Pos(Path("")), compare=False)


def load_prompts(path: Path, triggers: TriggerList) -> tuple[tuple[SwapPrompt, ...], list[Issue]]:
    """Read the prompts with positions; problems are Issues, never exceptions."""
    issues = IssueList()
    data, found = load_yaml(path)
    issues.extend(found)
    if data is None:
        return (), issues.items
    reader = Reader(issues, "swap")
    top = reader.mapping(data, Pos(path, 1), "the swap prompts file")
    reader.unknown_keys(top, ("prompts",), "the swap prompts file")
    items = reader.seq(top, "prompts", "the lines learners rewrite")
    prompts: list[SwapPrompt] = []
    for pid, entry in reader.entries(
            items, "prompt", PROMPT_FIELDS, "a prompt",
            "the prompt's id, for example refund-window",
            "give each prompt its own id: the learner's progress is saved under it"):
        empty = Text("", "", entry.pos)
        before = len(issues)
        line = reader.text(entry, "line", "the agent's line, full of trigger words") or empty
        model = reader.text(entry, "model", "a model answer without trigger words") or empty
        context = reader.text(entry, "context", "the situation, in a sentence", required=False)
        prompt = SwapPrompt(pid, line, model, context, entry.pos)
        if triggers and len(issues) == before:  # texts with problems: those come first
            _check_prompt(prompt, triggers, issues)
        prompts.append(prompt)
    if items and len(prompts) < MIN_PROMPTS:
        issues.warning(top.pos_of("prompts"), "swap-too-few",
                       f"there are {len(prompts)} prompts; the exercise needs at least "
                       f"{MIN_PROMPTS} per language", "add more lines to rewrite")
    return tuple(prompts), issues.items


def _check_prompt(p: SwapPrompt, triggers: TriggerList, issues: IssueList) -> None:
    for lang in LANGS:
        name = LANG_NAMES[lang]
        if p.line[lang] and not triggers.find(p.line[lang], lang):
            issues.error(lang_pos(p.line, lang), "swap-no-trigger",
                         f"the {name} line of prompt '{p.id}' has no trigger word from "
                         "data/trigger_words.yml, so there is nothing to swap",
                         "use at least one listed trigger phrase, or add the phrase to the list")
        for m in triggers.find(p.model[lang], lang):
            alt = triggers.get(m.trigger)
            tip = alt.alternatives[lang][0] if alt and alt.alternatives.get(lang) else ""
            issues.error(lang_pos(p.model, lang), "swap-model-has-trigger",
                         f"the {name} model answer of prompt '{p.id}' uses the trigger phrase "
                         f"\"{m.text}\" ('{m.trigger}')",
                         f"reword it, for example: \"{tip}\"" if tip else "reword it")


def lang_pos(text: Text, lang: str) -> Pos:
    """The line of one language of a ``{en, es}`` text: a Text knows the line of its mapping,
    which is the English line; block-style mappings put the Spanish a line or so further."""
    return text.pos if lang == "en" else Pos(text.pos.path, text.pos.line + _es_offset(text))


def _es_offset(text: Text) -> int:
    try:
        lines = text.pos.path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return 0
    first = text.pos.line - 1
    if not 0 <= first < len(lines) or not lines[first].lstrip().startswith("en:"):
        return 0  # a flow mapping, {en: ..., es: ...}, sits on one line
    indent = len(lines[first]) - len(lines[first].lstrip())
    for step in range(1, 40):
        if first + step >= len(lines):
            break
        line = lines[first + step]
        depth = len(line) - len(line.lstrip())
        if line.strip() and depth <= indent:
            return step if depth == indent and line.lstrip().startswith("es:") else 0
    return 0


def load_prompt_list(root: Path, triggers: TriggerList
                     ) -> tuple[tuple[SwapPrompt, ...], list[Issue]]:
    """The project's prompts, or none (and no issue) when the project has no file."""
    path = root / PROMPTS_FILE
    if not path.is_file():
        return (), []
    return load_prompts(path, triggers)
