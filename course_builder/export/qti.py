"""The quiz bank as IMS QTI 2.1: one ``assessmentItem`` file per question, listed in an
``imsmanifest.xml`` (IMS Content Packaging), zipped per language.

Every question type maps to a QTI interaction: single, best-response and true-false to a
``choiceInteraction`` with one choice, multiple to one with any number, ordering to an
``orderInteraction``, matching to a ``matchInteraction``. Scoring is all or nothing (1 or 0),
like the site's checker. Option feedback becomes ``feedbackInline`` shown for the chosen
options, and the explanation a ``modalFeedback`` shown after the attempt. Text is the same
light Markdown as the site, rendered to the XHTML subset QTI allows.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from course_builder.export import load_quiz_bank
from course_builder.model.course import Course
from course_builder.model.quiz import Question, Quiz
from course_builder.model.text import Text
from course_builder.render.inline import inline_md
from course_builder.render.quiz import WORDS

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
ITEM_TYPE = "imsqti_item_xmlv2p1"
_VOID = re.compile(r"<(br|hr|img)\b([^>]*?)/?>")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: the same bank gives the same zip


def xhtml(text: str) -> str:
    """A Markdown string as well-formed inline XHTML (escaped plain text if it is not)."""
    rendered = _VOID.sub(r"<\1\2/>", inline_md(text))
    try:
        ET.fromstring(f"<x>{rendered}</x>")
    except ET.ParseError:
        return html.escape(re.sub(r"<[^>]+>", "", rendered), quote=False)
    return rendered


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def item_id(quiz: Quiz, q: Question) -> str:
    return f"item-{quiz.id}-{q.id}"


def item_file(quiz: Quiz, q: Question) -> str:
    return f"items/{quiz.id}--{q.id}.xml"


def assessment_item(quiz: Quiz, q: Question, lang: str, number: int) -> str:
    """One question as a QTI 2.1 assessmentItem document."""
    cardinality, base_type, correct, body = _interaction(q, lang)
    feedback_card = "multiple"
    title = f"{quiz.title[lang]} ({number})"
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<assessmentItem xmlns="{QTI_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{QTI_NS} {QTI_XSD}" identifier="{item_id(quiz, q)}" '
        f'title="{_attr(title)}" adaptive="false" timeDependent="false" xml:lang="{lang}">',
        f'<responseDeclaration identifier="RESPONSE" cardinality="{cardinality}" '
        f'baseType="{base_type}">',
        "<correctResponse>" + "".join(f"<value>{v}</value>" for v in correct)
        + "</correctResponse>",
        "</responseDeclaration>",
        '<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">'
        "<defaultValue><value>0</value></defaultValue></outcomeDeclaration>",
        f'<outcomeDeclaration identifier="FEEDBACK" cardinality="{feedback_card}" '
        'baseType="identifier"/>',
        "<itemBody>",
    ]
    if q.customer is not None:
        parts.append(f"<p><em>{html.escape(WORDS['customer'][lang])}</em> "
                     f"{xhtml(q.customer[lang])}</p>")
    parts += [body, "</itemBody>", _processing(q)]
    if q.explanation is not None:
        parts.append('<modalFeedback outcomeIdentifier="FEEDBACK" identifier="EXPLANATION" '
                     f'showHide="show"><p>{xhtml(q.explanation[lang])}</p></modalFeedback>')
    parts.append("</assessmentItem>")
    return "\n".join(parts) + "\n"


def _interaction(q: Question, lang: str) -> tuple[str, str, list[str], str]:
    """(cardinality, baseType, correct values, interaction XML) for a question."""
    prompt = f"<prompt>{xhtml(q.prompt[lang])}</prompt>"
    if q.type in ("single", "best-response", "multiple"):
        single = q.type != "multiple"
        choices = "".join(_choice(f"O-{o.id}", o.text[lang], o.feedback, lang)
                          for o in q.options)
        body = (f'<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" '
                f'maxChoices="{1 if single else 0}">{prompt}{choices}</choiceInteraction>')
        correct = [f"O-{o.id}" for o in q.options if o.correct]
        return ("single" if single else "multiple"), "identifier", correct, body
    if q.type == "true-false":
        fb = q.tf_feedback
        choices = "".join(
            _choice(ident, WORDS[word][lang], fb.for_value(value) if fb else None, lang,
                    markdown=False)
            for ident, word, value in (("TRUE", "true", True), ("FALSE", "false", False)))
        body = (f'<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" '
                f'maxChoices="1">{prompt}{choices}</choiceInteraction>')
        return "single", "identifier", ["TRUE" if q.answer else "FALSE"], body
    if q.type == "ordering":
        choices = "".join(f'<simpleChoice identifier="I-{i.id}">{xhtml(i.text[lang])}'
                          "</simpleChoice>" for i in q.items)
        body = (f'<orderInteraction responseIdentifier="RESPONSE" shuffle="true">{prompt}'
                f"{choices}</orderInteraction>")
        return "ordered", "identifier", [f"I-{i.id}" for i in q.items], body
    if q.type == "matching":
        left = "".join(f'<simpleAssociableChoice identifier="L-{p.id}" matchMax="1">'
                       f"{xhtml(p.left[lang])}</simpleAssociableChoice>" for p in q.pairs)
        right = "".join(f'<simpleAssociableChoice identifier="R-{p.id}" matchMax="1">'
                        f"{xhtml(p.right[lang])}</simpleAssociableChoice>" for p in q.pairs)
        body = (f'<matchInteraction responseIdentifier="RESPONSE" shuffle="true" '
                f'maxAssociations="{len(q.pairs)}">{prompt}'
                f"<simpleMatchSet>{left}</simpleMatchSet>"
                f"<simpleMatchSet>{right}</simpleMatchSet></matchInteraction>")
        return "multiple", "directedPair", [f"L-{p.id} R-{p.id}" for p in q.pairs], body
    raise ValueError(f"unknown question type {q.type!r}")  # the loader rejects these


def _choice(ident: str, text: str, feedback: Text | None, lang: str,
            markdown: bool = True) -> str:
    label = xhtml(text) if markdown else html.escape(text, quote=False)
    inline = ""
    if feedback is not None:
        inline = (f'<feedbackInline outcomeIdentifier="FEEDBACK" identifier="{ident}" '
                  f'showHide="show">{xhtml(feedback[lang])}</feedbackInline>')
    return f'<simpleChoice identifier="{ident}">{label}{inline}</simpleChoice>'


def _processing(q: Question) -> str:
    """SCORE 1 when the response matches, else 0; FEEDBACK shows the chosen options'
    feedback (choice questions) and the explanation."""
    chosen = ('<variable identifier="RESPONSE"/>'
              if q.type in ("single", "best-response", "multiple", "true-false") else "")
    score = ("<responseCondition><responseIf><match><variable identifier=\"RESPONSE\"/>"
             "<correct identifier=\"RESPONSE\"/></match>"
             "<setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">1</baseValue>"
             "</setOutcomeValue></responseIf><responseElse>"
             "<setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">0</baseValue>"
             "</setOutcomeValue></responseElse></responseCondition>")
    feedback = ('<setOutcomeValue identifier="FEEDBACK"><multiple>' + chosen
                + '<baseValue baseType="identifier">EXPLANATION</baseValue></multiple>'
                "</setOutcomeValue>")
    return f"<responseProcessing>{score}{feedback}</responseProcessing>"


def manifest(identifier: str, files: list[tuple[str, str]]) -> str:
    """An IMS CP manifest listing each item file as a QTI 2.1 item resource."""
    resources = "\n".join(
        f'<resource identifier="{ident}" type="{ITEM_TYPE}" href="{href}">'
        f'<file href="{href}"/></resource>' for ident, href in files)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<manifest xmlns="{CP_NS}" xmlns:xsi="{XSI_NS}" '
            f'xsi:schemaLocation="{CP_NS} {CP_XSD}" identifier="{identifier}">\n'
            "<metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion>"
            "</metadata>\n<organizations/>\n<resources>\n" + resources
            + "\n</resources>\n</manifest>\n")


def package(course: Course, lang: str) -> dict[str, str]:
    """File name -> XML text: every item and the manifest, for one language."""
    files: dict[str, str] = {}
    listed: list[tuple[str, str]] = []
    for quiz in sorted(course.quizzes.values(), key=lambda q: q.id):
        for number, q in enumerate(quiz.questions, 1):
            files[item_file(quiz, q)] = assessment_item(quiz, q, lang, number)
            listed.append((item_id(quiz, q), item_file(quiz, q)))
    files["imsmanifest.xml"] = manifest(f"quiz-bank-{lang}", listed)
    return files


def write_qti(root: Path, out_dir: Path, langs: tuple[str, ...]) -> list[Path]:
    """``quiz-bank-<lang>-qti.zip`` per language in ``out_dir``."""
    course = load_quiz_bank(root)
    written = []
    for lang in langs:
        path = out_dir / f"quiz-bank-{lang}-qti.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in sorted(package(course, lang).items()):
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text.encode("utf-8"))
        written.append(path)
    return written
