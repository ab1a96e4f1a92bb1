"""JSON Schemas (schemas/*.json) for editor completion: valid, accepting every file in the
repository, and in step with the loaders that the checks use (one source of truth): each
schema field is a field the loader reads, and each bad input is rejected by both."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from course_builder.load.pages import split_front_matter
from course_builder.project import MODULE_REQUIRED, PAGE_FIELDS, load_course
from course_builder.translations import review

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)", re.MULTILINE)
# Files whose schema is fixed by their folder (a modeline may say so too).
BY_FOLDER = {"quizzes": "quiz.schema.json", "scenarios": "scenario.schema.json",
             "quiz": "quiz.schema.json", "scenario": "scenario.schema.json"}


COMBINATORS = ("anyOf", "allOf", "oneOf", "not", "if", "then", "else")


def load_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def errors(schema: dict[str, Any], data: Any) -> list[str]:
    return [e.message for e in Draft202012Validator(schema).iter_errors(data)]


def schema_for(path: Path) -> Path | None:
    """The schema a YAML file is checked against: its folder's, else its modeline's."""
    if path.name == "course.yml":
        return SCHEMAS / "course.schema.json"
    folder = BY_FOLDER.get(path.parent.name)
    if folder:
        return SCHEMAS / folder
    match = MODELINE.search(path.read_text(encoding="utf-8"))
    return (path.parent / match.group(1)).resolve() if match else None


def as_json(data: Any) -> Any:
    """What an editor's YAML extension validates: keys as strings (`true:` becomes "true")."""
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize("path", sorted(
    p for folder in ("course.yml", "quizzes", "scenarios", "workshop")
    for p in ([ROOT / folder] if folder.endswith(".yml") else (ROOT / folder).glob("*.yml"))),
    ids=lambda p: p.relative_to(ROOT).as_posix())
def test_modelines_name_the_schema_in_schemas(path: Path) -> None:
    """Each file's first lines tell the editor its schema, and that schema lives in schemas/."""
    match = MODELINE.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} has no '# yaml-language-server: $schema=...' line"
    target = (path.parent / match.group(1)).resolve()
    assert target.parent == SCHEMAS
    assert target.is_file(), f"{path.name} names schemas/{target.name}, which does not exist"


def yaml_files() -> list[Path]:
    found = [ROOT / "course.yml"]
    for folder in ("quizzes", "scenarios", "workshop", "data"):
        found += sorted((ROOT / folder).glob("**/*.yml"))
    found += sorted((ROOT / "tests" / "fixtures").glob("**/*.yml"))
    return [p for p in found if schema_for(p) is not None]


def pages() -> list[Path]:
    found: list[Path] = []
    for base in (ROOT, ROOT / "tests" / "fixtures" / "mini"):
        for folder in ("docs", "docs_es"):
            found += sorted((base / folder).glob("**/*.md"))
    return found


def front_matter(path: Path) -> Any:
    fm, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return yaml.safe_load(fm or "") or {}


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# -- the schemas themselves ------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.name)
def test_schema_is_valid(path: Path) -> None:
    Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["course.schema.json", "page.schema.json"])
def test_every_property_is_described(name: str) -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for prop, value in node.get("properties", {}).items():
                assert "description" in value, f"{where}.{prop} has no description"
            for key, value in node.items():
                if key not in COMBINATORS:  # constraints there refine described properties
                    walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")
    walk(load_schema(name), name)


# -- every file in the repository ------------------------------------------------------------
@pytest.mark.parametrize("path", yaml_files(), ids=_id)
def test_repository_yaml_validates(path: Path) -> None:
    schema = schema_for(path)
    assert schema is not None
    assert schema.is_file(), f"{schema.relative_to(ROOT)} does not exist"
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    schema_data = json.loads(schema.read_text(encoding="utf-8"))
    assert errors(schema_data, data) == []


@pytest.mark.parametrize("path", pages(), ids=_id)
def test_page_front_matter_validates(path: Path) -> None:
    schema = load_schema("page.schema.json")
    data = as_json(front_matter(path))
    assert errors(schema, data) == []
    if path.parent.name == "modules":
        assert errors(schema["$defs"]["modulePage"], data) == []


def test_stamped_files_still_validate(tmp_path: Path) -> None:
    """After `course-builder translations review --all`, every file keeps validating: every
    {en, es} definition must allow the optional `reviewed` stamp."""
    lacking = []
    for path in sorted(SCHEMAS.glob("*.json")):
        text_def = json.loads(path.read_text(encoding="utf-8")).get("$defs", {}).get("text")
        if isinstance(text_def, dict) and text_def.get("additionalProperties") is False \
                and "reviewed" not in text_def.get("properties", {}):
            lacking.append(path.name)
    assert lacking == [], (f"{', '.join(lacking)}: $defs.text must allow 'reviewed' (a "
                           "12-hex string, see schemas/course.schema.json)")
    course_dir = tmp_path / "course"
    for name in ("course.yml", "docs", "docs_es", "quizzes", "scenarios", "workshop", "data"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, course_dir / name)
        elif src.is_file():
            course_dir.mkdir(exist_ok=True)
            shutil.copy(src, course_dir / name)
    course, _ = load_course(course_dir)
    review(course, [], everything=True)
    for path in sorted(course_dir.glob("**/*.yml")):
        schema = schema_for(path)
        if schema is None or not (SCHEMAS / schema.name).is_file():
            continue
        data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert errors(load_schema(schema.name), data) == [], path.name
    for path in sorted(course_dir.glob("docs*/**/*.md")):
        assert errors(load_schema("page.schema.json"), front_matter(path)) == [], path.name


# -- one source of truth: schema fields are the loader's fields ------------------------------
def loader_codes(tmp_path: Path, outline: Any = None, meta: Any = None) -> set[str]:
    """Load a throwaway course with this course.yml data and/or this module front matter;
    return the codes of the problems in those two files (not the cross-file ones)."""
    root = tmp_path / "course"
    shutil.rmtree(root, ignore_errors=True)
    (root / "docs" / "modules").mkdir(parents=True)
    if outline is None:
        outline = {"title": {"en": "T", "es": "T"}, "description": {"en": "D", "es": "D"},
                   "outline": [{"section": {"en": "S", "es": "S"}, "modules": ["m"]}]}
    (root / "course.yml").write_text(yaml.safe_dump(outline, allow_unicode=True))
    if meta is None:
        meta = {"id": "m", "title": "M", "minutes": 5, "objectives": [{"id": "o", "text": "Do"}]}
    page = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\nBody.\n"
    (root / "docs" / "modules" / "m.md").write_text(page)
    _, issues = load_course(root)
    return {i.code for i in issues if i.is_error}


def test_page_schema_fields_are_the_loaders(tmp_path: Path) -> None:
    schema = load_schema("page.schema.json")
    assert set(schema["properties"]) == set(PAGE_FIELDS)
    assert set(schema["$defs"]["modulePage"]["required"]) == set(MODULE_REQUIRED)
    assert set(schema["required"]) == {"id", "title"}
    objective = schema["$defs"]["objective"]
    full = {"id": "m", "title": "M", "minutes": 5, "objectives": [{"id": "o", "text": "Do"}],
            "translation": {"source": "0123456789ab"}}
    assert errors(schema, full) == [] and loader_codes(tmp_path, meta=full) == set()
    for key in objective["properties"]:  # each objective field is required by both
        broken = copy.deepcopy(full)
        del broken["objectives"][0][key]
        assert errors(schema, broken) and loader_codes(tmp_path, meta=broken), key


def test_course_schema_fields_are_the_loaders(tmp_path: Path) -> None:
    schema = load_schema("course.schema.json")
    full = {"title": {"en": "T", "es": "T", "reviewed": "0123456789ab"},
            "description": {"en": "D", "es": "D"},
            "outline": [{"page": "index.md"},
                        {"section": {"en": "S", "es": "S"}, "core": True, "modules": ["m"],
                         "pages": ["glossary.md"]}]}
    assert errors(schema, full) == []
    assert loader_codes(tmp_path, outline=full) <= {"outline-missing-page"}
    sections = schema["$defs"]["section"]["properties"]
    assert set(sections) == set(full["outline"][1])
    assert set(schema["$defs"]["pageEntry"]["properties"]) == set(full["outline"][0])
    assert set(schema["properties"]) == set(full)
    assert set(schema["$defs"]["text"]["properties"]) == {"en", "es", "reviewed"}


# -- bad inputs: rejected by the schema AND the loader ---------------------------------------
def _outline(change: Any) -> Any:
    data = {"title": {"en": "T", "es": "T"}, "description": {"en": "D", "es": "D"},
            "outline": [{"page": "index.md"},
                        {"section": {"en": "S", "es": "S"}, "modules": ["m"]}]}
    change(data)
    return data


def _meta(change: Any) -> Any:
    data = {"id": "m", "title": "M", "minutes": 5, "objectives": [{"id": "o", "text": "Do"}]}
    change(data)
    return data


BAD_OUTLINES: list[tuple[str, Any, str]] = [
    ("no title", _outline(lambda d: d.pop("title")), "outline-missing-field"),
    ("no outline", _outline(lambda d: d.pop("outline")), "outline-missing-field"),
    ("unknown top field", _outline(lambda d: d.update(colour="red")), "outline-unknown-field"),
    ("title without Spanish", _outline(lambda d: d["title"].pop("es")),
     "outline-missing-translation"),
    ("title as plain text", _outline(lambda d: d.update(title="T")),
     "outline-missing-translation"),
    ("unknown language", _outline(lambda d: d["title"].update(fr="T")), "outline-unknown-field"),
    ("unknown section field", _outline(lambda d: d["outline"][1].update(order=1)),
     "outline-unknown-field"),
    ("empty section", _outline(lambda d: d["outline"][1].pop("modules")),
     "outline-empty-section"),
    ("modules not a list", _outline(lambda d: d["outline"][1].update(modules="m")),
     "outline-type"),
    ("core not a boolean", _outline(lambda d: d["outline"][1].update(core="yes")),
     "outline-type"),
    ("module id not text", _outline(lambda d: d["outline"][1].update(modules=[3])),
     "outline-type"),
    ("page entry with extras", _outline(lambda d: d["outline"][0].update(title="x")),
     "outline-unknown-field"),
    ("outline not a list", _outline(lambda d: d.update(outline={"a": 1})), "outline-type"),
]
BAD_PAGES: list[tuple[str, Any, str]] = [
    ("no id", _meta(lambda d: d.pop("id")), "page-missing-field"),
    ("no title", _meta(lambda d: d.pop("title")), "page-missing-field"),
    ("bad id", _meta(lambda d: d.update(id="Bad Id")), "page-bad-id"),
    ("unknown field", _meta(lambda d: d.update(author="me")), "page-unknown-field"),
    ("minutes as text", _meta(lambda d: d.update(minutes="ten")), "page-type"),
    ("minutes zero", _meta(lambda d: d.update(minutes=0)), "page-out-of-range"),
    ("minutes too many", _meta(lambda d: d.update(minutes=601)), "page-out-of-range"),
    ("no objectives", _meta(lambda d: d.update(objectives=[])), "page-no-objectives"),
    ("objective extra field", _meta(lambda d: d["objectives"][0].update(level=2)),
     "page-unknown-field"),
    ("objective bad id", _meta(lambda d: d["objectives"][0].update(id="Obj 1")), "page-bad-id"),
    ("title as a list", _meta(lambda d: d.update(title=["a"])), "page-type"),
    ("module without minutes", _meta(lambda d: d.pop("minutes")), "page-missing-field"),
]


@pytest.mark.parametrize(("name", "data", "code"), BAD_OUTLINES, ids=[c[0] for c in BAD_OUTLINES])
def test_bad_outline_is_rejected_by_both(tmp_path: Path, name: str, data: Any,
                                         code: str) -> None:
    assert errors(load_schema("course.schema.json"), data), f"the schema accepted: {name}"
    assert code in loader_codes(tmp_path, outline=data), f"the loader accepted: {name}"


@pytest.mark.parametrize(("name", "data", "code"), BAD_PAGES, ids=[c[0] for c in BAD_PAGES])
def test_bad_front_matter_is_rejected_by_both(tmp_path: Path, name: str, data: Any,
                                              code: str) -> None:
    schema = load_schema("page.schema.json")
    found = errors(schema, data) + errors(schema["$defs"]["modulePage"], data)
    assert found, f"the schema accepted: {name}"
    assert code in loader_codes(tmp_path, meta=data), f"the loader accepted: {name}"
