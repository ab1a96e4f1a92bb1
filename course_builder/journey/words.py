"""Every word the progress and certificate pages show, in English and Spanish.

The ``JS_*`` sets are passed to journey.js as JSON (``data-i18n``), so the script has no
language tables; ``{name}`` fields are filled in by the script.
"""

from __future__ import annotations

from course_builder.model.text import Text

SECTION = Text("Your progress", "Tu progreso")

PAGE: dict[str, Text] = {
    "progress_title": Text("My progress", "Mi progreso"),
    "certificate_title": Text("Certificate of completion", "Certificado de finalización"),
    "intro": Text(
        "Your progress is saved only in this browser, on this device: there is no account, no "
        "sign-in, and nothing is sent anywhere. It is the same in English and Spanish, so you "
        "can switch languages at any time.",
        "Tu progreso se guarda solo en este navegador, en este dispositivo: no hay cuenta ni "
        "inicio de sesión, y no se envía nada a ningún lado. Es el mismo en inglés y en "
        "español, así que puedes cambiar de idioma cuando quieras."),
    "nojs": Text(
        "This page reads the progress saved in your browser, so it needs JavaScript turned on.",
        "Esta página lee el progreso guardado en tu navegador, así que necesita JavaScript "
        "activado."),
    "col_module": Text("Module", "Módulo"),
    "col_check": Text("Knowledge check", "Verificación de conocimientos"),
    "col_scenarios": Text("Scenarios", "Escenarios"),
    "col_status": Text("Status", "Estado"),
    "no_check": Text("No check", "Sin verificación"),
    "no_scenario": Text("No scenario", "Sin escenario"),
    "core_note": Text(
        "Pass the knowledge checks of these modules to earn your [certificate]({href}).",
        "Aprueba las verificaciones de conocimientos de estos módulos para obtener tu "
        "[certificado]({href})."),
    "transfer_h": Text("Move your progress to another device",
                       "Lleva tu progreso a otro dispositivo"),
    "transfer": Text(
        "Download your progress as a file, then open this page on the other device and import "
        "the file there. It holds only your answers and results, so keep it to yourself.",
        "Descarga tu progreso en un archivo; luego abre esta página en el otro dispositivo e "
        "importa ahí el archivo. Solo contiene tus respuestas y resultados, así que no lo "
        "compartas."),
    "export": Text("Download my progress", "Descargar mi progreso"),
    "import": Text("Import progress from a file", "Importar progreso desde un archivo"),
    "reset_h": Text("Start over", "Empezar de nuevo"),
    "reset": Text(
        "Erase every answer and result saved in this browser, for example on a shared computer.",
        "Borra todas las respuestas y resultados guardados en este navegador, por ejemplo en "
        "una computadora compartida."),
    "reset_btn": Text("Erase my progress…", "Borrar mi progreso…"),
    "confirm": Text(
        "Erase all your progress in this browser? This cannot be undone. If you may want it "
        "back, download it first.",
        "¿Borrar todo tu progreso en este navegador? No se puede deshacer. Si crees que lo vas "
        "a necesitar, descárgalo antes."),
    "yes": Text("Yes, erase it", "Sí, borrarlo"),
    "no": Text("Cancel", "Cancelar"),
    "offline_h": Text("Take the course offline", "Usa el curso sin conexión"),
    "offline": Text(
        "A zip file with the whole course in both languages. Unzip it and open index.html in "
        "your browser; no internet needed. Progress in the offline copy is saved apart from "
        "this site's.",
        "Un archivo zip con todo el curso en los dos idiomas. Descomprímelo y abre index.html "
        "en tu navegador; no necesitas internet. El progreso de la copia sin conexión se guarda "
        "aparte del de este sitio."),
    "offline_link": Text("Download the offline course", "Descargar el curso sin conexión"),
    "cert_intro": Text(
        "Pass the knowledge check of every core module and you can print a certificate with "
        "your name. It is self-reported: your browser makes it from your own saved results, "
        "nobody reviews it, and no data leaves your device.",
        "Cuando apruebes la verificación de conocimientos de todos los módulos esenciales, "
        "podrás imprimir un certificado con tu nombre. Es autodeclarado: tu navegador lo genera "
        "a partir de tus propios resultados guardados, nadie lo revisa y ningún dato sale de "
        "tu dispositivo."),
    "cert_see": Text("Your results, module by module, are on [My progress]({href}).",
                     "Tus resultados, módulo por módulo, están en [Mi progreso]({href})."),
    "locked": Text("Not yet. You still need to pass the knowledge checks of:",
                   "Todavía no. Te falta aprobar las verificaciones de conocimientos de:"),
    "ready": Text("Well done: you passed every core module. Type your name and print your "
                  "certificate.",
                  "¡Bien hecho! Aprobaste todos los módulos esenciales. Escribe tu nombre e "
                  "imprime tu certificado."),
    "name": Text("Your name, as it should appear on the certificate",
                 "Tu nombre, tal como debe aparecer en el certificado"),
    "print": Text("Print certificate", "Imprimir certificado"),
    "certifies": Text("This certifies that", "Se hace constar que"),
    "completed": Text("completed the self-paced course", "completó el curso a su ritmo"),
    "on": Text("on {date}, with these results:", "el {date}, con estos resultados:"),
    "col_score": Text("Knowledge check score", "Resultado de la verificación"),
    "self": Text(
        "Self-reported certificate, made in the learner's browser from their own saved "
        "results. No instructor or institution has verified it.",
        "Certificado autodeclarado, generado en el navegador de quien aprende a partir de sus "
        "propios resultados guardados. Ningún instructor ni institución lo ha verificado."),
    "name_blank": Text("Your name", "Tu nombre"),
}

# Filled in by journey.js; {n}, {m}, {p}... are replaced there.
JS_PROGRESS: dict[str, Text] = {
    "sum": Text("You have finished {n} of {m} modules, and {c} of {k} core modules.",
                "Terminaste {n} de {m} módulos, y {c} de {k} módulos esenciales."),
    "qok": Text("{p}% · passed", "{p}% · aprobada"),
    "qno": Text("{p}% · not passed yet", "{p}% · todavía sin aprobar"),
    "qnone": Text("Not taken yet", "Pendiente"),
    "sc": Text("{n} of {m} completed", "{n} de {m} completados"),
    "done": Text("Finished", "Terminado"),
    "prog": Text("In progress", "En curso"),
    "none": Text("Not started", "Sin empezar"),
    "exported": Text("Your progress file was downloaded.", "Se descargó tu archivo de progreso."),
    "imported": Text("Progress imported: {n} saved items were read from the file.",
                     "Progreso importado: se leyeron {n} elementos guardados del archivo."),
    "bad": Text("That file is not a progress file from this course. Nothing was changed.",
                "Ese archivo no es un archivo de progreso de este curso. No se cambió nada."),
    "erased": Text("Your progress was erased.", "Se borró tu progreso."),
    "kept": Text("Nothing was erased.", "No se borró nada."),
    "mb": Text("{s} MB", "{s} MB"),
    "file": Text("course-progress", "progreso-del-curso"),
}

JS_CERT: dict[str, Text] = {
    "need": Text("Type your name first.", "Primero escribe tu nombre."),
    "locale": Text("en-US", "es-MX"),
    "none": Text("No check", "Sin verificación"),
}
