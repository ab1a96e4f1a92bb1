"""Every problem code `course-builder check` can print, with what it means: one registry.

The verticals export ``CODES`` (code -> one-line meaning) from their own modules; the codes of
the core (files, YAML, the outline, pages, links, module shape) are listed here. Modules with
a top-level ``CODES`` are found by reading the package's source, so a new vertical's codes
join without editing this file. CONTRIBUTING.md's "Error codes" section is generated from the
registry (``python -m course_builder.codes --write``); tests/unit/test_codes.py fails when a
code is emitted but undocumented, or when the section is out of date.
"""

from __future__ import annotations

import ast
import re
import sys
from functools import lru_cache
from importlib import import_module
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CODE_RE = re.compile(r"^[a-z]+(?:-[a-z0-9]+)+$")
START, END = "<!-- codes:start -->", "<!-- codes:end -->"

CORE_CODES: dict[str, str] = {
    # files and YAML (load/yamlfile.py, load/pages.py)
    "file-encoding": "the file is not UTF-8 text",
    "yaml-syntax": "the file is not valid YAML (indentation, unquoted ': ' or a special "
                   "character)",
    "yaml-duplicate-key": "a key appears twice in one mapping; the second replaces the first",
    # the outline (project.py, checks/pages.py)
    "outline-type": "a value in course.yml has the wrong shape (text where a list belongs...)",
    "outline-missing-field": "course.yml lacks a required field (title, description, outline)",
    "outline-unknown-field": "a field course.yml does not know (a typo? the hint suggests one)",
    "outline-missing-translation": "a title in course.yml lacks its English or Spanish version",
    "outline-unsafe-html": "a title in course.yml contains HTML",
    "outline-duplicate": "a module is listed twice in course.yml",
    "outline-empty-section": "a section lists no modules and no pages",
    "outline-missing-page": "course.yml lists a page or module whose English file does not exist",
    # pages (load/pages.py, project.py, checks/pages.py)
    "page-front-matter": "the page has no front matter, or it is not closed or not 'key: value'",
    "page-type": "a front-matter value has the wrong shape (text where a list belongs...)",
    "page-missing-field": "the front matter lacks a required field (id, title; modules also "
                          "minutes and objectives)",
    "page-unknown-field": "a front-matter field pages do not use (a typo?)",
    "page-bad-id": "a page or objective id is not lowercase letters, digits and hyphens",
    "page-out-of-range": "minutes is outside 1 to 600",
    "page-no-objectives": "a module lists no objectives",
    "page-duplicate-id": "two objectives, or two headings, of one page share an id",
    "page-id-mismatch": "a module's id differs from its file name, or the Spanish id from the "
                        "English",
    "page-not-in-outline": "an English page is not listed in course.yml, so no one can reach it",
    "page-missing-translation": "a page has no counterpart in the other language (docs/ and "
                                "docs_es/ pair by path)",
    "page-objectives-mismatch": "the Spanish objective ids differ from the English ones",
    "page-heading-mismatch": "the Spanish heading ids differ from the English ones (missing, "
                             "extra or out of order)",
    "page-widgets-mismatch": "the two languages embed different quizzes or scenarios",
    "page-h1": "a '#' heading in the body (the title comes from the front matter)",
    "page-heading-id": "a '##' or '###' heading has no explicit {#id}",
    "page-heading-skip": "(warning) a heading skips a level ('##' then '####')",
    "page-unsafe-html": "raw <script>, <iframe>, <object>, <embed>, <form> or an on...= "
                        "attribute",
    "page-unknown-directive": "an unknown '/// name' block",
    "page-unclosed-directive": "a '/// name' block is never closed with '///'",
    "page-quiz-id": "'/// quiz' without the id of a quiz",
    "page-scenario-id": "'/// scenario' without the id of a scenario",
    "page-unknown-quiz": "a page embeds a quiz that has no quizzes/<id>.yml",
    "page-unknown-scenario": "a page embeds a scenario that has no scenarios/<id>.yml",
    "page-practice-title": "a '/// practice' block has no title",
    # links (checks/links.py)
    "link-missing-page": "a link points at a page that does not exist",
    "link-missing-anchor": "a link points at an anchor ({#id}) the target page does not have",
    "link-not-markdown": "a link points at a folder or a URL path instead of a .md file",
    # module shape and widgets (checks/modules.py)
    "module-practice": "(warning) a module has fewer than two practice activities",
    "module-no-quiz": "(warning) a module embeds no knowledge check",
    "module-no-takeaways": "(warning) a module has no 'Key takeaways' section",
    "module-no-facilitator-notes": "(warning) a module has no '/// facilitator' notes",
    "module-too-short": "(warning) a core module has fewer words for learners than core "
                        "modules need",
    "quiz-not-embedded": "(warning) no page embeds this quiz, so learners never see it",
    "scenario-not-embedded": "(warning) no page embeds this scenario, so learners never see it",
    "scenario-unknown-module": "a scenario names a module that is not in course.yml",
    "objective-not-assessed": "a module objective is not assessed by any knowledge-check "
                              "question",
}

# Headings of the generated section, by code prefix, in this order.
GROUPS: dict[str, str] = {
    "file": "Files and YAML", "yaml": "Files and YAML",
    "outline": "Course outline (course.yml)",
    "page": "Pages", "link": "Links", "lint": "Editor lints (accessibility and readability)",
    "translation": "Translations",
    "module": "Module shape", "objective": "Module shape",
    "quiz": "Knowledge checks (quizzes/)", "scenario": "Scenarios (scenarios/)",
    "triggers": "Trigger words (data/trigger_words.yml)",
    "trigger": "Trigger words (data/trigger_words.yml)",
    "swap": "Trigger Word Swap prompts (data/swap_prompts.yml)",
    "workshop": "Workshop (workshop/)",
}


def code_modules() -> list[str]:
    """Dotted names of the package's modules that define a top-level ``CODES``."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:  # pragma: no cover - a broken module fails its own tests
            continue
        for node in tree.body:
            target = (node.target if isinstance(node, ast.AnnAssign) else
                      node.targets[0] if isinstance(node, ast.Assign) and node.targets else None)
            if isinstance(target, ast.Name) and target.id == "CODES":
                rel = path.relative_to(PACKAGE.parent).with_suffix("")
                found.append(".".join(rel.parts).removesuffix(".__init__"))
                break
    return found


@lru_cache(maxsize=1)
def all_codes() -> dict[str, str]:
    """Every documented code and its meaning (the core's first, then each module's)."""
    codes = dict(CORE_CODES)
    for name in code_modules():
        for code, meaning in getattr(import_module(name), "CODES", {}).items():
            codes.setdefault(code, meaning)
    return codes


def group_of(code: str) -> str:
    return GROUPS.get(code.split("-", 1)[0], "Other")


def markdown_section() -> str:
    """The "Error codes" section of CONTRIBUTING.md, between its markers."""
    codes = all_codes()
    order = list(dict.fromkeys([*GROUPS.values(), "Other"]))
    lines = [START,
             "<!-- Generated from course_builder/codes.py and every module's CODES by "
             "`python -m course_builder.codes --write`. Do not edit by hand. -->", "",
             "Every problem `course-builder check` prints carries one of these codes "
             "(`path:line: [code] message`, then a hint). \"(warning)\" marks the ones that do "
             "not fail the check; everything else is an error.", ""]
    for group in order:
        members = sorted(c for c in codes if group_of(c) == group)
        if not members:
            continue
        lines += [f"### {group}", "", "| Code | Meaning |", "| --- | --- |"]
        lines += [f"| `{c}` | {_cell(codes[c])} |" for c in members]
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def update_contributing(path: Path) -> bool:
    """Replace the section between the markers (or append it under "## Error codes");
    True when the file changed."""
    text = path.read_text(encoding="utf-8")
    section = markdown_section()
    if START in text and END in text:
        head, rest = text.split(START, 1)
        new = head + section + rest.split(END, 1)[1]
    else:
        new = text.rstrip("\n") + "\n\n## Error codes\n\n" + section + "\n"
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def main(argv: list[str]) -> int:
    contributing = PACKAGE.parent / "CONTRIBUTING.md"
    if "--write" in argv:
        changed = update_contributing(contributing)
        print(f"{contributing}: {'updated' if changed else 'already up to date'}")
        return 0
    print(markdown_section())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
