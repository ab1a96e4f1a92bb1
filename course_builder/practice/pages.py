"""The generated "Keep practising" pages: Trigger Word Swap, monthly refresher, KPI worksheet.

One page per language at the same path under ``practice/``; each loads only its own script
bundle (``BUNDLES`` below, collected by pipeline.page_bundles), so module pages stay light.
"""

from __future__ import annotations

from course_builder import LANGS
from course_builder.assemble import GeneratedPage, front_matter
from course_builder.model.course import Course
from course_builder.model.text import Text
from course_builder.practice.render import render_kpi, render_refresher, render_swap

SECTION = Text("Keep practising", "Sigue practicando")
SWAP_REL = "practice/trigger-word-swap.md"
REFRESHER_REL = "practice/refresher.md"
KPI_REL = "practice/kpi-worksheet.md"

# Bundle name -> the files in course_builder/assets/ it joins (see pipeline.GENERATORS).
BUNDLES: dict[str, tuple[str, ...]] = {
    "assets/practice-swap.js": ("practice-match.js", "practice-swap.js"),
    "assets/practice-swap.css": ("practice-base.css", "practice-swap.css"),
    "assets/practice-refresher.js": ("practice-chart.js", "practice-refresher.js"),
    "assets/practice-refresher.css": ("practice-base.css", "practice-chart.css",
                                      "practice-refresher.css"),
    "assets/practice-kpi.js": ("practice-chart.js", "practice-kpi.js"),
    "assets/practice-kpi.css": ("practice-base.css", "practice-chart.css", "practice-kpi.css"),
}
# Each page's own bundles: (script, stylesheet).
PAGE_ASSETS = {
    SWAP_REL: ("assets/practice-swap.js", "assets/practice-swap.css"),
    REFRESHER_REL: ("assets/practice-refresher.js", "assets/practice-refresher.css"),
    KPI_REL: ("assets/practice-kpi.js", "assets/practice-kpi.css"),
}

TITLES = {
    SWAP_REL: Text("Trigger Word Swap", "Cambio de palabras detonantes"),
    REFRESHER_REL: Text("Monthly refresher", "Repaso mensual"),
    KPI_REL: Text("KPI worksheet for team leads", "Hoja de indicadores para líderes de equipo"),
}

INTRO = {
    SWAP_REL: Text(
        "Each line below is something a tired agent could really say on a hard call. Rewrite "
        "it in the box so that it keeps the facts but drops the trigger words. As you type, "
        "the words that still sound like a closed door are marked, with calmer ways to say the "
        "same thing. When none are left, open the model answer and compare.\n\n"
        "Say your version out loud before you move on: if it sounds stiff, change it. What you "
        "type stays in this browser, on this device; nothing is sent anywhere.\n\n"
        "No screen handy? Print this page: it becomes a worksheet, with the model answers on "
        "the last page.",
        "Cada frase de abajo es algo que un agente cansado podría decir de verdad en una "
        "llamada difícil. Reescríbela en el cuadro para que conserve los datos, pero sin "
        "palabras detonantes. Mientras escribes, se marcan las palabras que todavía suenan a "
        "puerta cerrada y se sugieren formas más tranquilas de decir lo mismo. Cuando ya no "
        "quede ninguna, abre la respuesta modelo y compara.\n\n"
        "Di tu versión en voz alta antes de seguir: si suena rígida, cámbiala. Lo que "
        "escribes se queda en este navegador, en este dispositivo; no se envía a ningún lado."
        "\n\n¿No tienes pantalla a la mano? Imprime esta página: se convierte en una hoja de "
        "trabajo, con las respuestas modelo en la última página."),
    REFRESHER_REL: Text(
        "Skills fade without practice. Once a month, take a short refresher: ten questions "
        "drawn at random from the knowledge checks of every module, in your language. "
        "Questions you got wrong before, here or in the modules, come up more often.\n\n"
        "Your scores are saved with their dates in this browser only, so you can watch your "
        "progress and see when the next refresher is due.",
        "Las habilidades se pierden si no se practican. Una vez al mes, haz un repaso corto: "
        "diez preguntas elegidas al azar de las verificaciones de conocimientos de todos los "
        "módulos, en tu idioma. Las preguntas que fallaste antes, aquí o en los módulos, "
        "salen con más frecuencia.\n\n"
        "Tus resultados se guardan con su fecha solo en este navegador, para que veas tu "
        "avance y sepas cuándo te toca el siguiente repaso."),
    KPI_REL: Text(
        "Enter one row per month for the five measures: at least three months from before the "
        "training (the baseline) and every month after it. The worksheet compares each measure "
        "with its baseline, says what changed in plain words, and warns you when there is too "
        "little data to conclude anything.\n\n"
        "Your numbers stay in this browser; nothing is sent anywhere. Export a CSV file to "
        "keep a copy or to open it on another computer, and print the page for your team "
        "meeting.",
        "Captura un renglón por mes con los cinco indicadores: al menos tres meses de antes de "
        "la capacitación (la línea base) y cada mes posterior. La hoja compara cada indicador "
        "con su línea base, explica con palabras sencillas qué cambió y te avisa cuando hay "
        "muy pocos datos para sacar conclusiones.\n\n"
        "Tus números se quedan en este navegador; no se envían a ningún lado. Exporta un "
        "archivo CSV para guardar una copia o abrirlo en otra computadora, e imprime la "
        "página para tu junta de equipo."),
}

# Where each page sends readers for the background, when that module exists.
SEE_ALSO = {
    SWAP_REL: ("modules/strategic-language.md", "trigger-words",
               Text("The trigger words come from the same list the course checks its own "
                    "examples against. For why they hurt, see",
                    "Las palabras detonantes salen de la misma lista con la que el curso revisa "
                    "sus propios ejemplos. Para saber por qué lastiman, consulta")),
    REFRESHER_REL: ("modules/coaching.md", "",
                    Text("For how monthly practice fits the team's coaching plan, see",
                         "Para ver cómo encaja la práctica mensual en el plan de coaching del "
                         "equipo, consulta")),
    KPI_REL: ("modules/measuring-success.md", "five-kpis",
              Text("For what each measure means and how to define it, see",
                   "Para saber qué significa cada indicador y cómo definirlo, consulta")),
}


def _front_matter(rel: str, lang: str) -> str:
    script, style = PAGE_ASSETS[rel]
    meta = {"title": TITLES[rel][lang], "cb_scripts": [script], "cb_styles": [style]}
    return front_matter(meta)


def _see_also(course: Course, rel: str, lang: str) -> str:
    target, anchor, text = SEE_ALSO[rel]
    page = course.page(lang, target)
    if page is None or not page.title:
        return ""
    if anchor and anchor not in page.anchors:
        anchor = ""
    link = "../" + target + (f"#{anchor}" if anchor else "")
    return f"{text[lang]} [{page.title}]({link}).\n\n"


def _page(course: Course, rel: str, lang: str, widget: str, order: int) -> GeneratedPage:
    body = (_front_matter(rel, lang) + "\n" + INTRO[rel][lang] + "\n\n"
            + _see_also(course, rel, lang) + widget + "\n")
    return GeneratedPage(lang=lang, rel=rel, markdown=body, section=SECTION, order=order)


def rels(course: Course) -> set[str]:
    """The pages ``pages`` may make, without making them (for the link check)."""
    return {SWAP_REL, REFRESHER_REL, KPI_REL}


def pages(course: Course) -> list[GeneratedPage]:
    """The practice pages in both languages; a tool whose data the course lacks is left out
    (no prompts or trigger list: no swap page; no quizzes: no refresher)."""
    out: list[GeneratedPage] = []
    for lang in LANGS:
        if course.swap_prompts and course.triggers:
            out.append(_page(course, SWAP_REL, lang,
                             render_swap(course.swap_prompts, course.triggers, lang), 1))
        if course.quizzes:
            out.append(_page(course, REFRESHER_REL, lang, render_refresher(course, lang), 2))
        out.append(_page(course, KPI_REL, lang, render_kpi(lang), 3))
    return out
