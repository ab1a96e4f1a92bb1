"""Interface words of the workshop pages and PDFs, in English and Spanish.

Facilitator-facing: the guide speaks to the facilitator with tú in Spanish. Content (block
scripts, handouts) lives in ``workshop/*.yml``; only the words the build itself writes are here.
"""

from __future__ import annotations

from course_builder.model.text import Text

LANG_NAMES = {"en": Text("English", "inglés"), "es": Text("Spanish", "español")}

W: dict[str, Text] = {
    # navigation and titles
    "workshop": Text("Workshop", "Taller"),
    "guide": Text("Facilitator guide", "Guía para facilitadores"),
    "overview": Text("Running the workshop", "Cómo impartir el taller"),
    "agenda": Text("Agenda: {h}-hour format", "Agenda: formato de {h} horas"),
    "agendas": Text("Workshop agendas", "Agendas del taller"),
    "handouts": Text("Handouts", "Material impreso"),
    "session_nav": Text("{h} h · Session {n}", "{h} h · Sesión {n}"),
    "session": Text("Session {n}", "Sesión {n}"),
    "session_day": Text("Session {n} · Day {d}", "Sesión {n} · Día {d}"),
    "day": Text("Day {d}", "Día {d}"),
    "contents": Text("Contents", "Contenido"),
    "appendix": Text("Formats and follow-up", "Formatos y seguimiento"),
    "cover_guide": Text("Facilitator guide", "Guía para facilitadores"),
    "cover_lang": Text("English edition", "Edición en español"),
    "cover_follows": Text("This guide follows the {f}. Every block has its script here; the "
                          "agendas show which blocks the shorter formats keep.",
                          "Esta guía sigue el formato {f}. Aquí está el guion de cada bloque; "
                          "las agendas muestran qué bloques conservan los formatos más cortos."),
    "page_of": Text("Page {p} of {n}", "Página {p} de {n}"),
    # guide sections
    "objectives": Text("Objectives", "Objetivos"),
    "timing": Text("Timing", "Horario"),
    "materials": Text("Materials and room set-up", "Materiales y acomodo del salón"),
    "preparation": Text("Preparation", "Preparación"),
    "script": Text("Step by step", "Paso a paso"),
    "notes": Text("Notes from the module pages", "Notas de las páginas de los módulos"),
    "keys": Text("Answer keys", "Claves de respuestas"),
    "scorecard": Text("De-escalation scorecard", "Hoja de evaluación de desescalamiento"),
    "lede": Text("{f} · {day} · {time} · {t} of teaching, {r} of breaks",
                 "{f} · {day} · {time} · {t} de trabajo, {r} de descansos"),
    "modules_in": Text("Modules in this session:", "Módulos de esta sesión:"),
    "practises": Text("Practises:", "Practica:"),
    "steps": Text("Steps", "Pasos"),
    "talking": Text("Talking points", "Ideas clave para decir"),
    "prompts": Text("Discussion prompts", "Preguntas para la discusión"),
    "setup": Text("Role-play set-up", "Preparación del juego de roles"),
    "debrief": Text("Debrief questions", "Preguntas para la reflexión"),
    "pitfalls": Text("Common pitfalls", "Errores comunes"),
    "block_materials": Text("Materials", "Materiales"),
    "key_below": Text("The answer key is at the end of this session's guide.",
                      "La clave de respuestas está al final de la guía de esta sesión."),
    "roles": Text("Roles: customer, agent and observer, in threes. Hand out the customer card, "
                  "the agent card and the observer card (with the scorecard); keep the "
                  "debrief sheet for the discussion.",
                  "Papeles: cliente, agente y observador, en tríos. Reparte la tarjeta del "
                  "cliente, la del agente y la de observación (con la hoja de evaluación); "
                  "guarda la hoja de reflexión para la conversación final."),
    "situation": Text("Situation", "Situación"),
    "customer": Text("The customer", "El cliente"),
    "agent_goal": Text("The agent's goal", "El objetivo del agente"),
    "practise_goals": Text("What the role-play practises", "Lo que practica el juego de roles"),
    "calms": Text("What calms the customer", "Lo que calma al cliente"),
    "angers": Text("What angers the customer", "Lo que enoja al cliente"),
    "endings": Text("Possible endings", "Finales posibles"),
    "cards_in": Text("The printed cards are in the handouts: {h}.",
                     "Las tarjetas impresas están en el material impreso: {h}."),
    "print": Text("Print: {items}.", "Imprime: {items}."),
    "print_cards": Text("role-play cards for {s}", "tarjetas del juego de roles de {s}"),
    "room": Text("Room", "Salón"),
    "no_notes": Text("", ""),
    # agenda tables
    "time": Text("Time", "Hora"),
    "activity": Text("Activity", "Actividad"),
    "module": Text("Module", "Módulo"),
    "kind": Text("Kind", "Tipo"),
    "minutes": Text("Minutes", "Minutos"),
    "so_far": Text("Teaching so far", "Trabajo acumulado"),
    "break": Text("Break", "Descanso"),
    "meal": Text("Meal break", "Comida"),
    "session_total": Text("Session: {time}, {len} in all, {t} of teaching.",
                          "Sesión: {time}, {len} en total, {t} de trabajo."),
    "teaching_time": Text("Teaching time", "Tiempo de trabajo"),
    "breaks_time": Text("Breaks and meals", "Descansos y comidas"),
    "sessions": Text("Sessions", "Sesiones"),
    "days": Text("Days", "Días"),
    "longest": Text("Longest session", "Sesión más larga"),
    "format": Text("Format", "Formato"),
    "guide_link": Text("Facilitator guide", "Guía para facilitadores"),
    "follow_up": Text("After the foundation", "Después de la base"),
    "follow_intro": Text("The foundation is followed by a steady rhythm of practice. Without "
                         "it, the skills fade within weeks.",
                         "Después de la base viene un ritmo constante de práctica. Sin él, "
                         "las habilidades se pierden en pocas semanas."),
    "every": Text("{e}, {len}", "{e}, {len}"),
    # overview
    "ov_intro": Text("Facilitators run this course as a live workshop: a foundation of 8 to 16 "
                     "hours split into shorter sessions over several days, then one coaching "
                     "hour each month and a two-hour refresher each quarter. Choose a format, "
                     "print its agenda and the session guides, and print the handouts.",
                     "Quienes facilitan imparten este curso como taller presencial: una base de "
                     "8 a 16 horas repartida en sesiones más cortas a lo largo de varios días, "
                     "luego una hora de coaching cada mes y un repaso de dos horas cada "
                     "trimestre. Elige un formato, imprime su agenda y las guías de cada sesión, "
                     "e imprime el material para participantes."),
    "ov_formats": Text("Formats", "Formatos"),
    "ov_downloads": Text("Downloads for printing", "Descargas para imprimir"),
    "ov_guides": Text("Session guides", "Guías por sesión"),
    "ov_private": Text("The session guides hold the answer keys and the facilitator notes "
                       "collected from the module pages: share them with facilitators, not "
                       "with learners.",
                       "Las guías por sesión incluyen las claves de respuestas y las notas para "
                       "facilitadores de las páginas de los módulos: compártelas con quienes "
                       "facilitan, no con participantes."),
    "pdf_guide": Text("Full facilitator guide (PDF)", "Guía completa para facilitadores (PDF)"),
    "pdf_handouts": Text("Handouts pack (PDF)", "Paquete de material impreso (PDF)"),
    "pdf_agendas": Text("All agendas (PDF)", "Todas las agendas (PDF)"),
    "pdf_other": Text("{n} in the other language", "{n} en el otro idioma"),
    "download": Text("Download and print:", "Descarga e imprime:"),
    # handouts
    "rewrite": Text("Your version", "Tu versión"),
    "reference": Text("Trigger words and calmer alternatives", "Palabras detonantes y "
                      "alternativas más serenas"),
    "trigger": Text("Trigger language", "Palabras detonantes"),
    "why": Text("Why it hurts", "Por qué lastima"),
    "instead": Text("Try instead", "Mejor di"),
    "agent_f": Text("Agent", "Agente"),
    "reviewer": Text("Reviewer", "Revisó"),
    "date": Text("Date", "Fecha"),
    "call": Text("Call or recording", "Llamada o grabación"),
    "behaviour": Text("Behaviour", "Conducta"),
    "listen_for": Text("What to listen for", "Qué escuchar"),
    "score": Text("Score", "Calificación"),
    "evidence": Text("Time and evidence", "Minuto y evidencia"),
    "total": Text("Total (out of {n})", "Total (de {n})"),
    "strength": Text("One strength", "Una fortaleza"),
    "focus": Text("One focus", "Un punto de mejora"),
    "scale": Text("Scale", "Escala"),
    "measure": Text("Measure", "Indicador"),
    "how": Text("How it is calculated", "Cómo se calcula"),
    "month_n": Text("Month {n}", "Mes {n}"),
    "average": Text("Average", "Promedio"),
    "range": Text("Range (low–high)", "Rango (mín.–máx.)"),
    "counts": Text("Counts behind it", "Conteos que lo respaldan"),
    "watch": Text("Watch for", "Qué vigilar"),
    "calendar": Text("The next twelve months", "Los próximos doce meses"),
    "month": Text("Month", "Mes"),
    "coaching_date": Text("Coaching date", "Fecha de coaching"),
    "refresher": Text("Refresher", "Repaso"),
    "focus_col": Text("Focus", "Enfoque"),
    "done": Text("Done", "Hecho"),
    "scenario_cards": Text("Cards: {t}", "Tarjetas: {t}"),
}


def w(key: str, lang: str, **values: object) -> str:
    """An interface string in ``lang`` with its {fields} filled in (escaped by the caller)."""
    return W[key][lang].format(**values)
