"""HTML for a knowledge check: the learner's widget and the facilitator's answer key.

The widget works without JavaScript (every question readable, a <details> per question
holds the answer and explanation); ``assets/quiz.js`` adds checking, scoring and saved
progress. Interface words are written here in the page's language, so the script has no
language tables. Output follows the raw-HTML contract: one root element at column 0, no blank
lines, no indented lines, ids prefixed by the quiz id.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Sequence
from typing import TypeVar

from course_builder.model.quiz import TYPE_LABELS, Question, Quiz
from course_builder.model.text import Text
from course_builder.render.inline import block_md, inline_md

_T = TypeVar("_T")

# Interface words; {name} fields are filled in here or, for the "js" ones, by quiz.js.
WORDS: dict[str, Text] = {
    "meta": Text("{n} questions · Pass mark: {p}%", "{n} preguntas · Calificación mínima: {p}%"),
    "meta1": Text("1 question · Pass mark: {p}%", "1 pregunta · Calificación mínima: {p}%"),
    "number": Text("Question {i} of {n}", "Pregunta {i} de {n}"),
    "order_help": Text("Use the Move up and Move down buttons to put the items in order.",
                       "Usa los botones Subir y Bajar para poner los elementos en orden."),
    "customer": Text("The customer says:", "El cliente dice:"),
    "true": Text("True", "Verdadero"),
    "false": Text("False", "Falso"),
    "choose": Text("Choose…", "Elige…"),
    "up": Text("Move up", "Subir"),
    "down": Text("Move down", "Bajar"),
    "choices": Text("Choices:", "Opciones:"),
    "check": Text("Check answers", "Verificar respuestas"),
    "reset": Text("Try again", "Intentar de nuevo"),
    "show": Text("Show answers", "Mostrar respuestas"),
    "reveal": Text("Answer and explanation", "Respuesta y explicación"),
    "answer": Text("Answer:", "Respuesta:"),
    "answers": Text("Right answers:", "Respuestas correctas:"),
    "order": Text("Right order:", "Orden correcto:"),
    "pairs": Text("Right pairs:", "Parejas correctas:"),
    "explanation": Text("Explanation:", "Explicación:"),
    # Answer key only.
    "key": Text("Answer key: {t}", "Clave de respuestas: {t}"),
    "module": Text("Module: {m}", "Módulo: {m}"),
    "objectives": Text("Objectives: {o}", "Objetivos: {o}"),
    "right": Text("Right", "Correcta"),
    "wrong": Text("Wrong", "Incorrecta"),
    "if": Text("If the learner answers {v}:", "Si quien aprende responde {v}:"),
    "item": Text("Item", "Elemento"),
    "match": Text("Match", "Pareja"),
}
# Words the script needs after checking, passed to it as JSON in data-i18n.
JS_WORDS: dict[str, Text] = {
    "ok": Text("Correct", "Correcto"),
    "no": Text("Not quite", "Todavía no"),
    "none": Text("Not answered", "Sin responder"),
    "score": Text("Score: {n} of {m} ({p}%).", "Resultado: {n} de {m} ({p}%)."),
    "pass": Text("Passed! The pass mark is {k}%.", "¡Aprobaste! La calificación mínima es {k}%."),
    "fail": Text("Not yet: the pass mark is {k}%. Read the feedback and try again.",
                 "Todavía no: la calificación mínima es {k}%. Lee la retroalimentación e "
                 "inténtalo de nuevo."),
    "best": Text("Best so far: {b}%.", "Tu mejor resultado: {b}%."),
    "pos": Text("{t}: position {i} of {n}.", "{t}: posición {i} de {n}."),
    "shown": Text("The answers are shown under each question.",
                  "Las respuestas aparecen debajo de cada pregunta."),
    "cleared": Text("Answers cleared. Try again.", "Respuestas borradas. Inténtalo de nuevo."),
}


def render_quiz(quiz: Quiz, lang: str) -> str:
    """The interactive widget for one language; answers are keyed by ids, not by language."""
    w = _Words(lang)
    root = f"cbq-{quiz.id}"
    i18n = json.dumps({k: v[lang] for k, v in JS_WORDS.items()}, ensure_ascii=False,
                      separators=(",", ":"))
    n = len(quiz.questions)
    out = [f'<div class="cb-widget cb-quiz" id="{root}" data-quiz="{_a(quiz.id)}" '
           f'data-pass="{quiz.pass_mark}" data-i18n="{_a(i18n)}">',
           f'<h3 class="cb-quiz-title" id="{root}-h">{_phrase(quiz.title[lang])}</h3>',
           f'<p class="cb-quiz-meta">{w("meta1" if n == 1 else "meta", n=n, p=quiz.pass_mark)}'
           '</p>']
    for index, question in enumerate(quiz.questions, 1):
        out += _question(quiz, question, index, n, lang, w)
    out += ['<div class="cb-quiz-actions cb-js cb-no-print" hidden>',
            f'<button type="button" data-act="check">{w("check")}</button>',
            f'<button type="button" data-act="reset">{w("reset")}</button>',
            f'<button type="button" data-act="show">{w("show")}</button>',
            '</div>',
            '<p class="cb-quiz-status cb-no-print" role="status" aria-live="polite"></p>',
            '</div>']
    return _compact(out)


def render_answer_key(quiz: Quiz, lang: str, level: int = 3) -> str:
    """A print-friendly answer key for facilitators: every right answer and explanation."""
    w = _Words(lang)
    root = f"cbk-{quiz.id}"
    n = len(quiz.questions)
    out = [f'<div class="cb-answer-key" id="{root}" data-quiz-key="{_a(quiz.id)}">',
           f'<h{level} id="{root}-h">{w("key", t=_phrase(quiz.title[lang]))}</h{level}>',
           f'<p class="cb-key-meta">{w("module", m=_e(quiz.module))} · '
           f'{w("meta1" if n == 1 else "meta", n=n, p=quiz.pass_mark)}</p>',
           '<ol class="cb-key-qs">']
    for q in quiz.questions:
        out.append(f'<li id="{root}-{q.id}">')
        kind = TYPE_LABELS[q.type][lang] if q.type in TYPE_LABELS else q.type
        out.append(f'<p class="cb-key-q"><strong>{_e(kind)}.</strong> '
                   f'{_phrase(q.prompt[lang])}</p>')
        if q.objectives:
            objectives = _e(", ".join(q.objectives))
            out.append(f'<p class="cb-key-obj">{w("objectives", o=objectives)}</p>')
        if q.customer is not None:
            out.append(f'<blockquote class="cb-key-cust"><p>{w("customer")} '
                       f'{_phrase(q.customer[lang])}</p></blockquote>')
        if q.options:
            out.append('<ul class="cb-key-opts">')
            for o in q.options:
                mark = f'✓ {w("right")}' if o.correct else f'✗ {w("wrong")}'
                cls = "cb-key-right" if o.correct else "cb-key-wrong"
                fb = f'<br><em>{_phrase(o.feedback[lang])}</em>' if o.feedback else ""
                label = f"<strong>{mark}:</strong>" if o.correct else f"{mark}:"
                out.append(f'<li class="{cls}">{label} {_phrase(o.text[lang])}{fb}</li>')
            out.append('</ul>')
        if q.type == "true-false" and q.answer is not None:
            answer = w("true" if q.answer else "false")
            out.append(f'<p><strong>{w("answer")} {answer}</strong></p>')
            if q.tf_feedback:
                for value in (True, False):
                    fb = q.tf_feedback.for_value(value)
                    if fb:
                        said = w("true" if value else "false")
                        out.append(f'<p class="cb-key-fb">{w("if", v=said)}'
                                   f' <em>{_phrase(fb[lang])}</em></p>')
        if q.items:
            out.append(f'<p><strong>{w("order")}</strong></p>')
            out.append('<ol class="cb-key-order">'
                       + "".join(f"<li>{_phrase(i.text[lang])}</li>" for i in q.items) + '</ol>')
        if q.pairs:
            out.append(f'<table class="cb-key-pairs"><caption>{w("pairs")}</caption>')
            out.append(f'<thead><tr><th scope="col">{w("item")}</th>'
                       f'<th scope="col">{w("match")}</th></tr></thead><tbody>')
            out += [f"<tr><td>{_phrase(p.left[lang])}</td><td>{_phrase(p.right[lang])}</td></tr>"
                    for p in q.pairs]
            out.append('</tbody></table>')
        if q.explanation:
            out.append(f'<div class="cb-key-expl"><p><strong>{w("explanation")}</strong></p>'
                       f'{block_md(q.explanation[lang])}</div>')
        out.append('</li>')
    out += ['</ol>', '</div>']
    return _compact(out)


# -- the widget's questions ------------------------------------------------------------------
def _question(quiz: Quiz, q: Question, index: int, count: int, lang: str,
              w: _Words) -> list[str]:
    base = f"cbq-{quiz.id}-{q.id}"
    key = _key(q)
    # No "choose all that apply" here: authors write it in the prompt (checkboxes show it too).
    out = [f'<fieldset class="cb-q" id="{base}" data-q="{_a(q.id)}" data-type="{_a(q.type)}"'
           + (f' data-key="{_a(key)}"' if key else "") + '>',
           f'<legend><span class="cb-q-n">{w("number", i=index, n=count)}</span> '
           f'{_phrase(q.prompt[lang])}</legend>']
    if q.customer is not None:
        out.append(f'<blockquote class="cb-q-cust"><p><strong>{w("customer")}</strong> '
                   f'{_phrase(q.customer[lang])}</p></blockquote>')
    if q.type in ("single", "best-response", "multiple"):
        kind = "checkbox" if q.type == "multiple" else "radio"
        out.append('<div class="cb-q-opts">')
        for o in q.options:
            out.append(_choice(base, kind, o.id, _phrase(o.text[lang]),
                               o.feedback[lang] if o.feedback else None))
        out.append('</div>')
    elif q.type == "true-false":
        out.append('<div class="cb-q-opts">')
        for value in ("true", "false"):
            fb = q.tf_feedback.for_value(value == "true") if q.tf_feedback else None
            out.append(_choice(base, "radio", value, w(value), fb[lang] if fb else None))
        out.append('</div>')
    elif q.type == "ordering":
        out.append(f'<p class="cb-q-help cb-js" hidden>{w("order_help")}</p>')
        out.append('<ol class="cb-ord">')
        for item in _shuffled(q.items, f"{quiz.id}/{q.id}"):
            tid = f"{base}-{item.id}"
            buttons = _move_button(-1, "↑", w("up"), tid) + _move_button(1, "↓", w("down"), tid)
            out.append(f'<li data-i="{_a(item.id)}">'
                       f'<span class="cb-ord-t" id="{tid}">{_phrase(item.text[lang])}</span>'
                       f'<span class="cb-ord-b cb-js cb-no-print" hidden>{buttons}</span></li>')
        out.append('</ol>')
    elif q.type == "matching":
        rights = _shuffled(q.pairs, f"{quiz.id}/{q.id}")
        choices = "".join(f'<option value="{_a(p.id)}">{_plain(p.right[lang])}</option>'
                          for p in rights)
        out.append('<div class="cb-match">')
        for p in q.pairs:
            sid = f"{base}-{p.id}"
            out.append(f'<div class="cb-match-row"><label for="{sid}">{_phrase(p.left[lang])}'
                       f'</label><select id="{sid}" data-p="{_a(p.id)}"><option value="">'
                       f'{w("choose")}</option>{choices}</select></div>')
        out.append('</div>')
        out.append(f'<div class="cb-print"><p>{w("choices")}</p><ol type="A">'
                   + "".join(f"<li>{_phrase(p.right[lang])}</li>" for p in rights)
                   + '</ol></div>')
    out += _reveal(q, lang, w)
    out.append('</fieldset>')
    return out


def _choice(base: str, kind: str, value: str, label: str, feedback: str | None) -> str:
    iid = f"{base}-{value}"
    fb = (f'<p class="cb-opt-fb" data-for="{_a(value)}" hidden>{_phrase(feedback)}</p>'
          if feedback else "")
    return (f'<div class="cb-opt"><input type="{kind}" name="{base}" id="{iid}" '
            f'value="{_a(value)}"><label for="{iid}">{label}</label>{fb}</div>')


def _move_button(step: int, arrow: str, label: str, described_by: str) -> str:
    return (f'<button type="button" data-mv="{step}" aria-describedby="{described_by}">'
            f'<span aria-hidden="true">{arrow}</span><span class="cb-sr-only">{label}</span>'
            '</button>')


def _reveal(q: Question, lang: str, w: _Words) -> list[str]:
    """The no-JavaScript answer: a <details> the script hides until 'Show answers'."""
    out = [f'<details class="cb-q-key"><summary>{w("reveal")}</summary>']
    right = q.correct_options
    if q.type == "multiple":
        out.append(f'<p><strong>{w("answers")}</strong></p><ul>'
                   + "".join(f"<li>{_phrase(o.text[lang])}</li>" for o in right) + '</ul>')
    elif right:
        out.append(f'<p><strong>{w("answer")}</strong> {_phrase(right[0].text[lang])}</p>')
    elif q.type == "true-false" and q.answer is not None:
        out.append(f'<p><strong>{w("answer")}</strong> {w("true" if q.answer else "false")}</p>')
    elif q.items:
        out.append(f'<p><strong>{w("order")}</strong></p><ol>'
                   + "".join(f"<li>{_phrase(i.text[lang])}</li>" for i in q.items) + '</ol>')
    elif q.pairs:
        out.append(f'<p><strong>{w("pairs")}</strong></p><ul>'
                   + "".join(f"<li>{_phrase(p.left[lang])} → {_phrase(p.right[lang])}</li>"
                             for p in q.pairs) + '</ul>')
    if q.explanation:
        out.append(f'<div class="cb-q-expl">{block_md(q.explanation[lang])}</div>')
    out.append('</details>')
    return out


def _key(q: Question) -> str:
    """The right answer as the script compares it: ids separated by spaces."""
    if q.type == "true-false":
        return "" if q.answer is None else str(q.answer).lower()
    if q.type == "ordering":
        return " ".join(i.id for i in q.items)
    if q.type == "matching":
        return ""  # each <select> is right when its value is its own pair id
    return " ".join(o.id for o in q.correct_options)


def _shuffled(seq: Sequence[_T], seed: str) -> list[_T]:
    """A stable shuffle (same order on every build, so golden files hold) that never leaves
    the list in its right order."""
    ids = [getattr(x, "id", str(i)) for i, x in enumerate(seq)]
    order = sorted(range(len(seq)),
                   key=lambda i: hashlib.sha256(f"{seed}/{ids[i]}".encode()).hexdigest())
    if len(order) > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return [seq[i] for i in order]


# -- small helpers ---------------------------------------------------------------------------
class _Words:
    """Interface words in one language, with {fields} filled in."""

    def __init__(self, lang: str) -> None:
        if lang not in ("en", "es"):
            raise KeyError(lang)
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        return WORDS[key][self.lang].format(**values)


_P_SPLIT = re.compile(r"</p>\s*<p>")


def _phrase(text: str) -> str:
    """Light Markdown as phrasing content (fits in <label>, <legend>, <li>, <p>)."""
    out = inline_md(text)
    if out.startswith("<p>"):
        out = _P_SPLIT.sub("<br>", out.strip())[3:-4]
    return out


_TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    """Text without markup, for <option>, which cannot hold any."""
    return html.escape(html.unescape(_TAG.sub("", inline_md(text))), quote=False)


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _a(text: str) -> str:
    return html.escape(text, quote=True)


def _compact(lines: list[str]) -> str:
    """Join as raw-HTML-block-safe text: no blank lines, nothing indented."""
    text = "\n".join(lines)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
