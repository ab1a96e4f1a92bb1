"""Find the project, read the outline (``course.yml``) and load every source into a Course."""

from __future__ import annotations

from pathlib import Path

from course_builder import LANGS
from course_builder.issues import Issue, IssueList, Pos
from course_builder.load.pages import load_page, markdown_files
from course_builder.load.reader import Reader
from course_builder.load.yamlfile import YMap, YSeq, load_yaml
from course_builder.model.course import Course, ModuleRef, Objective, OutlineEntry, Page
from course_builder.model.text import Text

OUTLINE_FILE = "course.yml"
# Where each language's pages live, relative to the project root.
SOURCE_DIRS = {"en": "docs", "es": "docs_es"}
# Every folder and file whose change should trigger a rebuild in preview.
WATCHED = ("docs", "docs_es", "quizzes", "scenarios", "workshop", "data", "course.yml",
           "overrides")
PAGE_FIELDS = ("id", "title", "minutes", "objectives", "translation")
MODULE_REQUIRED = ("minutes", "objectives")


class ProjectNotFound(Exception):
    """No course.yml in the folder or any parent."""


def project_root(args: object) -> Path:
    """The project of a parsed command line: ``-C DIR`` if given, else the nearest one."""
    folder = getattr(args, "project", None)
    return find_root(Path(folder) if folder else None)


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / OUTLINE_FILE).is_file():
            return folder
    raise ProjectNotFound(f"no {OUTLINE_FILE} found in {here} or any folder above it")


def load_course(root: Path) -> tuple[Course, list[Issue]]:
    """Load everything; return the Course (always usable) and every problem found."""
    issues = IssueList()
    title, description, outline, modules = _load_outline(root, issues)
    pages: dict[str, dict[str, Page]] = {}
    files = 1
    for lang in LANGS:
        folder = root / SOURCE_DIRS[lang]
        pages[lang] = {}
        for rel in markdown_files(folder):
            page, page_issues = load_page(folder / rel, rel, lang)
            issues.extend(page_issues)
            _read_page_meta(page, issues, module=rel.startswith("modules/"))
            pages[lang][rel] = page
            files += 1
    course = Course(root=root, title=title, description=description, outline=outline,
                    modules=modules, pages=pages)
    files += _load_widgets(course, issues)
    course.files_read = files
    return course, issues.items


def _load_widgets(course: Course, issues: IssueList) -> int:
    """Quizzes and scenarios: each vertical owns its loader and per-file checks."""
    from course_builder.load.quizzes import load_quizzes
    from course_builder.load.scenarios import load_scenarios

    count = 0
    if (course.root / "quizzes").is_dir():
        course.quizzes, found = load_quizzes(course.root / "quizzes")
        issues.extend(found)
        count += len(list((course.root / "quizzes").glob("*.yml")))
    if (course.root / "scenarios").is_dir():
        course.scenarios, found = load_scenarios(course.root / "scenarios")
        issues.extend(found)
        count += len(list((course.root / "scenarios").glob("*.yml")))
    from course_builder.practice.load import load_practice  # trigger words, swap prompts
    count += load_practice(course, issues)
    from course_builder.workshop.loader import load_into  # workshop blocks, formats, handouts
    count += load_into(course, issues)
    return count


def _load_outline(root: Path, issues: IssueList
                  ) -> tuple[Text, Text, list[OutlineEntry], list[ModuleRef]]:
    path = root / OUTLINE_FILE
    data, found = load_yaml(path)
    issues.extend(found)
    reader = Reader(issues, "outline")
    empty = Text("", "", Pos(path, 0))
    if data is None:
        return empty, empty, [], []
    data = reader.mapping(data, Pos(path, 1), "course.yml")
    reader.unknown_keys(data, ("title", "description", "outline"), "course.yml")
    title = reader.text(data, "title", "the course title") or empty
    description = reader.text(data, "description", "a one-line description") or empty
    outline: list[OutlineEntry] = []
    modules: list[ModuleRef] = []
    seen: dict[str, Pos] = {}
    entries = reader.seq(data, "outline", "the ordered list of pages and sections")
    for index, raw in enumerate(entries):
        pos = entries.pos_at(index)
        entry = reader.mapping(raw, pos, f"outline entry {index + 1}")
        if "page" in entry:
            reader.unknown_keys(entry, ("page",), "a page entry")
            page = reader.string(entry, "page", "a page path such as index.md")
            outline.append(OutlineEntry(None, (page,), (), False, pos, (entry.pos_of("page"),)))
            continue
        reader.unknown_keys(entry, ("section", "modules", "pages", "core"), "a section")
        section = reader.text(entry, "section", "the section title") or empty
        core = reader.boolean(entry, "core", "whether these modules count for the certificate")
        ids: list[str] = []
        mod_seq = reader.seq(entry, "modules", "module ids", required=False)
        for i, module_id in enumerate(mod_seq):
            mpos = mod_seq.pos_at(i)
            if not isinstance(module_id, str):
                issues.error(mpos, "outline-type", "a module id should be text",
                             "write the module's id, for example strategic-language")
                continue
            if module_id in seen:
                issues.error(mpos, "outline-duplicate", f"the module '{module_id}' is listed "
                             f"twice (first on line {seen[module_id].line})",
                             "list each module once")
                continue
            seen[module_id] = mpos
            ids.append(module_id)
            modules.append(ModuleRef(module_id, core, section, mpos))
        page_seq = reader.seq(entry, "pages", "page paths", required=False)
        pages = tuple(str(p) for p in page_seq)
        if not ids and not pages:
            issues.error(pos, "outline-empty-section", "this section lists no modules or pages",
                         "add 'modules: [...]' or 'pages: [...]', or remove the section")
        outline.append(OutlineEntry(
            section, tuple(f"modules/{m}.md" for m in ids) + pages, tuple(ids), core, pos,
            tuple(seen[m] for m in ids) + tuple(page_seq.pos_at(i) for i in range(len(pages)))))
    return title, description, outline, modules


def _read_page_meta(page: Page, issues: IssueList, module: bool) -> None:
    meta = page.meta
    if not isinstance(meta, YMap):
        return
    reader = Reader(issues, "page")
    reader.unknown_keys(meta, PAGE_FIELDS, "the front matter")
    page.id = reader.ident(meta, "id", "the page's id, the same in both languages")
    page.title = reader.string(meta, "title", "the page title shown in the navigation")
    if module:
        page.minutes = reader.integer(meta, "minutes", "estimated self-study minutes", 1, 600)
        objectives = reader.seq(meta, "objectives", "what the learner will be able to do")
        if "objectives" in meta and not objectives:
            issues.error(meta.pos_of("objectives"), "page-no-objectives",
                         "a module needs at least one objective",
                         "add '- id: ...' and 'text: ...' under objectives")
        seen: set[str] = set()
        for i, raw in enumerate(objectives):
            obj = reader.mapping(raw, objectives.pos_at(i), f"objective {i + 1}")
            reader.unknown_keys(obj, ("id", "text"), "an objective")
            obj_id = reader.ident(obj, "id", "the objective's id")
            text = reader.string(obj, "text", "what the learner will be able to do")
            if obj_id in seen:
                issues.error(obj.pos_of("id"), "page-duplicate-id",
                             f"the objective id '{obj_id}' is used twice in this page",
                             "give each objective its own id")
            seen.add(obj_id)
            page.objectives.append(Objective(obj_id, text, obj.pos))


__all__ = ["SOURCE_DIRS", "WATCHED", "Course", "YSeq", "find_root", "load_course"]
