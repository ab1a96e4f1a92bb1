"""Load knowledge checks (``quizzes/<id>.yml``) into ``model.quiz`` and report every problem.

Content editors write these files by hand, so the loader reads on past each mistake and
returns every problem in one run, each with its file, line, a stable code and a hint. The
returned Quiz is best effort: when the issues hold errors, report them and do not render it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from course_builder.issues import Issue, IssueList, Pos
from course_builder.load.reader import ID_RE, Reader, type_name
from course_builder.load.yamlfile import YMap, YSeq, load_yaml
from course_builder.model.quiz import (
    OPTION_TYPES,
    QUESTION_TYPES,
    Item,
    Option,
    Pair,
    Question,
    Quiz,
    TrueFalseFeedback,
)
from course_builder.model.text import Text

KIND = "quiz"
MIN_OPTIONS, MIN_ITEMS, MIN_PAIRS = 2, 3, 3

QUIZ_FIELDS = ("id", "module", "title", "pass_mark", "questions")
QUESTION_FIELDS = ("id", "type", "objectives", "prompt", "customer", "options", "answer",
                   "feedback", "items", "pairs", "explanation")
OPTION_FIELDS = ("id", "text", "correct", "feedback")
ITEM_FIELDS = ("id", "text")
PAIR_FIELDS = ("id", "left", "right")
# The fields only some types take, and which types take them.
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "single": ("options",),
    "multiple": ("options",),
    "best-response": ("options", "customer"),
    "true-false": ("answer", "feedback"),
    "ordering": ("items",),
    "matching": ("pairs",),
}
_SPECIFIC = ("options", "customer", "answer", "feedback", "items", "pairs")
_WHERE_FIELD_GOES = {
    "options": "single, multiple and best-response",
    "customer": "best-response",
    "answer": "true-false",
    "feedback": "true-false (other types put feedback on each option)",
    "items": "ordering",
    "pairs": "matching",
}
# Names authors reach for, mapped to the real type.
_TYPE_ALIASES = {
    "choice": "single", "radio": "single", "single-choice": "single", "mcq": "single",
    "checkbox": "multiple", "multi": "multiple", "multiple-choice": "multiple",
    "multi-select": "multiple", "truefalse": "true-false", "true_false": "true-false",
    "tf": "true-false", "boolean": "true-false", "best": "best-response",
    "best_response": "best-response", "order": "ordering", "sequence": "ordering",
    "sort": "ordering", "match": "matching", "pairs": "matching",
}

CODES: dict[str, str] = {
    "yaml-syntax": "the file is not valid YAML (indentation, unquoted ': ' or a special character)",
    "yaml-duplicate-key": "a key appears twice in one mapping; the second replaces the first",
    "file-encoding": "the file is not UTF-8 text",
    "quiz-type": "a value has the wrong shape (text where a list belongs...), or the file is empty",
    "quiz-missing-field": "a required field is missing",
    "quiz-unknown-field": "a field the quiz format does not know (a typo? the hint suggests one)",
    "quiz-bad-id": "an id is not lowercase letters, digits and hyphens",
    "quiz-id-mismatch": "the quiz id differs from the file name (quizzes/<id>.yml)",
    "quiz-duplicate-id": "two questions, or two options, items or pairs of a question, share an id",
    "quiz-duplicate-quiz": "two quiz files declare the same quiz id",
    "quiz-unknown-type": "a question type that is not one of the six types",
    "quiz-missing-translation": "a string lacks its English or Spanish version",
    "quiz-unsafe-html": "a string contains HTML, which YAML strings may not hold (use Markdown)",
    "quiz-out-of-range": "pass_mark is outside 1 to 100",
    "quiz-no-questions": "the quiz has no questions",
    "quiz-no-objectives": "a question names no objective it assesses",
    "quiz-too-few-options": "a choice question has fewer than 2 options",
    "quiz-correct-count": "a single or best-response question has not exactly one correct option",
    "quiz-no-correct": "a multiple-select question has no correct option",
    "quiz-tf-answer": "a true-false question lacks 'answer: true' or 'answer: false'",
    "quiz-too-few-items": "an ordering question has fewer than 3 items",
    "quiz-too-few-pairs": "a matching question has fewer than 3 pairs",
    "quiz-ambiguous": "two options, items, or left or right sides of pairs read the same",
    "quiz-field-not-used": "a field this question type does not use (options on a true-false...)",
    "quiz-unknown-module": "the quiz names a module that is not in the course",
    "quiz-unknown-objective": "a question names an objective its module does not have",
    "quiz-other-extension": "a .yaml file in quizzes/, which only reads .yml files",
}


def load_quizzes(folder: Path) -> tuple[dict[str, Quiz], list[Issue]]:
    """Load every ``*.yml`` in ``folder``; quizzes by id, and all issues of all files."""
    quizzes: dict[str, Quiz] = {}
    issues: list[Issue] = []
    if not folder.is_dir():
        return quizzes, issues
    for other in sorted(folder.glob("*.yaml")):
        issues.append(Issue(other, 0, "quiz-other-extension",
                            f"'{other.name}' is not read: knowledge checks end in .yml",
                            f"rename it to {other.stem}.yml"))
    for path in sorted(folder.glob("*.yml")):
        quiz, found = load_quiz(path)
        issues.extend(found)
        if quiz is None or not quiz.id:
            continue
        first = quizzes.get(quiz.id)
        if first is not None:
            issues.append(Issue(path, quiz.pos.line, "quiz-duplicate-quiz",
                                f"the quiz id '{quiz.id}' is declared by both {first.path} "
                                f"(line {first.pos.line}) and {path} (line {quiz.pos.line})",
                                "give each quiz its own id, equal to its file name"))
            continue
        quizzes[quiz.id] = quiz
    return quizzes, issues


def load_quiz(path: Path) -> tuple[Quiz | None, list[Issue]]:
    """Load one quiz file. None when it is not YAML or not a mapping; else a best-effort Quiz."""
    data, yaml_issues = load_yaml(path)
    issues = IssueList(list(yaml_issues))
    if data is None and any(i.is_error for i in yaml_issues):
        return None, issues.items
    if not isinstance(data, YMap):
        shape = "empty" if data is None else type_name(data)
        issues.error(Pos(path, 1), "quiz-type",
                     f"a quiz file should be a mapping of fields, but this one is {shape}",
                     "start from the example in CONTRIBUTING.md (id:, module:, title:, ...)")
        return None, issues.items
    return _QuizReader(Reader(issues, KIND), path).quiz(data), issues.items


def check_quiz_refs(quizzes: Mapping[str, Quiz],
                    objectives: Mapping[str, Iterable[str]]) -> list[Issue]:
    """Check each quiz's module and question objectives against the course's modules.

    ``objectives`` maps every module id to its objective ids (from the English page). The
    loader cannot see pages, so the pipeline calls this once pages are loaded.
    """
    issues = IssueList()
    for quiz in quizzes.values():
        if quiz.module not in objectives:
            close = difflib.get_close_matches(quiz.module, list(objectives), 1)
            issues.error(quiz.pos, "quiz-unknown-module",
                         f"quiz '{quiz.id}' belongs to module '{quiz.module}', which the course "
                         "does not have",
                         f"did you mean '{close[0]}'?" if close else
                         "use the id of a module listed in course.yml")
            continue
        known = list(objectives[quiz.module])
        for question in quiz.questions:
            for objective in question.objectives:
                if objective not in known:
                    close = difflib.get_close_matches(objective, known, 1)
                    issues.error(question.pos, "quiz-unknown-objective",
                                 f"question '{question.id}' assesses objective '{objective}', "
                                 f"which module '{quiz.module}' does not have",
                                 f"did you mean '{close[0]}'?" if close else
                                 f"objectives of '{quiz.module}': {', '.join(known) or 'none'}")
    return issues.items


class _QuizReader:
    """Reads one file's mapping into a Quiz; every problem goes to the Reader's issues."""

    def __init__(self, reader: Reader, path: Path) -> None:
        self.r = reader
        self.path = path

    def error(self, pos: Pos, code: str, message: str, hint: str = "") -> None:
        self.r.issues.error(pos, code, message, hint)

    def quiz(self, data: YMap) -> Quiz:
        r = self.r
        r.unknown_keys(data, QUIZ_FIELDS, "the quiz")
        quiz_id = r.ident(data, "id", "the quiz's id, the same as the file name")
        if _is_id(quiz_id) and quiz_id != self.path.stem:
            self.error(data.pos_of("id"), "quiz-id-mismatch",
                       f"the quiz id '{quiz_id}' differs from the file name '{self.path.name}'",
                       f"use 'id: {self.path.stem}', or rename the file to {quiz_id}.yml")
        module = r.ident(data, "module", "the id of the module page that embeds this quiz")
        title = r.text(data, "title", "the quiz's title") or Text("", "", data.pos)
        pass_mark = r.integer(data, "pass_mark", "the percent of questions needed to pass",
                              1, 100, default=80)
        raw_questions = r.seq(data, "questions", "the questions")
        if "questions" in data and isinstance(data.get("questions"), YSeq) and not raw_questions:
            self.error(data.pos_of("questions"), "quiz-no-questions", "this quiz has no questions",
                       "add at least one question under 'questions:'")
        questions: list[Question] = []
        seen: dict[str, Pos] = {}
        for index, raw in enumerate(raw_questions):
            question = self.question(raw, raw_questions.pos_at(index), index)
            if question.id:
                self._unique(seen, question.id, question.pos, "question", "this quiz")
            questions.append(question)
        return Quiz(quiz_id, module, title, pass_mark, tuple(questions), data.pos)

    def _unique(self, seen: dict[str, Pos], ident: str, pos: Pos, what: str, where: str) -> None:
        if ident in seen:
            self.error(pos, "quiz-duplicate-id",
                       f"the {what} id '{ident}' is used twice in {where} (first on line "
                       f"{seen[ident].line})", f"give each {what} its own id")
        else:
            seen[ident] = pos

    def question(self, raw: Any, pos: Pos, index: int) -> Question:
        r = self.r
        if not isinstance(raw, YMap):  # one problem, reported once, not once per field
            r.mapping(raw, pos, f"question {index + 1}")
            return Question("", "", Text("", "", pos), pos=pos)
        m = raw
        qid = r.ident(m, "id", "the question's id, unique in this quiz")
        where = f"question '{qid}'" if qid else f"question {index + 1}"
        r.unknown_keys(m, QUESTION_FIELDS, where)
        qtype = self.qtype(m, where)
        prompt = r.text(m, "prompt", "what the question asks") or Text("", "", m.pos)
        objectives = self.objectives(m, where)
        explanation = r.text(m, "explanation", "shown after checking", required=False)
        if qtype in TYPE_FIELDS:
            for key in _SPECIFIC:
                if key in m and key not in TYPE_FIELDS[qtype]:
                    self.error(m.pos_of(key), "quiz-field-not-used",
                               f"a {qtype} question does not use '{key}'",
                               f"'{key}' belongs to {_WHERE_FIELD_GOES[key]} questions; remove "
                               "it or change the type")
        known = qtype in TYPE_FIELDS
        options: tuple[Option, ...] = ()
        if qtype in OPTION_TYPES or (not known and "options" in m):
            options = self.options(m, where, qtype)
        customer = None
        if qtype == "best-response" or (not known and "customer" in m):
            customer = r.text(m, "customer", "the customer's line the agent answers",
                              required=known)
        answer, tf_feedback = None, None
        if qtype == "true-false":
            answer, tf_feedback = self.true_false(m, where)
        items: tuple[Item, ...] = ()
        if qtype == "ordering" or (not known and "items" in m):
            items = self.items(m, where, check=known)
        pairs: tuple[Pair, ...] = ()
        if qtype == "matching" or (not known and "pairs" in m):
            pairs = self.pairs(m, where, check=known)
        return Question(qid, qtype, prompt, objectives, options, answer, items, pairs, customer,
                        explanation, tf_feedback, m.pos)

    def qtype(self, m: YMap, where: str) -> str:
        value = m.get("type")
        if value is None:
            self.r.missing(m, "type", "one of: " + ", ".join(QUESTION_TYPES))
            return ""
        if not isinstance(value, str):
            self.error(m.pos_of("type"), "quiz-type",
                       f"the type of {where} should be text, but it is {type_name(value)}",
                       "use one of: " + ", ".join(QUESTION_TYPES))
            return ""
        if value not in QUESTION_TYPES:
            guess = _TYPE_ALIASES.get(value.strip().lower().replace(" ", "-"))
            if guess is None:
                close = difflib.get_close_matches(value.lower(), QUESTION_TYPES, 1, 0.6)
                guess = close[0] if close else None
            self.error(m.pos_of("type"), "quiz-unknown-type",
                       f"{where} has the type '{value}', which is not one of: "
                       + ", ".join(QUESTION_TYPES),
                       f"did you mean '{guess}'?" if guess else
                       "use one of: " + ", ".join(QUESTION_TYPES))
        return value

    def objectives(self, m: YMap, where: str) -> tuple[str, ...]:
        seq = self.r.seq(m, "objectives", "the module objective ids this question assesses")
        if "objectives" in m and isinstance(m.get("objectives"), YSeq) and not seq:
            self.error(m.pos_of("objectives"), "quiz-no-objectives",
                       f"{where} names no objective it assesses",
                       "list at least one objective id of the module, e.g. [swap-trigger-words]")
        found: list[str] = []
        for i, value in enumerate(seq):
            if not isinstance(value, str) or not _is_id(value):
                self.error(seq.pos_at(i), "quiz-bad-id",
                           f"objective {i + 1} of {where} must be an objective id of lowercase "
                           f"letters, digits and hyphens, but it is {type_name(value)}",
                           "copy the id from the module's front matter 'objectives:'")
                continue
            found.append(value)
        return tuple(found)

    def options(self, m: YMap, where: str, qtype: str) -> tuple[Option, ...]:
        r = self.r
        seq = r.seq(m, "options", "the answer options")
        options: list[Option] = []
        texts: dict[tuple[str, str], Pos] = {}
        for o, oid in self._parts(seq, "option", where, OPTION_FIELDS, named_by_id=True):
            text = r.text(o, "text", "what the option says") or Text("", "", o.pos)
            correct = r.boolean(o, "correct", "whether this option is right")
            feedback = r.text(o, "feedback", "why this option is right or wrong", required=False)
            self._same_text(texts, text, o.pos, "options", where)
            options.append(Option(oid, text, correct, feedback, o.pos))
        if "options" not in m or not isinstance(m.get("options"), YSeq):
            return tuple(options)
        at = m.pos_of("options")
        if len(options) < MIN_OPTIONS:
            self.error(at, "quiz-too-few-options",
                       f"{where} has {len(options)} option{_s(len(options))}; a choice needs at "
                       f"least {MIN_OPTIONS}", "add options, or make it a true-false question")
        right = [o.id or str(i + 1) for i, o in enumerate(options) if o.correct]
        if qtype in ("single", "best-response") and options and len(right) != 1:
            kind = "single-choice" if qtype == "single" else "best-response"
            which = f" ({', '.join(right)})" if right else ""
            self.error(at, "quiz-correct-count",
                       f"a {kind} question needs exactly one correct option, but {where} has "
                       f"{len(right)}{which}",
                       "mark exactly one option 'correct: true'" if not right else
                       "keep 'correct: true' on one option only, or use type: multiple")
        if qtype == "multiple" and options and not right:
            self.error(at, "quiz-no-correct",
                       f"a multiple-select question needs at least one correct option, but "
                       f"{where} has none", "mark the right options with 'correct: true'")
        return tuple(options)

    def true_false(self, m: YMap, where: str) -> tuple[bool | None, TrueFalseFeedback | None]:
        r = self.r
        value = m.get("answer")
        answer: bool | None = None
        if isinstance(value, bool):
            answer = value
        elif "answer" not in m:
            self.error(m.pos, "quiz-tf-answer", f"true-false {where} has no 'answer'",
                       "add 'answer: true' or 'answer: false'")
        else:
            self.error(m.pos_of("answer"), "quiz-tf-answer",
                       f"the answer of true-false {where} should be true or false, but it is "
                       f"{type_name(value)}", "write answer: true or answer: false, unquoted")
        if m.get("feedback") is None:
            return answer, None
        fb = r.mapping(m["feedback"], m.pos_of("feedback"), f"the feedback of {where}")
        found: dict[bool, Text | None] = {True: None, False: None}
        for key in fb:
            flag = key if isinstance(key, bool) else {"true": True, "false": False}.get(str(key))
            if flag is None:
                self.error(fb.pos_of(key), "quiz-unknown-field",
                           f"unknown key '{key}' in the feedback of {where}",
                           "use 'true:' (feedback when the learner picks True) and 'false:'")
                continue
            found[flag] = r.text_value(fb[key], fb.pos_of(key),
                                       f"the '{str(flag).lower()}' feedback of {where}")
        return answer, TrueFalseFeedback(found[True], found[False])

    def items(self, m: YMap, where: str, check: bool) -> tuple[Item, ...]:
        r = self.r
        seq = r.seq(m, "items", "the steps, in the right order")
        items: list[Item] = []
        texts: dict[tuple[str, str], Pos] = {}
        for it, iid in self._parts(seq, "item", where, ITEM_FIELDS):
            text = r.text(it, "text", "what the step says") or Text("", "", it.pos)
            self._same_text(texts, text, it.pos, "items", where)
            items.append(Item(iid, text, it.pos))
        if check and isinstance(m.get("items"), YSeq) and len(items) < MIN_ITEMS:
            self.error(m.pos_of("items"), "quiz-too-few-items",
                       f"ordering {where} has {len(items)} item{_s(len(items))}; putting things "
                       f"in order needs at least {MIN_ITEMS}",
                       "add steps, or ask it as a single-choice question")
        return tuple(items)

    def pairs(self, m: YMap, where: str, check: bool) -> tuple[Pair, ...]:
        r = self.r
        seq = r.seq(m, "pairs", "the pairs to match")
        pairs: list[Pair] = []
        lefts: dict[tuple[str, str], Pos] = {}
        rights: dict[tuple[str, str], Pos] = {}
        for p, pid in self._parts(seq, "pair", where, PAIR_FIELDS):
            left = r.text(p, "left", "the left side") or Text("", "", p.pos)
            right = r.text(p, "right", "the right side that matches it") or Text("", "", p.pos)
            self._same_text(lefts, left, p.pos_of("left"), "left sides", where)
            self._same_text(rights, right, p.pos_of("right"), "right sides", where)
            pairs.append(Pair(pid, left, right, p.pos))
        if check and isinstance(m.get("pairs"), YSeq) and len(pairs) < MIN_PAIRS:
            self.error(m.pos_of("pairs"), "quiz-too-few-pairs",
                       f"matching {where} has {len(pairs)} pair{_s(len(pairs))}; matching needs "
                       f"at least {MIN_PAIRS}", "add pairs, or ask it as a single-choice question")
        return tuple(pairs)

    def _parts(self, seq: YSeq, what: str, where: str, fields: tuple[str, ...],
               named_by_id: bool = False) -> Iterator[tuple[YMap, str]]:
        """Each mapping of a question's options, items or pairs with its id. One that is not a
        mapping is reported once and skipped; unknown fields are reported naming the entry
        (by id with ``named_by_id``, else by number); a repeated id is reported after the
        caller has read the entry, as its other problems come first."""
        r = self.r
        seen: dict[str, Pos] = {}
        for i, raw in enumerate(seq):
            if not isinstance(raw, YMap):
                r.mapping(raw, seq.pos_at(i), f"{what} {i + 1} of {where}")
                continue
            pid = r.ident(raw, "id", f"the {what}'s id, unique in this question")
            name = f"'{pid}'" if pid and named_by_id else str(i + 1)
            r.unknown_keys(raw, fields, f"{what} {name} of {where}")
            yield raw, pid
            if pid:
                self._unique(seen, pid, raw.pos_of("id"), what, where)

    def _same_text(self, seen: dict[tuple[str, str], Pos], text: Text, pos: Pos, what: str,
                   where: str) -> None:
        """Two entries that read the same make the right answer ambiguous to the learner."""
        for lang, value in text.items():
            key = (lang, " ".join(value.lower().split()))
            if not key[1]:
                continue
            if key in seen:
                self.error(pos, "quiz-ambiguous",
                           f"two {what} of {where} read the same in '{lang}' ('{value[:40]}', "
                           f"also on line {seen[key].line}), so the learner cannot tell them apart",
                           "reword one of them")
                return
            seen[key] = pos


def _is_id(value: str) -> bool:
    return bool(ID_RE.match(value))


def _s(n: int) -> str:
    return "" if n == 1 else "s"
