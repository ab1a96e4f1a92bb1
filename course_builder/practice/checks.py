"""The course models what it teaches: its own recommended replies never use trigger language.

Recommended replies are the ``!!! success`` boxes of the pages, the right option of every
best-response question, and the best choice at every point of every scenario. Each is matched
against ``data/trigger_words.yml`` in its own language, with the same rules as the Trigger
Word Swap in the browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from course_builder import LANGS
from course_builder.issues import Issue, Pos
from course_builder.load.reader import LANG_NAMES
from course_builder.model.course import Admonition, Course, Page
from course_builder.model.text import Text
from course_builder.practice.prompts import lang_pos
from course_builder.practice.triggers import Match, TriggerList

CODES: dict[str, str] = {
    "trigger-in-recommended-reply": "a recommended reply (success box, best response, best "
                                    "scenario choice) uses a phrase from data/trigger_words.yml",
    "triggers-type": "a value in data/trigger_words.yml has the wrong type",
    "triggers-missing-field": "a trigger lacks a required field (id, why, alternatives)",
    "triggers-unknown-field": "an unknown field in data/trigger_words.yml",
    "triggers-bad-id": "a trigger id is not lowercase letters, digits and hyphens",
    "triggers-duplicate-id": "two triggers share an id",
    "triggers-missing-translation": "a trigger lacks its English or Spanish phrases, why or "
                                    "alternatives",
    "triggers-empty-list": "a list of phrases or alternatives is empty",
    "triggers-regex": "a phrase contains pattern characters; phrases are plain words",
    "triggers-duplicate-phrase": "(warning) the same phrase (ignoring case, accents, "
                                 "apostrophes) is listed twice",
    "triggers-alternative-has-trigger": "a calmer alternative itself uses trigger language",
    "triggers-exception-unused": "an exception (a calm phrase under 'except') holds none of its "
                                 "trigger's phrases, so it never applies",
    "triggers-unsafe-html": "a phrase or alternative contains HTML",
    "swap-type": "a value in data/swap_prompts.yml has the wrong type",
    "swap-missing-field": "a swap prompt lacks id, line or model",
    "swap-unknown-field": "an unknown field in data/swap_prompts.yml",
    "swap-bad-id": "a swap prompt id is not lowercase letters, digits and hyphens",
    "swap-duplicate-id": "two swap prompts share an id",
    "swap-missing-translation": "a swap prompt text lacks its English or Spanish version",
    "swap-unsafe-html": "a swap prompt text contains HTML",
    "swap-no-trigger": "a swap prompt's line has no listed trigger word to swap",
    "swap-model-has-trigger": "a swap prompt's model answer uses trigger language",
    "swap-too-few": "(warning) fewer than ten swap prompts",
}


def check_trigger_words(course: Course) -> Iterator[Issue]:
    """Every recommended reply in the course, matched against the trigger list."""
    triggers: TriggerList | None = getattr(course, "triggers", None)
    if not triggers:
        return
    for lang in LANGS:
        for page in course.pages.get(lang, {}).values():
            for adm in page.admonitions:
                if adm.kind == "success":
                    yield from _in_admonition(triggers, page, adm)
    for quiz in course.quizzes.values():
        for q in quiz.questions:
            if q.type != "best-response":
                continue
            for option in q.correct_options:
                where = f"the best response of question '{q.id}' in quiz '{quiz.id}'"
                yield from _in_text(triggers, option.text, where)
    for scenario in course.scenarios.values():
        for node in scenario.nodes.values():
            for choice in node.choices:
                if choice.best:
                    where = (f"the best reply at '{node.id}' in scenario '{scenario.id}'")
                    yield from _in_text(triggers, choice.reply, where)


def _issue(triggers: TriggerList, pos: Pos, lang: str, m: Match, where: str) -> Issue:
    trigger = triggers.get(m.trigger)
    alternatives = trigger.alternatives.get(lang, ()) if trigger else ()
    hint = (f"try instead: \"{alternatives[0]}\"" if alternatives else "reword it")
    if trigger and trigger.why[lang]:
        hint += f" ({trigger.why[lang]})"
    listed = f" (listed as \"{m.phrase}\")" if m.phrase.lower() != m.text.lower() else ""
    return Issue.at(pos, "trigger-in-recommended-reply",
                    f"{where} ({LANG_NAMES[lang]}) uses the trigger phrase \"{m.text}\"{listed}, "
                    "which the course teaches learners to avoid", hint)


def _in_text(triggers: TriggerList, text: Text, where: str) -> Iterator[Issue]:
    for lang in LANGS:
        for m in triggers.find(text[lang], lang):
            yield _issue(triggers, lang_pos(text, lang), lang, m, where)


def _in_admonition(triggers: TriggerList, page: Page, adm: Admonition) -> Iterator[Issue]:
    """Match the box's body as one text (a phrase may wrap), then point at the exact line."""
    lines = page.body.split("\n")
    first = adm.line - page.body_line + 1  # index of the line after '!!! success'
    body: list[str] = []
    for line in lines[first:]:
        if line.strip() and not line.startswith("    "):
            break
        body.append(line[4:])
    text = "\n".join(body)
    title = f" \"{adm.title}\"" if adm.title else ""
    where = f"the success box{title} on line {adm.line}"
    for m in triggers.find(text, page.lang):
        line = adm.line + 1 + text.count("\n", 0, m.start)
        yield _issue(triggers, Pos(Path(page.path), line), page.lang, m, where)
