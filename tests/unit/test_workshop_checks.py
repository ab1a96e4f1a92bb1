"""Bad workshop files to exact problems: each case edits one valid fixture file and lists every
Issue (file, line, code, message) the loader and the checks must report, nothing more.

The fixture is tests/fixtures/workshop/course (a small course whose workshop is valid); its
line numbers are quoted in the cases below.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course_builder.project import load_course
from course_builder.workshop.checks import CODES, check_workshop

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workshop" / "course"

M, F, H = "modules.yml", "formats.yml", "handouts.yml"

# (case id, file, [(old text, new text)] replaced once each, or all when the old text starts
#  with "*", expected [(file, line, code, message)])
CASES: list[tuple[str, str, list[tuple[str, str]], list[tuple[str, int, str, str]]]] = [
    ("unquoted start time", F, [('start: "09:00"', "start: 9:00")], [
        (F, 11, "workshop-bad-time",
         "the start time is a number (YAML reads an unquoted 9:00 as minutes), not a time of day"),
    ]),
    ("start time that is no time", F, [('start: "09:00"', 'start: "25:10"')], [
        (F, 11, "workshop-bad-time", "the start time is '25:10', not a time of day"),
    ]),
    ("no break between two 90-minute blocks", F,
     [("          - block: l-talk\n          - break: 15\n          - block: l-roleplay\n"
       "          - break: 15\n",
       "          - block: l-talk\n          - block: l-roleplay\n          - break: 15\n")], [
        (F, 15, "workshop-long-stretch",
         "session 1 of format '8h' reaches 180 minutes of teaching without a break here "
         "(the limit is 90)"),
    ]),
    ("hours promised differ from the blocks", F, [("hours: 8\n", "hours: 9\n")], [
        (F, 4, "workshop-hours-mismatch",
         "format '8h' promises 9 hours, but its blocks add up to 8 h of teaching"),
        (F, 0, "workshop-missing-format", "there is no 8-hour format"),
    ]),
    ("sessions longer than the format allows", F,
     [("max_session_minutes: 300\n    sessions:\n      - day: 1\n        start: \"09:00\"\n"
       "        title: {en: \"Listening\"",
       "max_session_minutes: 240\n    sessions:\n      - day: 1\n        start: \"09:00\"\n"
       "        title: {en: \"Listening\"")], [
        (F, 10, "workshop-session-too-long",
         "session 1 of format '8h' lasts 4 h 30 min with breaks, longer than the 4 h allowed"),
        (F, 20, "workshop-session-too-long",
         "session 2 of format '8h' lasts 4 h 30 min with breaks, longer than the 4 h allowed"),
    ]),
    ("teaching time under 8 hours", F,
     [("          - break: 15\n          - block: w-talk\n  - id: 12h",
       "  - id: 12h")], [
        (F, 4, "workshop-teaching-time",
         "format '8h' has 420 minutes of teaching (7 h), outside 8 to 16 hours"),
    ]),
    ("a core module left out", F,
     [("          - block: w-intro\n      - day: 2\n        start: \"09:00\"\n        items:\n"
       "          - block: w-swap\n          - break: 15\n          - block: w-roleplay\n"
       "          - break: 15\n          - block: w-talk\n  - id: 12h",
       "          - block: le-check\n      - day: 2\n        start: \"09:00\"\n        items:\n"
       "          - block: le-kpi\n          - break: 15\n          - block: le-score\n"
       "          - break: 15\n          - block: le-review\n  - id: 12h")], [
        (F, 4, "workshop-missing-core", "format '8h' leaves out the core module 'words'"),
    ]),
    ("a long session without a meal", F, [("          - meal: 45\n          - block: l-check",
                                           "          - break: 45\n          - block: l-check")], [
        (F, 66, "workshop-no-meal",
         "session 1 of format '16h' lasts 7 h 15 min and has no meal break"),
    ]),
    ("two sessions at once", F,
     [("      - day: 2\n        start: \"09:00\"\n        items:\n          - block: w-swap\n"
       "          - break: 15\n          - block: w-roleplay\n          - break: 15\n"
       "          - block: w-talk\n      - day: 3",
       "      - day: 1\n        start: \"11:00\"\n        items:\n          - block: w-swap\n"
       "          - break: 15\n          - block: w-roleplay\n          - break: 15\n"
       "          - block: w-talk\n      - day: 3")], [
        (F, 44, "workshop-session-overlap",
         "session 2 of format '12h' starts before session 1 ends on day 1"),
    ]),
    ("sessions out of day order", F, [("      - day: 3\n        start: \"09:00\"\n        items:\n"
                                       "          - block: l-drill",
                                       "      - day: 1\n        start: \"09:00\"\n        items:\n"
                                       "          - block: l-drill")], [
        (F, 52, "workshop-day-order",
         "session 3 of format '12h' is on day 1, before session 2 (day 2)"),
    ]),
    ("a block scheduled twice", F, [("          - block: l-check\n          - block: w-intro\n"
                                     "      - day: 2",
                                     "          - block: l-check\n          - block: l-check\n"
                                     "      - day: 2")], [
        (F, 19, "workshop-block-twice",
         "block 'l-check' is scheduled twice in format '8h' (first on line 18)"),
    ]),
    ("an unknown block (and the time it leaves out)", F,
     [("          - block: w-swap\n          - break: 15\n          - block: w-roleplay\n"
       "          - break: 15\n          - block: w-talk\n  - id: 12h",
       "          - block: w-swapp\n          - break: 15\n          - block: w-roleplay\n"
       "          - break: 15\n          - block: w-talk\n  - id: 12h")], [
        (F, 4, "workshop-teaching-time",
         "format '8h' has 390 minutes of teaching (6 h 30 min), outside 8 to 16 hours"),
        (F, 23, "workshop-unknown-block", "block 'w-swapp' is not in workshop/modules.yml"),
    ]),
    ("a block that is not in the named module", F, [("blocks: [l-talk]", "blocks: [w-talk]")], [
        (F, 37, "workshop-unknown-block", "block 'w-talk' is not in module 'listening'"),
        (F, 28, "workshop-hours-mismatch",
         "format '12h' promises 12 hours, but its blocks add up to 10 h 30 min of teaching"),
    ]),
    ("a session item with no known key", F, [
        ("          - break: 15\n          - block: l-roleplay\n          - meal: 45",
         "          - pause: 15\n          - block: l-roleplay\n          - meal: 45")], [
        (F, 71, "workshop-bad-item",
         "a session item needs exactly one of 'module', 'block', 'break' or 'meal', and this "
         "one has none of them"),
        (F, 72, "workshop-long-stretch",
         "session 1 of format '16h' reaches 180 minutes of teaching without a break here "
         "(the limit is 90)"),
    ]),
    ("a meal too short to eat", F, [("          - meal: 45\n          - block: l-check",
                                     "          - meal: 10\n          - block: l-check")], [
        (F, 73, "workshop-out-of-range", "'meal' (the meal's minutes) is 10, outside 20 to 120"),
    ]),
    ("two formats for the full guide", F, [("    hours: 12\n",
                                            "    hours: 12\n    guide: true\n")], [
        (F, 61, "workshop-guide-format",
         "formats '12h' and '16h' are both marked 'guide: true'"),
        # the first marked format is the guide's, so it must now schedule every block
        *[(M, line, "workshop-unscheduled-block", f"block '{block}' is in no session of format "
           "'12h', which the full facilitator guide follows")
          for line, block in ((77, "w-check"), (103, "le-score"), (111, "le-plan"),
                              (126, "le-check"))],
    ]),
    ("a follow-up agenda that does not add up", F, [("    minutes: 60\n", "    minutes: 50\n")], [
        (F, 101, "workshop-follow-up-minutes",
         "'monthly' lasts 50 minutes, but its agenda adds up to 60"),
    ]),
    ("a knowledge check without a quiz", M, [("        quiz: listening\n", "")], [
        (M, 37, "workshop-missing-quiz", "block 'l-check' is a knowledge check but names no quiz"),
    ]),
    ("a quiz that does not exist", M, [("quiz: listening", "quiz: listenin")], [
        (M, 36, "workshop-unknown-quiz",
         "block 'l-check' runs the quiz 'listenin', which does not exist"),
    ]),
    ("a quiz on a discussion", M, [("        objectives: [swap]\n        title: {en: \"Lines",
                                    "        quiz: words\n        objectives: [swap]\n"
                                    "        title: {en: \"Lines")], [
        (M, 56, "workshop-field-not-used",
         "block 'w-intro' names a quiz, but only knowledge-check blocks run one"),
    ]),
    ("a scenario that does not exist", M, [("scenario: double-charge",
                                            "scenario: triple-charge")], [
        (M, 24, "workshop-unknown-scenario",
         "block 'l-roleplay' uses the scenario 'triple-charge', which does not exist"),
    ]),
    ("an objective the module does not have", M, [("objectives: [hear-emotion]\n        title: "
                                                   "{en: \"The feeling",
                                                   "objectives: [hear-emotions]\n        title: "
                                                   "{en: \"The feeling")], [
        (M, 10, "workshop-unknown-objective",
         "block 'l-talk' practises objective 'hear-emotions', which module 'listening' does "
         "not have"),
    ]),
    ("an objective no activity practises", M, [("*objectives: [coach]", "objectives: [measure]"),
                                                ("objectives: [measure, coach]",
                                                 "objectives: [measure]")], [
        (M, 93, "workshop-objective-uncovered",
         "module 'leads' leaves objective 'coach' practised by no activity"),
    ]),
    ("a handout that does not exist", M, [("[kpi-baseline]", "[kpi-basline]")], [
        (M, 95, "workshop-unknown-handout",
         "block 'le-kpi' uses the handout 'kpi-basline', which handouts.yml does not have"),
    ]),
    ("a title in one language only", M, [('title: {en: "Summary drill", es: "Ejercicio de '
                                          'resúmenes"}', 'title: "Summary drill"')], [
        (M, 48, "workshop-missing-translation",
         "'title' (the block's title) is a single text; it needs an English and a Spanish "
         "version"),
    ]),
    ("a misspelt field", M, [("talking_points:", "talking_point:")], [
        (M, 20, "workshop-unknown-field", "unknown field 'talking_point' in a block"),
    ]),
    ("a kind that does not exist", M, [("        kind: exercise\n        minutes: 90\n"
                                        "        objectives: [hear-emotion]",
                                        "        kind: excercise\n        minutes: 90\n"
                                        "        objectives: [hear-emotion]")], [
        (M, 45, "workshop-bad-value",
         "'kind' is 'excercise', which is not one of: presentation, discussion, role-play, "
         "knowledge-check, exercise, break"),
    ]),
    ("a module that is not in the course", M, [("  - id: leads\n", "  - id: lead\n")], [
        (M, 93, "workshop-unknown-module", "module 'lead' is not in course.yml"),
        (M, 0, "workshop-objective-uncovered", "module 'leads' has no blocks in "
         "workshop/modules.yml, so it leaves objectives 'measure', 'coach' practised by no "
         "activity"),
        # formats.yml still says 'module: leads'
        (F, 96, "workshop-unknown-module", "module 'leads' has no blocks in workshop/modules.yml"),
        (F, 60, "workshop-hours-mismatch",
         "format '16h' promises 16 hours, but its blocks add up to 14 h 30 min of teaching"),
        (M, 119, "workshop-unscheduled-block", "block 'le-review' is in no session of format "
         "'16h', which the full facilitator guide follows"),
        (M, 126, "workshop-unscheduled-block", "block 'le-check' is in no session of format "
         "'16h', which the full facilitator guide follows"),
    ]),
    ("a duplicate format id", F, [("  - id: 12h\n", "  - id: 8h\n")], [
        (F, 28, "workshop-duplicate-id", "the format id '8h' is used twice (first on line 4)"),
        (F, 0, "workshop-missing-format", "there is no 12-hour format"),
    ]),
    ("role-play cards for a missing scenario", H, [("scenarios: [double-charge]",
                                                    "scenarios: [double-charges]")], [
        (H, 24, "workshop-unknown-scenario",
         "the role-play cards list the scenario 'double-charges', which does not exist"),
    ]),
]


def apply(path: Path, edits: list[tuple[str, str]]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        every = old.startswith("*")
        old = old.removeprefix("*")
        assert old in text, f"the fixture no longer contains {old!r}"
        text = text.replace(old, new) if every else text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def workshop_issues(root: Path) -> list[tuple[str, int, str, str]]:
    course, issues = load_course(root)
    issues = [*issues, *check_workshop(course)]
    found = [(i.path.name, i.line, i.code, i.message) for i in issues
             if i.code.startswith("workshop-") or "workshop" in i.path.parts]
    return sorted(found, key=lambda x: (x[0], x[1], x[2]))


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "course"))


def test_the_fixture_is_clean(course_dir: Path) -> None:
    assert workshop_issues(course_dir) == []


@pytest.mark.parametrize(("case", "file", "edits", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_workshop_file(course_dir: Path, case: str, file: str,
                           edits: list[tuple[str, str]],
                           expected: list[tuple[str, int, str, str]]) -> None:
    apply(course_dir / "workshop" / file, edits)
    assert workshop_issues(course_dir) == sorted(expected, key=lambda x: (x[0], x[1], x[2]))


def test_enough_cases_and_every_code_documented() -> None:
    assert len(CASES) >= 12
    assert {code for case in CASES for _, _, code, _ in case[3]} <= set(CODES)


def test_no_workshop_folder_means_no_workshop(course_dir: Path) -> None:
    shutil.rmtree(course_dir / "workshop")
    course, issues = load_course(course_dir)
    assert course.workshop is None
    assert check_workshop(course) == []
    assert not [i for i in issues if i.code.startswith("workshop-")]


def test_a_missing_formats_file_is_reported(course_dir: Path) -> None:
    (course_dir / "workshop" / F).unlink()
    found = workshop_issues(course_dir)
    assert (F, 0, "workshop-missing-file", "workshop/formats.yml is missing") in found


def test_hints_point_to_the_fix(course_dir: Path) -> None:
    apply(course_dir / "workshop" / F, [("- block: w-swap\n", "- block: w-swapp\n")])
    _, issues = load_course(course_dir)
    unknown = [i for i in issues if i.code == "workshop-unknown-block"]
    assert [i.hint for i in unknown] == ["did you mean 'w-swap'?"]
