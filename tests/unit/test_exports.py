"""Quiz-bank exports: GIFT that parses cleanly by Moodle's GIFT rules (escaping of ~ = # { } :),
and QTI 2.1 packages of well-formed XML with one assessmentItem per question."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from course_builder.export import FORMATS, ExportError, run
from course_builder.export.gift import WEIGHTS, escape, quiz_bank
from course_builder.export.qti import QTI_NS, package
from course_builder.issues import Pos
from course_builder.model.course import Course
from course_builder.model.quiz import Item, Option, Pair, Question, Quiz, TrueFalseFeedback
from course_builder.model.text import Text
from course_builder.project import load_course
from course_builder.render.inline import inline_md

ROOT = Path(__file__).resolve().parents[2]
NASTY = ("Use {braces}, = signs, ~tilde, #hash, a: colon, ::double::, back\\slash, 50% off, "
         "a -> arrow, *emphasis* and [a link](https://example.com/a#b?x=1)")

# -- a GIFT reader following Moodle's rules (question/format/gift/format.php) ---------------
ESCAPES = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003",
           "\\{": "\ue004", "\\}": "\ue005", "\\:": "\ue006", "\\n": "\ue007"}
DECODE = {"\ue000": "\\", "\ue001": "~", "\ue002": "=", "\ue003": "#", "\ue004": "{",
          "\ue005": "}", "\ue006": ":", "\ue007": "\n"}


def protect(text: str) -> str:
    return re.sub(r"\\[\\~=#{}:n]", lambda m: ESCAPES[m.group(0)], text)


def decode(text: str) -> str:
    for mark, char in DECODE.items():
        text = text.replace(mark, char)
    return text


@dataclass
class GiftQuestion:
    name: str
    fmt: str
    text: str
    kind: str
    answers: list[tuple[str, str, str]] = field(default_factory=list)  # (mark, text, feedback)
    general: str = ""


def parse_gift(document: str) -> list[GiftQuestion]:
    """Split into questions by blank lines, drop comments and $CATEGORY, then parse each one
    and fail on anything Moodle would misread."""
    questions = []
    for block in re.split(r"\n\s*\n", document):
        lines = [line for line in block.split("\n")
                 if line.strip() and not line.lstrip().startswith("//")]
        if not lines or lines[0].startswith("$CATEGORY:"):
            assert len(lines) <= 1, f"a category line must stand alone: {lines}"
            continue
        questions.append(parse_question(protect("\n".join(lines))))
    return questions


def parse_question(text: str) -> GiftQuestion:
    match = re.match(r"^::([^:]*)::(\[(html|markdown|plain|moodle)\])?", text)
    assert match, f"no ::name:: at the start: {text[:80]!r}"
    rest = text[match.end():]
    assert rest.count("{") == 1 and rest.count("}") == 1, f"unescaped braces: {rest!r}"
    assert rest.rstrip().endswith("}"), "text after the answer block"
    body, answers = rest.split("{")
    answers = answers.rstrip()[:-1]
    assert not re.search(r"[~=#{}]|::", body), f"unescaped special character in {body!r}"
    general = ""
    if "####" in answers:
        answers, general = answers.split("####", 1)
        assert not re.search(r"[~=#{}]", general), f"unescaped special in {general!r}"
    question = GiftQuestion(decode(match.group(1)), match.group(3) or "", decode(body.strip()),
                            "", general=decode(general.strip()))
    stripped = answers.strip()
    if re.match(r"^(T|TRUE|F|FALSE)(#|$)", stripped):
        question.kind = "truefalse"
        value, *feedback = stripped.split("#")
        assert len(feedback) in (0, 2), "true/false takes #wrong#right feedback"
        wrong, right = (decode(f) for f in feedback) if feedback else ("", "")
        question.answers = [(value, wrong, right)]  # (value, if answered wrongly, rightly)
    elif "->" in stripped:
        question.kind = "matching"
        for part in stripped.split("=")[1:]:
            assert part.count("->") == 1, f"one -> per pair: {part!r}"
            left, right = part.split("->")
            assert not re.search(r"[~#]", left + right), f"unescaped special in {part!r}"
            question.answers.append(("=", decode(left.strip()), decode(right.strip())))
    else:
        question.kind = "multichoice"
        for part in re.split(r"(?=[=~])", stripped):
            if not part.strip():
                continue
            mark, rest_ = part[0], part[1:]
            weight = re.match(r"^%(-?[\d.]+)%", rest_)
            if weight:
                mark += weight.group(0)
                rest_ = rest_[weight.end():]
            answer, _, feedback = rest_.partition("#")
            assert "#" not in feedback, f"unescaped # in feedback {feedback!r}"
            question.answers.append((mark, decode(answer.strip()), decode(feedback.strip())))
    return question


def plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


# -- a quiz that uses every type and every special character ---------------------------------
def t(text: str) -> Text:
    return Text(text, "ES " + text)


def nasty_quiz() -> Quiz:
    opts = (Option("a", t(NASTY), True, t("Right: " + NASTY)), Option("b", t("b {x}"), False,
            t("no #1")), Option("c", t("%50% looks like a weight"), False))
    questions = (
        Question("single", "single", t(NASTY), ("o",), opts, explanation=t("Because: " + NASTY)),
        Question("multiple", "multiple", t("Pick = all"), ("o",),
                 (Option("a", t("one"), True), Option("b", t("two"), True),
                  Option("c", t("three ~ wrong"), False))),
        Question("tf", "true-false", t("True: {x}?"), ("o",), answer=False,
                 tf_feedback=TrueFalseFeedback(t("If true: no #"), t("If false: yes ="))),
        Question("best", "best-response", t("Best?"), ("o",), opts, customer=t("I'm upset: why?")),
        Question("order", "ordering", t("Order these"), ("o",),
                 items=(Item("a", t("first -> step")), Item("b", t("second")),
                        Item("c", t("third = last")))),
        Question("match", "matching", t("Match"), ("o",),
                 pairs=(Pair("a", t("left {1}"), t("right -> 1")), Pair("b", t("left 2"),
                        t("right: 2")), Pair("c", t("left ~3"), t("right #3")))),
    )
    return Quiz("nasty", "m", t("Check: nasty"), 80, questions)


def course_with(*quizzes: Quiz) -> Course:
    empty = Text("Course: test", "Curso: prueba", Pos(Path("course.yml")))
    return Course(root=Path("."), title=empty, description=empty, outline=[], modules=[],
                  pages={"en": {}, "es": {}}, quizzes={q.id: q for q in quizzes})


@pytest.fixture(scope="module")
def repo_course() -> Course:
    course, _ = load_course(ROOT)
    return course


# -- GIFT ------------------------------------------------------------------------------------
def test_escape_covers_every_special_character() -> None:
    assert escape("~=#{}:\\\n") == "\\~\\=\\#\\{\\}\\:\\\\\\n"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_gift_round_trips_every_type_and_special_character(lang: str) -> None:
    quiz = nasty_quiz()
    parsed = parse_gift(quiz_bank(course_with(quiz), lang))
    assert [q.name for q in parsed] == [f"nasty/{q.id}" for q in quiz.questions]
    assert all(q.fmt == "html" for q in parsed)
    single, multiple, tf, best, order, match = parsed
    prefix = "" if lang == "en" else "ES "
    # what Moodle shows equals what the site shows
    assert single.text == inline_md(prefix + NASTY).replace("%", "&#37;").replace("->", "-&gt;")
    assert plain(single.text) == plain(inline_md(prefix + NASTY))
    assert single.kind == "multichoice"
    assert [a[0] for a in single.answers] == ["=", "~", "~"]
    assert plain(single.answers[0][2]) == plain(inline_md(prefix + "Right: " + NASTY))
    assert plain(single.answers[2][1]) == f"{prefix}%50% looks like a weight"
    assert plain(single.general) == plain(inline_md(prefix + "Because: " + NASTY))
    assert [a[0] for a in multiple.answers] == [f"~%{WEIGHTS[2]}%", f"~%{WEIGHTS[2]}%",
                                                f"~%-{WEIGHTS[1]}%"]
    assert tf.kind == "truefalse" and tf.answers[0][0] == "FALSE"
    _, wrong, right = tf.answers[0]
    assert plain(wrong) == f"{prefix}If true: no #" and plain(right) == f"{prefix}If false: yes ="
    assert best.kind == "multichoice" and "upset: why?" in plain(best.text)
    assert order.kind == "matching" and [a[2] for a in order.answers] == ["1", "2", "3"]
    assert plain(order.answers[0][1]) == f"{prefix}first -> step"
    assert match.kind == "matching"
    assert [a[2] for a in match.answers] == [f"{prefix}right → 1", f"{prefix}right: 2",
                                             f"{prefix}right #3"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_gift_export_of_the_course_imports_cleanly(repo_course: Course, lang: str) -> None:
    text = quiz_bank(repo_course, lang)
    parsed = parse_gift(text)
    questions = [(quiz, q) for quiz in sorted(repo_course.quizzes.values(), key=lambda q: q.id)
                 for q in quiz.questions]
    assert len(parsed) == len(questions) > 0
    expected_kind = {"true-false": "truefalse", "ordering": "matching", "matching": "matching"}
    for gift, (quiz, q) in zip(parsed, questions, strict=True):
        assert gift.name == f"{quiz.id}/{q.id}"
        assert gift.kind == expected_kind.get(q.type, "multichoice"), gift.name
        if q.type in ("single", "best-response"):
            assert [m for m, _, _ in gift.answers].count("=") == 1
        if q.type == "multiple":
            assert len(gift.answers) == len(q.options)
    assert text.count("$CATEGORY:") == len(repo_course.quizzes)


# -- QTI -------------------------------------------------------------------------------------
def _items(files: dict[str, str]) -> dict[str, ET.Element]:
    return {name: ET.fromstring(text.encode("utf-8")) for name, text in files.items()
            if name.startswith("items/")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_qti_items_are_well_formed_one_per_question(repo_course: Course, lang: str) -> None:
    files = package(repo_course, lang)
    items = _items(files)
    total = sum(len(q.questions) for q in repo_course.quizzes.values())
    assert len(items) == total > 0
    ns = {"q": QTI_NS}
    identifiers = set()
    for name, root in items.items():
        assert root.tag == f"{{{QTI_NS}}}assessmentItem", name
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        identifiers.add(root.get("identifier"))
        choices = {e.get("identifier") for e in root.iter()
                   if e.tag.endswith(("simpleChoice", "simpleAssociableChoice"))}
        values = [v.text or "" for v in root.findall(".//q:correctResponse/q:value", ns)]
        assert values, name
        for value in values:  # every right answer names a choice of the item
            assert set(value.split()) <= choices, (name, value)
        assert root.find(".//q:itemBody", ns) is not None
        assert root.find(".//q:responseProcessing", ns) is not None
    assert len(identifiers) == total
    manifest = ET.fromstring(files["imsmanifest.xml"].encode("utf-8"))
    hrefs = {r.get("href") for r in manifest.iter() if r.tag.endswith("}resource")}
    assert hrefs == set(items)


def test_qti_types_and_tricky_text() -> None:
    files = package(course_with(nasty_quiz()), "es")
    items = _items(files)
    kinds = {}
    for root in items.values():
        decl = next(e for e in root if e.tag.endswith("responseDeclaration"))
        body = next(e for e in root if e.tag.endswith("itemBody"))
        interaction = next(e for e in body.iter() if e.tag.endswith("Interaction"))
        kinds[root.get("identifier")] = (decl.get("cardinality"), decl.get("baseType"),
                                         interaction.tag.split("}")[1])
    assert kinds == {
        "item-nasty-single": ("single", "identifier", "choiceInteraction"),
        "item-nasty-multiple": ("multiple", "identifier", "choiceInteraction"),
        "item-nasty-tf": ("single", "identifier", "choiceInteraction"),
        "item-nasty-best": ("single", "identifier", "choiceInteraction"),
        "item-nasty-order": ("ordered", "identifier", "orderInteraction"),
        "item-nasty-match": ("multiple", "directedPair", "matchInteraction"),
    }
    single = files["items/nasty--single.xml"]
    assert "Verdadero" in files["items/nasty--tf.xml"]
    assert "<em>emphasis</em>" in single and 'href="https://example.com/a#b?x=1"' in single


def test_qti_zip_and_gift_files_per_language(mini_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = run("qti", mini_course, out) + run("gift", mini_course, out, ("es",))
    assert sorted(p.name for p in written) == ["quiz-bank-en-qti.zip", "quiz-bank-es-qti.zip",
                                               "quiz-bank-es.gift"]
    with zipfile.ZipFile(out / "quiz-bank-es-qti.zip") as archive:
        names = archive.namelist()
        assert "imsmanifest.xml" in names
        for name in names:
            ET.fromstring(archive.read(name))
    first = (out / "quiz-bank-en-qti.zip").read_bytes()
    run("qti", mini_course, out, ("en",))
    assert (out / "quiz-bank-en-qti.zip").read_bytes() == first  # reproducible


def test_exports_refuse_a_broken_quiz_bank(mini_course: Path, tmp_path: Path) -> None:
    quiz = mini_course / "quizzes" / "words.yml"
    quiz.write_text(quiz.read_text().replace("correct: true", "correct: maybe"))
    with pytest.raises(ExportError, match="quizzes have"):
        run("gift", mini_course, tmp_path / "out")


def test_export_command(mini_course: Path, tmp_path: Path) -> None:
    assert set(FORMATS) >= {"gift", "qti"}
    done = subprocess.run([sys.executable, "-m", "course_builder", "export", "gift", "--lang",
                           "en", "--out", str(tmp_path / "o")], cwd=mini_course, text=True,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "quiz-bank-en.gift").is_file()
    assert not (tmp_path / "o" / "quiz-bank-es.gift").exists()
