"""Scenario HTML: the interactive player (``render_scenario``) and the workshop cards
(``render_cards``).

The player's HTML reads well without JavaScript: it shows the strongest path as a transcript.
``scenario.js`` then hides the transcript and plays the call from the graph embedded as JSON.
Every interface string is emitted here in the page's language, so the JS has no language
tables. Output follows the assemble contract: one root element, compact lines, no blank line.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from course_builder.model.scenario import (
    INDUSTRY_LABELS,
    OUTCOME_LABELS,
    TECHNIQUE_LABELS,
    TECHNIQUES,
    TENSION_LEVELS,
    Choice,
    Scenario,
    best_ending,
    best_indexes,
    best_path,
    leads_to,
    tension_level,
)
from course_builder.model.text import Text
from course_builder.render.inline import block_md, inline_md

# The scorecard's scale, the same as the coaching module's (docs/modules/coaching.md).
SCORE_SCALE = (0, 1, 2)

UI: dict[str, dict[str, Any]] = {
    "en": {
        "kicker": "Role-play", "situation": "Situation", "customer": "Who is calling",
        "goals": "What you will practise", "transcript": "The strongest path, step by step",
        "nojs": "Turn on JavaScript to play this call yourself and try other replies.",
        "agent": "Agent", "you": "You", "feedback": "Feedback:", "techniques": "Techniques:",
        "mood": "Mood:", "meter": "Tension {t} of {max}: {level}", "tension": "Tension",
        "change": "Tension {from} → {to}", "ending": "Ending:", "outcome": "Outcome:",
        "others": "Other endings", "conversation": "The call so far",
        "choose": "Choose your reply", "yours": "Your path", "strongest": "The strongest path",
        "tookBest": "You took the strongest path.", "last": "Your last result:",
        "restart": "Restart", "again": "Play again",
        # cards
        "cardCustomer": "Customer card", "cardAgent": "Agent card",
        "cardObserver": "Observer card", "cardDebrief": "Debrief sheet",
        "secretCustomer": "Keep this card to yourself: the agent does not see it.",
        "secretAgent": "Keep this card to yourself: the customer does not see it.",
        "whoYouAre": "Who you are", "moodStart": "Your mood at the start",
        "calms": "What would calm you", "angers": "What would anger you",
        "lines": "Lines to improvise from", "yourGoal": "Your goal",
        "facts": "On your screen", "scorecard": "De-escalation scorecard",
        "scale": "Score each behaviour 0, 1 or 2 (as in the coaching module's scorecard): "
                 "0 not yet, 1 partly, 2 consistently.",
        "behaviour": "Behaviour",
        "criteria": ["Listened without interrupting", "Used validating language",
                     "Pivoted from the problem to a solution",
                     "Kept a calm, professional tone throughout"],
        "observed": "Techniques observed", "notes": "Notes", "questions": "Questions",
        "questionList": [
            "What did the customer need to hear first, and when did they hear it?",
            "Which line raised the tension the most? What could the agent say instead?",
            "Where did the call turn from the problem to a solution?",
            "What did the observer score highest and lowest, and why?",
            "If you played the customer: which reply made you feel heard?",
        ],
        "endingsLed": "The endings and what led to them", "ledBy": "Replies that lead here:",
        "bestEnds": "The last reply of the strongest path (above).",
    },
    "es": {
        "kicker": "Juego de roles", "situation": "Situación", "customer": "Quién llama",
        "goals": "Lo que vas a practicar", "transcript": "El mejor camino, paso a paso",
        "nojs": "Activa JavaScript para jugar esta llamada y probar otras respuestas.",
        "agent": "Agente", "you": "Tú", "feedback": "Retroalimentación:",
        "techniques": "Técnicas:", "mood": "Estado de ánimo:",
        "meter": "Tensión {t} de {max}: {level}", "tension": "Tensión",
        "change": "Tensión {from} → {to}", "ending": "Final:", "outcome": "Resultado:",
        "others": "Otros finales", "conversation": "La llamada hasta ahora",
        "choose": "Elige tu respuesta", "yours": "Tu camino", "strongest": "El mejor camino",
        "tookBest": "Tomaste el mejor camino.", "last": "Tu último resultado:",
        "restart": "Reiniciar", "again": "Jugar de nuevo",
        "cardCustomer": "Tarjeta del cliente", "cardAgent": "Tarjeta del agente",
        "cardObserver": "Tarjeta de observación", "cardDebrief": "Hoja de reflexión",
        "secretCustomer": "No muestres esta tarjeta: quien hace de agente no la ve.",
        "secretAgent": "No muestres esta tarjeta: quien hace de cliente no la ve.",
        "whoYouAre": "Quién eres", "moodStart": "Tu estado de ánimo al inicio",
        "calms": "Lo que te calmaría", "angers": "Lo que te enojaría",
        "lines": "Frases para improvisar", "yourGoal": "Tu objetivo",
        "facts": "Lo que ves en tu pantalla",
        "scorecard": "Hoja de evaluación de desescalamiento",
        "scale": "Califica cada conducta con 0, 1 o 2 (como en la hoja de evaluación del "
                 "módulo de coaching): 0 todavía no, 1 en parte, 2 de forma constante.",
        "behaviour": "Conducta",
        "criteria": ["Escuchó sin interrumpir", "Usó lenguaje de validación",
                     "Pasó del problema a la solución",
                     "Mantuvo un tono sereno y profesional todo el tiempo"],
        "observed": "Técnicas observadas", "notes": "Notas", "questions": "Preguntas",
        "questionList": [
            "¿Qué necesitaba escuchar primero el cliente y en qué momento lo escuchó?",
            "¿Qué frase subió más la tensión? ¿Qué podría haber dicho el agente en su lugar?",
            "¿En qué momento la llamada pasó del problema a la solución?",
            "¿Qué calificó más alto y más bajo quien observó, y por qué?",
            "Si hiciste de cliente: ¿con qué respuesta sentiste que te escuchaban?",
        ],
        "endingsLed": "Los finales y lo que llevó a cada uno",
        "ledBy": "Respuestas que llevan aquí:",
        "bestEnds": "La última respuesta del mejor camino (arriba).",
    },
}
# The strings the browser player needs (the rest are used only here).
JS_KEYS = ("you", "feedback", "techniques", "mood", "meter", "change", "ending", "outcome",
           "yours", "strongest", "tookBest", "last", "restart", "again")
NOTE_LINES = 8  # ruled lines for the observer's notes


def _inline(text: str) -> str:
    """Inline Markdown that is safe inside <p>: extra paragraphs become line breaks."""
    out = inline_md(text)
    if out.startswith("<p>") and out.endswith("</p>"):
        out = re.sub(r"</p>\s*<p>", "<br><br>", out[3:-4])
    return out.replace("\n", " ")


def _block(text: str) -> str:
    return block_md(text).replace("\n", "")


def _compact(parts: list[str]) -> str:
    """Join lines, dropping blank ones and leading spaces (Markdown would read an indented
    line as code, and a blank line would end the raw HTML block)."""
    lines = (line.strip() for part in parts for line in part.splitlines())
    return "\n".join(line for line in lines if line)


def _meter_text(s: Scenario, value: int, lang: str) -> str:
    level = tension_level(value, s.tension_min, s.tension_max)[lang]
    return UI[lang]["meter"].format(t=value, max=s.tension_max, level=level)


def _techniques(choice: Choice, lang: str, tag: str = "p") -> str:
    """The techniques a reply uses, as a paragraph or (in lists) a bracketed span."""
    if not choice.techniques:
        return ""
    names = escape(", ".join(TECHNIQUE_LABELS[t][lang] for t in choice.techniques))
    label = escape(UI[lang]["techniques"])
    if tag == "span":
        return f' <span class="cb-sc-tech">({label} {names})</span>'
    return f'<p class="cb-sc-tech">{label} {names}</p>'


def _json_for_script(data: Any) -> str:
    """JSON that cannot close its <script> element or open a comment: every <, > and & is
    written as a \\u escape, so "</script>" can never appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def player_data(s: Scenario, lang: str) -> dict[str, Any]:
    """What scenario.js needs: the graph with texts already rendered in one language."""
    ui = UI[lang]
    return {
        "start": s.start, "t": s.tension_start, "min": s.tension_min, "max": s.tension_max,
        "who": escape(s.customer_name[lang]),
        "levels": [level[lang] for level in TENSION_LEVELS],
        "best": best_indexes(s),
        "nodes": {nid: {"c": _inline(n.customer[lang]), "m": _inline(n.mood[lang]),
                        "ch": [{"r": _inline(c.reply[lang]), "t": c.tension,
                                "f": _block(c.feedback[lang]), "n": c.next,
                                "k": [TECHNIQUE_LABELS[t][lang] for t in c.techniques]}
                               for c in n.choices]}
                  for nid, n in s.nodes.items()},
        "ends": {eid: {"o": e.outcome,
                       "ol": OUTCOME_LABELS[e.outcome][lang] if e.outcome in OUTCOME_LABELS
                       else e.outcome,
                       "ti": _inline(e.title[lang]), "c": _inline(e.customer[lang]),
                       "d": _block(e.debrief[lang])}
                 for eid, e in s.endings.items()},
        "i18n": {key: ui[key] for key in JS_KEYS},
    }


def _brief(s: Scenario, lang: str, pre: str) -> list[str]:
    ui = UI[lang]
    industry = INDUSTRY_LABELS.get(s.industry, Text(s.industry, s.industry))[lang]
    out = [f'<h3 class="cb-sc-title" id="{pre}-title">{_inline(s.title[lang])}</h3>',
           f'<p class="cb-sc-kicker">{escape(ui["kicker"])} · {escape(industry)}</p>',
           '<div class="cb-sc-brief">',
           f'<h4>{escape(ui["situation"])}</h4>', _block(s.situation[lang]),
           f'<h4>{escape(ui["customer"])}</h4>',
           f'<p class="cb-sc-name"><strong>{escape(s.customer_name[lang])}</strong></p>',
           _block(s.customer_profile[lang])]
    if s.goals:
        out.append(f'<h4>{escape(ui["goals"])}</h4>')
        out.append("<ul>" + "".join(f"<li>{_inline(g[lang])}</li>" for g in s.goals) + "</ul>")
    out.append("</div>")
    return out


def _transcript(s: Scenario, lang: str) -> list[str]:
    """The strongest path as a readable conversation: what a reader sees without JS."""
    ui = UI[lang]
    name = escape(s.customer_name[lang])
    out = ['<div class="cb-sc-transcript">', f'<h4>{escape(ui["transcript"])}</h4>',
           f'<p class="cb-sc-nojs">{escape(ui["nojs"])}</p>', '<ol class="cb-sc-log">']
    tension = s.tension_start
    for node, choice in best_path(s):
        out.append(f'<li class="cb-sc-c"><p><b class="cb-sc-who">{name}:</b> '
                   f'{_inline(node.customer[lang])}</p><p class="cb-sc-mood">'
                   f'{escape(ui["mood"])} {_inline(node.mood[lang])} · '
                   f'{escape(_meter_text(s, tension, lang))}</p></li>')
        tension = max(s.tension_min, min(s.tension_max, tension + choice.tension))
        out.append(f'<li class="cb-sc-a"><p><b class="cb-sc-who">{escape(ui["agent"])}:</b> '
                   f'{_inline(choice.reply[lang])}</p><div class="cb-sc-fbk"><p><strong>'
                   f'{escape(ui["feedback"])}</strong></p>{_block(choice.feedback[lang])}</div>'
                   f'{_techniques(choice, lang)}</li>')
    out.append("</ol>")
    ending = best_ending(s)
    if ending is not None:
        out += [_ending_html(s, ending.id, lang, "h4"),
                f'<p class="cb-sc-mood">{escape(_meter_text(s, tension, lang))}</p>']
    others = [e for e in s.endings.values() if ending is None or e.id != ending.id]
    if others:
        out.append(f'<details class="cb-sc-others"><summary>{escape(ui["others"])}</summary>')
        for other in others:
            out.append(_ending_html(s, other.id, lang, "h5"))
        out.append("</details>")
    out.append("</div>")
    return out


def _ending_html(s: Scenario, eid: str, lang: str, tag: str) -> str:
    ui = UI[lang]
    e = s.endings[eid]
    outcome = OUTCOME_LABELS[e.outcome][lang] if e.outcome in OUTCOME_LABELS else e.outcome
    return (f'<{tag}>{escape(ui["ending"])} {_inline(e.title[lang])}</{tag}>'
            f'<p class="cb-sc-out cb-sc-o-{escape(e.outcome)}">{escape(ui["outcome"])} '
            f'<strong>{escape(outcome)}</strong></p>'
            f'<p class="cb-sc-last"><b class="cb-sc-who">{escape(s.customer_name[lang])}:</b> '
            f'{_inline(e.customer[lang])}</p>{_block(e.debrief[lang])}')


def _player(s: Scenario, lang: str, pre: str) -> list[str]:
    """The skeleton the JS fills in; hidden until the JS runs."""
    ui = UI[lang]
    text = escape(_meter_text(s, s.tension_start, lang))
    return [
        '<div class="cb-sc-play" hidden>',
        f'<p class="cb-sc-status"><span class="cb-sc-meter" role="meter" '
        f'aria-label="{escape(ui["tension"])}" aria-valuemin="{s.tension_min}" '
        f'aria-valuemax="{s.tension_max}" aria-valuenow="{s.tension_start}" '
        f'aria-valuetext="{text}"><span class="cb-sc-bar"></span></span> '
        f'<span class="cb-sc-mtext" aria-hidden="true">{text}</span></p>',
        f'<h4 id="{pre}-log">{escape(ui["conversation"])}</h4>',
        f'<ol class="cb-sc-log" aria-labelledby="{pre}-log"></ol>',
        '<div class="cb-sc-fb" role="status"></div>',
        f'<div class="cb-sc-choices cb-no-print" role="group" aria-labelledby="{pre}-q">',
        f'<p class="cb-sc-q" id="{pre}-q">{escape(ui["choose"])}</p>',
        '<div class="cb-sc-btns"></div>', "</div>",
        '<div class="cb-sc-end" hidden></div>',
        f'<p class="cb-no-print"><button type="button" class="cb-sc-restart">'
        f'{escape(ui["restart"])}</button></p>',
        "</div>",
    ]


def render_scenario(s: Scenario, lang: str) -> str:
    """The player widget for one scenario in one language ("en" or "es")."""
    pre = f"cb-sc-{s.id}"
    parts = [f'<div class="cb-widget cb-scenario" data-scenario="{escape(s.id)}" id="{pre}" '
             f'aria-labelledby="{pre}-title" role="region">']
    parts += _brief(s, lang, pre)
    parts += _transcript(s, lang)
    parts += _player(s, lang, pre)
    parts.append(f'<script type="application/json" class="cb-sc-data">'
                 f"{_json_for_script(player_data(s, lang))}</script>")
    parts.append("</div>")
    return _compact(parts)


# -- workshop cards ---------------------------------------------------------------------------
def _list(items: tuple[Text, ...] | list[Text], lang: str, tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{_inline(t[lang])}</li>" for t in items) + f"</{tag}>"


def _card(pre: str, kind: str, heading: str, s: Scenario, lang: str) -> list[str]:
    return [f'<section class="cb-sc-card cb-sc-card-{kind}" aria-labelledby="{pre}-{kind}">',
            f'<h3 id="{pre}-{kind}">{escape(heading)}: {_inline(s.title[lang])}</h3>']


def _box() -> str:
    return '<span class="cb-sc-box" aria-hidden="true"></span>'


def render_cards(s: Scenario, lang: str) -> str:
    """Print-ready role-play cards: customer, agent, observer scorecard and debrief sheet,
    each starting on a new page."""
    ui = UI[lang]
    pre = f"cb-scc-{s.id}"
    name = escape(s.customer_name[lang])
    start = s.nodes.get(s.start)
    c = s.cards
    parts = [f'<div class="cb-widget cb-sc-cards" data-scenario-cards="{escape(s.id)}">']

    parts += _card(pre, "customer", ui["cardCustomer"], s, lang)
    parts += [f'<p class="cb-sc-secret">{escape(ui["secretCustomer"])}</p>',
              f'<h4>{escape(ui["situation"])}</h4>', _block(s.situation[lang]),
              f'<h4>{escape(ui["whoYouAre"])}</h4>', f"<p><strong>{name}</strong></p>",
              _block(s.customer_profile[lang]), f'<h4>{escape(ui["moodStart"])}</h4>',
              f"<p>{_inline(start.mood[lang]) + ' · ' if start else ''}"
              f"{escape(_meter_text(s, s.tension_start, lang))}</p>"]
    for key, items in (("calms", c.customer_calms), ("angers", c.customer_angers),
                       ("lines", c.customer_lines)):
        if items:
            parts += [f"<h4>{escape(ui[key])}</h4>", _list(items, lang)]
    parts.append("</section>")

    parts += _card(pre, "agent", ui["cardAgent"], s, lang)
    parts += [f'<p class="cb-sc-secret">{escape(ui["secretAgent"])}</p>',
              f'<h4>{escape(ui["situation"])}</h4>', _block(s.situation[lang])]
    if c.agent_goal is not None:
        parts += [f'<h4>{escape(ui["yourGoal"])}</h4>', _block(c.agent_goal[lang])]
    if c.agent_facts:
        parts += [f'<h4>{escape(ui["facts"])}</h4>', _list(c.agent_facts, lang)]
    parts.append("</section>")

    parts += _card(pre, "observer", ui["cardObserver"], s, lang)
    parts += [f'<h4>{escape(ui["scorecard"])}</h4>', f'<p>{escape(ui["scale"])}</p>',
              f'<table class="cb-sc-score"><thead><tr><th scope="col">'
              f'{escape(ui["behaviour"])}</th>'
              + "".join(f'<th scope="col">{n}</th>' for n in SCORE_SCALE) + "</tr></thead><tbody>"
              + "".join(f'<tr><th scope="row">{escape(row)}</th>'
                        + f"<td>{_box()}</td>" * len(SCORE_SCALE)
                        + "</tr>" for row in ui["criteria"]) + "</tbody></table>",
              f'<h4>{escape(ui["observed"])}</h4>',
              '<ul class="cb-sc-ticks">' + "".join(
                  f"<li>{_box()} {escape(TECHNIQUE_LABELS[t][lang])}</li>" for t in TECHNIQUES)
              + "</ul>",
              f'<h4>{escape(ui["notes"])}</h4>',
              '<div class="cb-sc-notes" aria-hidden="true">' + "<span></span>" * NOTE_LINES
              + "</div>", "</section>"]

    parts += _card(pre, "debrief", ui["cardDebrief"], s, lang)
    path = best_path(s)
    last = path[-1][1] if path else None
    parts += [f'<h4>{escape(ui["questions"])}</h4>',
              "<ol>" + "".join(f"<li>{escape(q)}</li>" for q in ui["questionList"]) + "</ol>",
              f'<h4>{escape(ui["strongest"])}</h4>',
              "<ol>" + "".join(f"<li>{_inline(c.reply[lang])}{_techniques(c, lang, 'span')}</li>"
                               for _, c in path) + "</ol>",
              f'<h4>{escape(ui["endingsLed"])}</h4>']
    for ending in s.endings.values():
        outcome = OUTCOME_LABELS.get(ending.outcome, Text(ending.outcome, ending.outcome))[lang]
        parts.append(f'<h5>{_inline(ending.title[lang])} ({escape(outcome)})</h5>')
        parts.append(_block(ending.debrief[lang]))
        # The strongest path's last reply is listed once, above, not repeated here.
        led = [f'<li>{escape(ui["bestEnds"])}</li>'] if last and last.next == ending.id else []
        led += [f"<li>{_inline(c.reply[lang])}</li>" for _, c in leads_to(s, ending.id)
                if c is not last]
        if led:
            parts.append(f'<p>{escape(ui["ledBy"])}</p><ul>{"".join(led)}</ul>')
    parts += ["</section>", "</div>"]
    return _compact(parts)
