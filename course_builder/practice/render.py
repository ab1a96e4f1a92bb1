"""HTML for the three practice tools, in one language each.

Each widget follows the raw-HTML contract (one root at column 0, no blank or indented lines,
ids prefixed by the widget's id) and carries every interface word it needs (``data-i18n``),
so the scripts have no language tables. Without JavaScript the Trigger Word Swap is a
printable worksheet and the KPI worksheet a blank sheet to fill in by hand.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from course_builder.model.course import Course
from course_builder.model.quiz import Question, Quiz
from course_builder.model.text import Text
from course_builder.practice.kpi import MEASURES
from course_builder.practice.prompts import SwapPrompt
from course_builder.practice.triggers import TriggerList, rules
from course_builder.render.inline import block_md, inline_md

SWAP_ID = "trigger-word-swap"    # storage id: CB.store "swap"
REFRESHER_ID = "monthly"         # storage id: CB.store "refresher"
KPI_ID = "worksheet"             # storage id: CB.store "kpi"
REFRESHER_SIZE = 10
KPI_BLANK_ROWS = (3, 6)          # printed sheet: baseline rows, rows after training

T = Text
WORDS: dict[str, Text] = {
    # Trigger Word Swap
    "agent": T("Agent:", "Agente:"),
    "situation": T("Situation:", "Situación:"),
    "model": T("Model answer", "Respuesta modelo"),
    "key": T("Model answers", "Respuestas modelo"),
    "key_note": T("Your answers will differ, and that is fine: check that yours keeps the facts, "
                  "drops every trigger word and ends with a next step.",
                  "Tus respuestas serán distintas, y está bien: revisa que la tuya conserve los "
                  "datos, no tenga palabras detonantes y termine con un siguiente paso."),
    "write": T("Your rewrite:", "Tu versión:"),
    # Refresher
    "rf_nojs": T("The refresher needs JavaScript. Without it, retake the knowledge check at the "
                 "end of each module instead.",
                 "El repaso mensual necesita JavaScript. Sin él, vuelve a hacer la verificación "
                 "de conocimientos al final de cada módulo."),
    "rf_title": T("Your refresher", "Tu repaso"),
    "rf_history": T("Your refresher history", "Tu historial de repasos"),
    # KPI worksheet
    "kpi_data": T("Monthly values", "Valores mensuales"),
    "kpi_month": T("Month", "Mes"),
    "kpi_phase": T("Period", "Periodo"),
    "kpi_baseline": T("Baseline", "Línea base"),
    "kpi_after": T("After training", "Después de la capacitación"),
    "kpi_results": T("Results against the baseline", "Resultados frente a la línea base"),
    "kpi_nojs": T("Without JavaScript this is a blank sheet: print it and fill it in by hand, "
                  "one row per month.",
                  "Sin JavaScript, esta es una hoja en blanco: imprímela y llénala a mano, un "
                  "renglón por mes."),
    "kpi_remove": T("Remove", "Quitar"),
}

SWAP_JS: dict[str, Text] = {
    "write": WORDS["write"],
    "tag": T("trigger word", "palabra detonante"),
    "left": T("{n} trigger words left: {list}.", "Quedan {n} palabras detonantes: {list}."),
    "left1": T("1 trigger word left: {list}.", "Queda 1 palabra detonante: {list}."),
    "clean": T("No trigger words left. Compare your version with the model answer.",
               "Ya no hay palabras detonantes. Compara tu versión con la respuesta modelo."),
    "try": T("Try instead:", "Mejor di:"),
    "or": T("or", "o"),
    "progress": T("Rewritten without trigger words: {n} of {m}.",
                  "Reescritas sin palabras detonantes: {n} de {m}."),
    "clear": T("Clear my rewrites", "Borrar mis versiones"),
    "cleared": T("Your rewrites were cleared.", "Se borraron tus versiones."),
}

REFRESHER_JS: dict[str, Text] = {
    "start": T("Start a refresher", "Empezar un repaso"),
    "again": T("Start another refresher", "Empezar otro repaso"),
    "check": T("Check answers", "Verificar respuestas"),
    "qn": T("Question {i} of {n}", "Pregunta {i} de {n}"),
    "from": T("From: {m}", "Del módulo: {m}"),
    "all": T("Choose all that apply.", "Elige todas las que correspondan."),
    "order": T("Number the items from first (1) to last.",
               "Numera los elementos del primero (1) al último."),
    "match": T("Choose the match for each item.", "Elige la pareja de cada elemento."),
    "choose": T("Choose…", "Elige…"),
    "customer": T("The customer says:", "El cliente dice:"),
    "true": T("True", "Verdadero"),
    "false": T("False", "Falso"),
    "ok": T("Correct", "Correcto"),
    "no": T("Not quite", "Todavía no"),
    "answer": T("Answer:", "Respuesta:"),
    "ready": T("{n} questions drawn from {m} modules. Questions you missed before come up more "
               "often.", "Se eligieron {n} preguntas de {m} módulos. Las que fallaste antes "
               "salen con más frecuencia."),
    "score": T("Score: {n} of {m} ({p}%).", "Resultado: {n} de {m} ({p}%)."),
    "next": T("Next refresher suggested: {d}.", "Próximo repaso sugerido: {d}."),
    "due": T("A refresher is due: your last one was on {d}.",
             "Ya te toca un repaso: el último fue el {d}."),
    "first": T("You have not taken a refresher yet. Take one now, then come back in about a "
               "month.", "Todavía no has hecho ningún repaso. Haz uno ahora y regresa en un mes, "
               "más o menos."),
    "empty": T("No refreshers yet.", "Todavía no hay repasos."),
    "chart": T("Refresher scores, oldest to newest: {list}.",
               "Resultados de los repasos, del más antiguo al más reciente: {list}."),
    "table": T("Show the scores as a table", "Ver los resultados en una tabla"),
    "date": T("Date", "Fecha"),
    "pct": T("Score (%)", "Resultado (%)"),
    "qs": T("Questions", "Preguntas"),
}

# Words the KPI page writes itself (buttons, headers); KPI_JS holds what the script needs.
KPI_UI: dict[str, Text] = {
    "add_b": T("Add a baseline month", "Agregar un mes de línea base"),
    "add_a": T("Add a month after training", "Agregar un mes después de la capacitación"),
    "export": T("Export CSV", "Exportar CSV"),
    "import": T("Import CSV:", "Importar CSV:"),
    "print": T("Print", "Imprimir"),
    "clear": T("Clear all", "Borrar todo"),
    "measure": T("Measure", "Indicador"),
    "bavg": T("Baseline average", "Promedio de la línea base"),
    "aavg": T("Average after training", "Promedio después de la capacitación"),
    "change": T("Change", "Cambio"),
    "meaning": T("What it means", "Qué significa"),
    "points": T("points", "puntos"),
    "legend": T("Outlined bars: baseline months. Filled bars: months after training. Dashed "
                "line: baseline average.",
                "Barras con contorno: meses de línea base. Barras rellenas: meses después de la "
                "capacitación. Línea punteada: promedio de la línea base."),
}

KPI_JS: dict[str, Text] = {
    "month": WORDS["kpi_month"],
    "phase": WORDS["kpi_phase"],
    "remove": WORDS["kpi_remove"],
    "row": T("row {i}", "renglón {i}"),
    "confirm": T("Delete every month from this worksheet on this device?",
                 "¿Borrar todos los meses de esta hoja en este dispositivo?"),
    "added": T("Month added.", "Mes agregado."),
    "removed": T("Month removed.", "Mes eliminado."),
    "imported": T("Months imported: {n}.", "Meses importados: {n}."),
    "skipped": T("Line {l} skipped: it needs a month (YYYY-MM) and a phase (baseline or after).",
                 "Línea {l} omitida: necesita un mes (AAAA-MM) y una fase (baseline o after)."),
    "badnum": T("Line {l}: “{v}” is not a number, so that cell was left empty.",
                "Línea {l}: “{v}” no es un número, así que esa celda quedó vacía."),
    "nocsv": T("This file has no 'month' and 'phase' columns, so nothing was imported.",
               "Este archivo no tiene las columnas 'month' y 'phase', así que no se importó "
               "nada."),
    "cleared": T("The worksheet is empty.", "La hoja quedó vacía."),
    "months": T("{n} mo.", "meses: {n}"),  # "meses: 1" reads right for any n
    "down": T("went down from {b} to {a}", "bajó de {b} a {a}"),
    "up": T("went up from {b} to {a}", "subió de {b} a {a}"),
    "level": T("stayed at {a}", "se mantuvo en {a}"),
    "better": T("An improvement.", "Es una mejora."),
    "worse": T("A change in the wrong direction.", "Es un cambio en la dirección contraria."),
    "same": T("No real change.", "Sin un cambio real."),
    "steady_same": T("Stable: the result you hope for on difficult calls.",
                     "Estable: justo lo que se espera en las llamadas difíciles."),
    "steady_better": T("A decrease: good, as long as first call resolution holds.",
                       "Bajó: es bueno, siempre que la resolución en el primer contacto se "
                       "mantenga."),
    "steady_worse": T("Longer calls: check whether difficult calls got harder or agents need "
                      "support.", "Llamadas más largas: revisa si las llamadas difíciles se "
                      "complicaron o si el equipo necesita apoyo."),
    "none": T("Enter baseline months and months after training to compare.",
              "Captura meses de línea base y meses después de la capacitación para comparar."),
    "c_few-baseline": T("Baseline months so far: {n}. A baseline needs at least three, so "
                        "this is a first look, not a conclusion.",
                        "Meses de línea base hasta ahora: {n}. Se necesitan al menos tres, así "
                        "que esto es un primer vistazo, no una conclusión."),
    "c_few-after": T("Months after training so far: {n}. Too few to conclude.",
                     "Meses después de la capacitación hasta ahora: {n}. Son muy pocos para "
                     "concluir."),
    "c_within-range": T("The average after training is inside the range the baseline moved in "
                        "on its own ({lo} to {hi}), so this may be normal variation.",
                        "El promedio después de la capacitación queda dentro del rango en el "
                        "que ya se movía la línea base ({lo} a {hi}), así que puede ser una "
                        "variación normal."),
    "c_sharp-drop": T("A drop of more than 15%: make sure difficult calls are not being rushed "
                      "(look at first call resolution and repeat calls).",
                      "Una baja de más de 15 %: asegúrate de que no se estén apresurando las "
                      "llamadas difíciles (revisa la resolución en el primer contacto y las "
                      "llamadas repetidas)."),
    "caution": T("Caution:", "Atención:"),
    "chart": T("{m} by month, as bars; baseline average {b}, as a dashed line. The monthly "
               "values are in the table above.",
               "{m} por mes, en barras; promedio de la línea base {b}, en línea punteada. Los "
               "valores de cada mes están en la tabla de arriba."),
    "nodata": T("no data", "sin datos"),
}


# -- helpers ---------------------------------------------------------------------------------
def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _a(text: str) -> str:
    return html.escape(text, quote=True)


_P_SPLIT = re.compile(r"</p>\s*<p>")
_TAG = re.compile(r"<[^>]+>")


def _phrase(text: str) -> str:
    """Light Markdown as phrasing content (fits in <label>, <legend>, <li>, <p>)."""
    out = inline_md(text)
    if out.startswith("<p>"):
        out = _P_SPLIT.sub("<br>", out.strip())[3:-4]
    return out


def _plain(text: str) -> str:
    """Text without markup (for <option>, set with textContent by the script)."""
    return html.unescape(_TAG.sub("", inline_md(text)))


def _words(table: dict[str, Text], lang: str) -> str:
    return _a(json.dumps({k: v[lang] for k, v in table.items()}, ensure_ascii=False,
                         separators=(",", ":")))


def json_for_script(data: Any) -> str:
    """JSON that cannot end its <script> element: <, > and & become \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def compact(lines: list[str]) -> str:
    """Raw-HTML-block-safe text: no blank lines, nothing indented."""
    return "\n".join(line.strip() for line in "\n".join(lines).splitlines() if line.strip())


# -- Trigger Word Swap -----------------------------------------------------------------------
def render_swap(prompts: tuple[SwapPrompt, ...], triggers: TriggerList, lang: str) -> str:
    """The exercise: every prompt with its model answer in a <details>, a printable answer
    key, and the trigger list (with the shared matching rules) for the script."""
    root = "cb-swap"
    w = {k: v[lang] for k, v in WORDS.items()}
    out = [f'<div class="cb-widget cb-swap" id="{root}" data-swap="{SWAP_ID}" '
           f'data-i18n="{_words(SWAP_JS, lang)}">',
           f'<p class="cb-sw-progress cb-no-print" id="{root}-progress" hidden></p>',
           '<ol class="cb-sw-list">']
    for p in prompts:
        pid = f"{root}-{p.id}"
        out.append(f'<li class="cb-sw-item" id="{pid}" data-p="{_a(p.id)}">')
        if p.context:
            out.append(f'<p class="cb-sw-ctx"><strong>{_e(w["situation"])}</strong> '
                       f'{_phrase(p.context[lang])}</p>')
        out.append(f'<blockquote class="cb-sw-line" id="{pid}-line"><p>'
                   f'<span class="cb-sw-who">{_e(w["agent"])}</span> '
                   f'“{_phrase(p.line[lang])}”</p></blockquote>')
        out.append(f'<div class="cb-sw-paper" aria-hidden="true"><span>{_e(w["write"])}</span>'
                   '</div>')
        out.append(f'<details class="cb-sw-model"><summary>{_e(w["model"])}</summary>'
                   f'<p>“{_phrase(p.model[lang])}”</p></details>')
        out.append('</li>')
    out.append('</ol>')
    out.append(f'<div class="cb-sw-key"><h2 id="{root}-key">{_e(w["key"])}</h2>'
               f'<p>{_e(w["key_note"])}</p><ol>'
               + "".join(f"<li>“{_phrase(p.model[lang])}”</li>" for p in prompts)
               + '</ol></div>')
    out.append('<p class="cb-sw-status cb-sr-only" role="status" aria-live="polite"></p>')
    data = {"rules": rules().as_json(), "triggers": triggers.browser_data(lang)}
    out.append(f'<script type="application/json" class="cb-sw-data">{json_for_script(data)}'
               '</script>')
    out.append('</div>')
    return compact(out)


# -- refresher -------------------------------------------------------------------------------
def _module_title(course: Course, quiz: Quiz, lang: str) -> str:
    page = course.page(lang, f"modules/{quiz.module}.md")
    return page.title if page and page.title else quiz.title[lang]


def ordered_quizzes(course: Course) -> list[Quiz]:
    """Quizzes in the outline's module order, then any others by id."""
    order = {m.id: i for i, m in enumerate(course.modules)}
    return sorted(course.quizzes.values(), key=lambda q: (order.get(q.module, len(order)), q.id))


def bank_entry(quiz: Quiz, q: Question, lang: str) -> dict[str, Any] | None:
    """One question as the refresher's script needs it, texts in one language, rendered
    safely; None for a question the refresher cannot ask (no right answer recorded)."""
    item: dict[str, Any] = {"k": f"{quiz.id}/{q.id}", "q": quiz.id, "t": q.type,
                            "p": _phrase(q.prompt[lang])}
    if q.customer is not None:
        item["c"] = _phrase(q.customer[lang])
    if q.type in ("single", "multiple", "best-response"):
        right = q.correct_options
        if not right:
            return None
        item["o"] = [[o.id, _phrase(o.text[lang])] for o in q.options]
        item["a"] = [o.id for o in right]
        item["r"] = ("<ul>" + "".join(f"<li>{_phrase(o.text[lang])}</li>" for o in right)
                     + "</ul>") if q.type == "multiple" else _phrase(right[0].text[lang])
    elif q.type == "true-false":
        if q.answer is None:
            return None
        item["a"] = "true" if q.answer else "false"
        item["r"] = _e(REFRESHER_JS["true" if q.answer else "false"][lang])
    elif q.type == "ordering":
        if len(q.items) < 2:
            return None
        item["i"] = [[i.id, _phrase(i.text[lang])] for i in q.items]
        item["r"] = "<ol>" + "".join(f"<li>{_phrase(i.text[lang])}</li>" for i in q.items) + "</ol>"
    elif q.type == "matching":
        if len(q.pairs) < 2:
            return None
        item["l"] = [[p.id, _phrase(p.left[lang]), _plain(p.right[lang])] for p in q.pairs]
        item["r"] = "<ul>" + "".join(f"<li>{_phrase(p.left[lang])} → {_phrase(p.right[lang])}"
                                     "</li>" for p in q.pairs) + "</ul>"
    else:
        return None
    if q.explanation:
        item["x"] = block_md(q.explanation[lang])
    return item


def refresher_data(course: Course, lang: str) -> dict[str, Any]:
    """The whole quiz bank in one language, and each quiz's module title."""
    quizzes = ordered_quizzes(course)
    bank = [e for quiz in quizzes for q in quiz.questions
            if (e := bank_entry(quiz, q, lang)) is not None]
    return {"mods": {quiz.id: _module_title(course, quiz, lang) for quiz in quizzes},
            "bank": bank}


def render_refresher(course: Course, lang: str, size: int = REFRESHER_SIZE) -> str:
    root = "cb-rf"
    w = {k: v[lang] for k, v in WORDS.items()}
    return compact([
        f'<div class="cb-widget cb-refresher" id="{root}" data-refresher="{REFRESHER_ID}" '
        f'data-size="{size}" data-i18n="{_words(REFRESHER_JS, lang)}">',
        f'<p class="cb-rf-nojs">{_e(w["rf_nojs"])}</p>',
        '<div class="cb-rf-intro" hidden>',
        '<p class="cb-rf-next"></p>',
        f'<p class="cb-no-print"><button type="button" class="cb-rf-start">'
        f'{_e(REFRESHER_JS["start"][lang])}</button></p>',
        '</div>',
        f'<section class="cb-rf-run" aria-labelledby="{root}-h" hidden>',
        f'<h2 id="{root}-h" tabindex="-1">{_e(w["rf_title"])}</h2>',
        '<p class="cb-rf-ready"></p>',
        '<ol class="cb-rf-qs"></ol>',
        f'<p class="cb-no-print"><button type="button" class="cb-rf-check">'
        f'{_e(REFRESHER_JS["check"][lang])}</button></p>',
        '</section>',
        '<p class="cb-rf-status" role="status" aria-live="polite"></p>',
        f'<section class="cb-rf-hist" aria-labelledby="{root}-hh" hidden>',
        f'<h2 id="{root}-hh">{_e(w["rf_history"])}</h2>',
        '<div class="cb-rf-chart"></div>',
        '</section>',
        f'<script type="application/json" class="cb-rf-data">'
        f'{json_for_script(refresher_data(course, lang))}</script>',
        '</div>'])


# -- KPI worksheet ---------------------------------------------------------------------------
def kpi_measures(lang: str) -> list[dict[str, Any]]:
    """The measures as the script needs them; ``label`` names an input (name and unit)."""
    out = []
    for m in MEASURES:
        unit = m.unit[lang]
        out.append({"id": m.id, "name": m.name[lang], "better": m.better,
                    "label": m.name[lang] + (f" ({unit})" if unit else ""),
                    # after a value ("5.0%", "9.8 min") and after a change ("-1.0 points")
                    "sfx": "%" if m.percent else (f" {unit}" if unit else ""),
                    "dsfx": f" {KPI_UI['points'][lang]}" if m.percent
                    else (f" {unit}" if unit else "")})
    return out


def render_kpi(lang: str) -> str:
    """The worksheet: a blank printable table (no JavaScript), the toolbar, a row template,
    and the results skeleton (summary table, one section per measure) the script fills."""
    root = "cb-kpi"
    w = {k: v[lang] for k, v in WORDS.items()}
    u = {k: v[lang] for k, v in KPI_UI.items()}
    measures = kpi_measures(lang)
    heads = [f'<th scope="col">{_e(w["kpi_month"])}</th>',
             f'<th scope="col">{_e(w["kpi_phase"])}</th>']
    heads += [f'<th scope="col">{_e(m["label"])}</th>' for m in measures]
    heads.append(f'<th scope="col" class="cb-no-print cb-js" hidden>'
                 f'<span class="cb-sr-only">{_e(w["kpi_remove"])}</span></th>')
    blank = "<td></td>" * len(measures)
    rows = "".join(f'<tr><td></td><td>{_e(w[phase])}</td>{blank}</tr>'
                   for phase, count in zip(("kpi_baseline", "kpi_after"), KPI_BLANK_ROWS,
                                           strict=True) for _ in range(count))
    template = ('<tr><td><input type="month" required></td><td><select>'
                f'<option value="baseline">{_e(w["kpi_baseline"])}</option>'
                f'<option value="after">{_e(w["kpi_after"])}</option></select></td>'
                + "".join(f'<td><input type="text" inputmode="decimal" size="6" '
                          f'data-m="{m["id"]}"></td>' for m in measures)
                + '<td class="cb-no-print"><button type="button" data-act="rm">'
                f'{_e(w["kpi_remove"])}</button></td></tr>')
    buttons = "".join(f'<button type="button" data-act="{act}">{_e(u[act])}</button>'
                      for act in ("add_b", "add_a", "export"))
    buttons += (f'<label class="cb-kpi-file">{_e(u["import"])} <input type="file" '
                'accept=".csv,text/csv"></label>')
    buttons += "".join(f'<button type="button" data-act="{act}">{_e(u[act])}</button>'
                       for act in ("print", "clear"))
    summary = "".join(f'<th scope="col">{_e(u[k])}</th>'
                      for k in ("measure", "bavg", "aavg", "change", "meaning"))
    summary_rows = "".join(f'<tr data-m="{m["id"]}"><th scope="row">{_e(m["name"])}</th>'
                           '<td></td><td></td><td></td><td></td></tr>' for m in measures)
    sections = "".join(
        f'<section class="cb-kpi-m" data-m="{m["id"]}" aria-labelledby="{root}-m-{m["id"]}">'
        f'<h3 id="{root}-m-{m["id"]}">{_e(m["name"])}</h3><div class="cb-kpi-chart"></div>'
        '<p class="cb-kpi-say"></p><ul class="cb-kpi-warn"></ul></section>' for m in measures)
    data = {"measures": measures}
    return compact([
        f'<div class="cb-widget cb-kpi" id="{root}" data-kpi="{KPI_ID}" '
        f'data-i18n="{_words(KPI_JS, lang)}">',
        f'<p class="cb-kpi-nojs">{_e(w["kpi_nojs"])}</p>',
        f'<div class="cb-kpi-scroll"><table class="cb-kpi-table" id="{root}-table">',
        f'<caption>{_e(w["kpi_data"])}</caption>',
        '<thead><tr>' + "".join(heads) + '</tr></thead>',
        f'<tbody>{rows}</tbody>',
        '</table></div>',
        f'<template class="cb-kpi-tpl">{template}</template>',
        f'<div class="cb-kpi-bar cb-no-print cb-js" hidden>{buttons}</div>',
        '<p class="cb-kpi-status cb-no-print" role="status" aria-live="polite"></p>',
        f'<section class="cb-kpi-out" aria-labelledby="{root}-rh" hidden>',
        f'<h2 id="{root}-rh">{_e(w["kpi_results"])}</h2>',
        f'<p class="cb-kpi-legend">{_e(u["legend"])}</p>',
        f'<div class="cb-kpi-scroll"><table class="cb-kpi-sum"><thead><tr>{summary}</tr></thead>'
        f'<tbody>{summary_rows}</tbody></table></div>',
        sections,
        '</section>',
        f'<script type="application/json" class="cb-kpi-data">{json_for_script(data)}</script>',
        '</div>'])
