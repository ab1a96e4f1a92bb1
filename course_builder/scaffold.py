"""``course-builder new module|quiz|scenario <id>``: start new content from templates.

Creates every file in both languages from ``templates/new/``, registers it (a module in
``course.yml``, a quiz or scenario embedded in its module's pages), and never overwrites:
if any file it would create exists, it writes nothing. The placeholders say TODO, which
``course-builder check`` reports (page-todo, yaml-todo) until an editor replaces them, so a
half-written module cannot ship unnoticed. Edits to existing files only insert lines, so
comments and layout survive.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from course_builder.load.reader import ID_RE
from course_builder.model.course import Course, Page
from course_builder.project import OUTLINE_FILE, SOURCE_DIRS, load_course
from course_builder.translations import last_line, page_hash, stamp_page_file, stamp_yaml_file

KINDS = ("module", "quiz", "scenario")
WORKSHOP_MODULES = "workshop/modules.yml"
TITLE_TODO = {"en": "TODO: Module title", "es": "TODO: Título del módulo"}
FIRST_OBJECTIVE = "first-objective"  # the objective id in templates/new/module.*.md
# Where a new quiz or scenario block goes in a module page: before the first of these headings.
EMBED_BEFORE = {"quiz": ("knowledge-check", "key-takeaways"),
                "scenario": ("knowledge-check", "key-takeaways")}


class ScaffoldError(Exception):
    """Why nothing was created (an existing file, an unknown module, a bad id...)."""


@dataclass
class Result:
    created: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def template(name: str) -> Template:
    ref = resources.files("course_builder") / "templates" / "new" / name
    return Template(ref.read_text(encoding="utf-8"))


# -- the three kinds -------------------------------------------------------------------------
def new_module(root: Path, module_id: str, *, section: str | None = None,
               title: str | None = None, title_es: str | None = None,
               quiz: bool = True) -> Result:
    """Both pages of a module (and its quiz), listed in a section of course.yml."""
    _check_id(module_id, "module")
    course, _ = load_course(root)
    if course.module(module_id) is not None:
        raise ScaffoldError(f"the module '{module_id}' is already listed in {OUTLINE_FILE}")
    rel = f"modules/{module_id}.md"
    files = {
        root / SOURCE_DIRS["en"] / rel: template("module.en.md").substitute(
            id=module_id, title=_yaml_quoted(title or TITLE_TODO["en"])),
        root / SOURCE_DIRS["es"] / rel: template("module.es.md").substitute(
            id=module_id, title=_yaml_quoted(title_es or TITLE_TODO["es"])),
    }
    if quiz:
        files[root / "quizzes" / f"{module_id}.yml"] = _quiz_text(module_id, module_id,
                                                                  FIRST_OBJECTIVE)
    outline_path = root / OUTLINE_FILE
    outline_text = outline_path.read_text(encoding="utf-8")
    new_outline, where = add_module_to_outline(outline_text, module_id, section)
    workshop_path = root / WORKSHOP_MODULES
    new_workshop = None
    if workshop_path.is_file():
        new_workshop = add_module_to_workshop(workshop_path.read_text(encoding="utf-8"),
                                              module_id, quiz)
    result = _create(root, files)
    outline_path.write_text(new_outline, encoding="utf-8")
    result.changed.append(outline_path)
    result.notes.append(f"listed '{module_id}' in the section '{where}' of {OUTLINE_FILE} "
                        "(move the id within the file to change the order)")
    if new_workshop is not None:
        workshop_path.write_text(new_workshop, encoding="utf-8")
        stamp_yaml_file(workshop_path, _lines_of_module(new_workshop, module_id))
        result.changed.append(workshop_path)
        result.notes.append(f"added workshop blocks for '{module_id}' at the end of "
                            f"{WORKSHOP_MODULES}; to run them, schedule them in "
                            "workshop/formats.yml (core modules must be in every format)")
    _stamp_new(root, result.created)
    return result


def new_quiz(root: Path, quiz_id: str, *, module: str | None = None,
             embed: bool = True) -> Result:
    """A knowledge check for a module, embedded in both of the module's pages."""
    _check_id(quiz_id, "quiz")
    course, _ = load_course(root)
    module_id = _module_for(course, quiz_id, module, "quiz")
    page = course.page("en", f"modules/{module_id}.md")
    objective = page.objectives[0].id if page and page.objectives else FIRST_OBJECTIVE
    path = root / "quizzes" / f"{quiz_id}.yml"
    result = _create(root, {path: _quiz_text(quiz_id, module_id, objective)})
    _stamp_new(root, result.created)
    if embed:
        _embed(course, module_id, "quiz", quiz_id, result)
    return result


def new_scenario(root: Path, scenario_id: str, *, module: str | None = None,
                 industry: str = "other", embed: bool = True) -> Result:
    """A branching scenario skeleton that already passes the graph rules."""
    from course_builder.model.scenario import INDUSTRIES
    _check_id(scenario_id, "scenario")
    if industry not in INDUSTRIES:
        raise ScaffoldError(f"'{industry}' is not an industry; use one of: "
                            f"{', '.join(INDUSTRIES)}")
    course, _ = load_course(root)
    module_id = _module_for(course, scenario_id, module, "scenario")
    text = template("scenario.yml").substitute(id=scenario_id, module=module_id,
                                               industry=industry)
    result = _create(root, {root / "scenarios" / f"{scenario_id}.yml": text})
    _stamp_new(root, result.created)
    if embed:
        _embed(course, module_id, "scenario", scenario_id, result)
    return result


# -- helpers ---------------------------------------------------------------------------------
def _check_id(value: str, kind: str) -> None:
    if not ID_RE.match(value):
        raise ScaffoldError(f"'{value}' is not a valid {kind} id: use lowercase letters, digits "
                            "and hyphens, for example handling-silence")


def _yaml_quoted(text: str) -> str:
    """Text for the inside of a double-quoted YAML string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _quiz_text(quiz_id: str, module_id: str, objective: str) -> str:
    return template("quiz.yml").substitute(id=quiz_id, module=module_id, objective=objective)


def _module_for(course: Course, item_id: str, module: str | None, kind: str) -> str:
    chosen = module or (item_id if course.module(item_id) else None)
    if chosen is None:
        known = ", ".join(m.id for m in course.modules) or "none yet"
        raise ScaffoldError(f"which module is the {kind} for? Pass --module <id> "
                            f"(modules: {known})")
    if course.module(chosen) is None:
        raise ScaffoldError(f"'{chosen}' is not a module in {OUTLINE_FILE}; create it first "
                            f"with `course-builder new module {chosen}`")
    return chosen


def _create(root: Path, files: dict[Path, str]) -> Result:
    """Write every file, or none: refuse when any exists; never replace a file."""
    existing = [p for p in files if p.exists()]
    if existing:
        names = ", ".join(_rel(p, root) for p in existing)
        raise ScaffoldError(f"{names} already exist{'s' if len(existing) == 1 else ''}; "
                            "nothing was created (new never overwrites)")
    result = Result()
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as handle:  # "x": fails if it exists
                handle.write(text)
            result.created.append(path)
    except FileExistsError as exc:
        for path in result.created:
            path.unlink()
        raise ScaffoldError(f"{exc.filename} appeared while writing; nothing was created") \
            from None
    return result


def _stamp_new(root: Path, created: list[Path]) -> None:
    """New Spanish starts as reviewed against the new English, so the first English edit
    marks it stale: the translation workflow then reminds the editor."""
    es_dir = (root / SOURCE_DIRS["es"]).resolve()
    pages = [p for p in created if p.suffix == ".md" and es_dir in p.resolve().parents]
    if pages:
        course, _ = load_course(root)
        for path in pages:
            rel = path.resolve().relative_to(es_dir).as_posix()
            english = course.page("en", rel)
            if english is not None:
                stamp_page_file(path, page_hash(english))
    for path in created:
        if path.suffix == ".yml":
            stamp_yaml_file(path)


def _embed(course: Course, module_id: str, kind: str, item_id: str, result: Result) -> None:
    """Add ``/// kind | id`` to both pages of the module (before its knowledge check or key
    takeaways), keeping the Spanish page's review stamp if it was current."""
    rel = f"modules/{module_id}.md"
    english = course.page("en", rel)
    spanish = course.page("es", rel)
    was_current = False
    if english is not None and spanish is not None:
        from course_builder.translations import page_stamp
        was_current = page_stamp(spanish)[0] == page_hash(english)
    for lang in ("en", "es"):
        page = course.page(lang, rel)
        if page is None:
            continue
        if any(d.name == kind and d.arg == item_id for d in page.directives):
            continue
        text = page.path.read_text(encoding="utf-8")
        page.path.write_text(insert_block(text, f"/// {kind} | {item_id}\n///\n",
                                          _embed_line(page, kind)), encoding="utf-8")
        result.changed.append(page.path)
    if was_current:
        fresh, _ = load_course(course.root)
        page = fresh.page("en", rel)
        if page is not None and spanish is not None:
            stamp_page_file(spanish.path, page_hash(page))
    result.notes.append(f"embedded '/// {kind} | {item_id}' in both pages of '{module_id}'")


def _embed_line(page: Page, kind: str) -> int:
    """Where a new block goes: after the last block of its kind (blocks stay together), else
    before the knowledge-check or key-takeaways heading, else at the end (0)."""
    same = [d for d in page.directives if d.name == kind and d.end_line]
    if same:
        end = same[-1].end_line
        body = page.body.split("\n")
        after = end + 1 - page.body_line  # index in the body of the line after the block
        blank = after >= len(body) or not body[after].strip()
        return end + 2 if blank else end + 1
    anchors = {h.id: h.line for h in page.headings if h.id}
    return next((anchors[a] for a in EMBED_BEFORE[kind] if a in anchors), 0)


def insert_block(text: str, block: str, before_line: int) -> str:
    """``block`` followed by a blank line before the 1-based ``before_line`` (0: at the end)."""
    lines = text.split("\n")
    if before_line <= 0 or before_line > len(lines):
        return text.rstrip("\n") + "\n\n" + block
    index = before_line - 1
    return "\n".join(lines[:index]) + "\n" + block + "\n" + "\n".join(lines[index:])


def add_module_to_outline(text: str, module_id: str, section: str | None) -> tuple[str, str]:
    """``course.yml`` text with ``module_id`` appended to a section's modules, and the
    section's English title. Only inserts; comments and layout stay."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    entries = _value(root, "outline")
    if not isinstance(entries, SequenceNode):
        raise ScaffoldError(f"{OUTLINE_FILE} has no 'outline' list to add the module to")
    sections = [e for e in entries.value if isinstance(e, MappingNode)
                and _value(e, "section") is not None]
    if not sections:
        raise ScaffoldError(f"{OUTLINE_FILE} has no section; add one first")
    chosen = _choose_section(sections, section)
    title = _title(chosen)
    modules = _value(chosen, "modules")
    if modules is None:
        new = _insert_key(text, chosen, f"modules: [{module_id}]")
    elif not isinstance(modules, SequenceNode):
        raise ScaffoldError(f"the section '{title}' has 'modules' that is not a list")
    elif modules.flow_style:
        if modules.value:
            at = modules.value[-1].end_mark.index
            new = text[:at] + f", {module_id}" + text[at:]
        else:
            at = modules.start_mark.index + 1
            new = text[:at] + module_id + text[at:]
    else:
        last = modules.value[-1]
        line_start = text.rfind("\n", 0, last.start_mark.index) + 1
        dash = text.rfind("-", line_start, last.start_mark.index)
        prefix = text[line_start:last.start_mark.index] if dash >= 0 else "- "
        new = _insert_line_after(text, last, f"{prefix}{module_id}")
    data = yaml.safe_load(new)
    listed = [m for e in data.get("outline", []) if isinstance(e, dict)
              for m in (e.get("modules") or [])]
    if module_id not in listed:  # pragma: no cover - a safety net for unusual layouts
        raise ScaffoldError(f"could not add '{module_id}' to {OUTLINE_FILE}; add it by hand")
    return new, title


def add_module_to_workshop(text: str, module_id: str, quiz: bool = True) -> str:
    """``workshop/modules.yml`` text with a skeleton entry for the module appended to its
    ``modules`` list (TODO blocks that practise the template's objective)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    modules = _value(root, "modules")
    if not isinstance(modules, SequenceNode) or modules.flow_style or not modules.value:
        raise ScaffoldError(f"{WORKSHOP_MODULES} has no 'modules:' list to add the module to; "
                            "add its blocks by hand (CONTRIBUTING.md, 'Add a workshop block')")
    for item in modules.value:
        existing = _value(item, "id")
        if isinstance(existing, ScalarNode) and existing.value == module_id:
            raise ScaffoldError(f"{WORKSHOP_MODULES} already has blocks for '{module_id}'")
    skeleton = template("workshop-module.yml").substitute(id=module_id)
    if not quiz:
        skeleton = skeleton.split(f"    - id: {module_id}-check")[0]
    last = modules.value[-1]
    line_start = text.rfind("\n", 0, last.start_mark.index) + 1
    dash = text.rfind("-", line_start, last.start_mark.index)
    indent = " " * (dash - line_start if dash >= 0 else 2)
    block = "\n".join(indent + line if line else line for line in skeleton.rstrip().split("\n"))
    new = _insert_line_after(text, last, block)
    ids = [m.get("id") for m in (yaml.safe_load(new) or {}).get("modules", [])]
    if module_id not in ids:  # pragma: no cover - a safety net for unusual layouts
        raise ScaffoldError(f"could not add '{module_id}' to {WORKSHOP_MODULES}")
    return new


def _lines_of_module(text: str, module_id: str) -> set[int]:
    """The lines of a module's entry in workshop/modules.yml (to stamp only its strings)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for item in getattr(_value(root, "modules"), "value", []):
        found = _value(item, "id")
        if isinstance(found, ScalarNode) and found.value == module_id:
            return set(range(item.start_mark.line + 1, last_line(item) + 1))
    return set()


def _choose_section(sections: list[MappingNode], wanted: str | None) -> MappingNode:
    if wanted is None:
        with_modules = [s for s in sections if _value(s, "modules") is not None]
        return (with_modules or sections)[-1]
    if wanted.isdigit() and 1 <= int(wanted) <= len(sections):
        return sections[int(wanted) - 1]
    for node in sections:
        titles = _titles(node)
        if wanted.strip().lower() in (t.lower() for t in titles):
            return node
    names = "; ".join(f"{i}: {_title(s)}" for i, s in enumerate(sections, 1))
    raise ScaffoldError(f"no section called '{wanted}' in {OUTLINE_FILE} (sections: {names})")


def _titles(section: MappingNode) -> list[str]:
    value = _value(section, "section")
    if isinstance(value, ScalarNode):
        return [str(value.value)]
    if isinstance(value, MappingNode):
        return [str(v.value) for _, v in value.value if isinstance(v, ScalarNode)]
    return []


def _title(section: MappingNode) -> str:
    value = _value(section, "section")
    if isinstance(value, MappingNode):
        en = _value(value, "en")
        if isinstance(en, ScalarNode):
            return str(en.value)
    titles = _titles(section)
    return titles[0] if titles else "?"


def _value(node: Node | None, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == key:
                return v
    return None


def _insert_key(text: str, mapping: MappingNode, line: str) -> str:
    if mapping.flow_style:
        raise ScaffoldError("the section is written on one line ({...}); add the module by hand")
    indent = " " * mapping.value[0][0].start_mark.column
    return _insert_line_after(text, mapping.value[-1][1], indent + line)


def _insert_line_after(text: str, node: Node, line: str) -> str:
    """``line`` on a line of its own right after the last line of ``node``'s text."""
    at = 0
    for _ in range(last_line(node)):
        found = text.find("\n", at)
        if found == -1:
            return text + "\n" + line + "\n"
        at = found + 1
    return text[:at] + line + "\n" + text[at:]


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# -- command line ----------------------------------------------------------------------------
EXAMPLES = """\
  course-builder new module handling-silence --section "Core skills" \\
      --title "Handling silence" --title-es "Cómo manejar el silencio"
  course-builder new quiz handling-silence-2 --module handling-silence
  course-builder new scenario late-refund --module handling-silence --industry e-commerce
"""


def register(add: Any) -> None:
    p = add("new", "Create a module, quiz or scenario in both languages from templates; "
            "never overwrites.", EXAMPLES)
    p.add_argument("kind", choices=KINDS, help="what to create")
    p.add_argument("id", help="its id: lowercase letters, digits and hyphens")
    p.add_argument("--section", metavar="TITLE|N",
                   help="module: the course.yml section to list it in (title in either "
                        "language, or its number; default: the last section with modules)")
    p.add_argument("--title", help="module: the English title (default: a TODO)")
    p.add_argument("--title-es", help="module: the Spanish title (default: a TODO)")
    p.add_argument("--no-quiz", action="store_true", help="module: do not create its quiz")
    p.add_argument("--module", help="quiz, scenario: the module that embeds it "
                                    "(default: the module with the same id)")
    p.add_argument("--industry", default="other", help="scenario: the industry (default: other)")
    p.add_argument("--no-embed", action="store_true",
                   help="quiz, scenario: do not add the block to the module's pages")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from course_builder.project import project_root
    root = project_root(args)
    try:
        if args.kind == "module":
            result = new_module(root, args.id, section=args.section, title=args.title,
                                title_es=args.title_es, quiz=not args.no_quiz)
        elif args.kind == "quiz":
            result = new_quiz(root, args.id, module=args.module, embed=not args.no_embed)
        else:
            result = new_scenario(root, args.id, module=args.module, industry=args.industry,
                                  embed=not args.no_embed)
    except ScaffoldError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    for path in result.created:
        print(f"created  {_rel(path, root)}")
    for path in dict.fromkeys(result.changed):
        print(f"changed  {_rel(path, root)}")
    for note in result.notes:
        print(f"  {note}")
    print("Next: replace every TODO in both languages (`course-builder check` lists them as "
          "page-todo and yaml-todo), then run `course-builder check` until it passes.")
    return 0
