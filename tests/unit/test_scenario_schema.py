"""schemas/scenario.schema.json: valid, in step with the model, accepts the scenarios in
scenarios/ and the fixture, rejects broken files."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from course_builder.model.scenario import INDUSTRIES, OUTCOMES, TECHNIQUES

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "scenario.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
FIXTURE = ROOT / "tests" / "fixtures" / "scenario" / "double-charge.yml"
CONTENT = sorted((ROOT / "scenarios").glob("*.yml"))


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def errors(data: Any) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(data)]


def test_schema_is_valid_and_matches_the_model() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["industry"]["enum"] == list(INDUSTRIES)
    assert SCHEMA["$defs"]["ending"]["properties"]["outcome"]["enum"] == list(OUTCOMES)
    assert (SCHEMA["$defs"]["choice"]["properties"]["techniques"]["items"]["enum"]
            == list(TECHNIQUES))


def test_every_property_is_described() -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert "description" in prop, f"{where}.{name} has no description"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
    walk(SCHEMA, "schema")


def test_fixture_validates() -> None:
    assert errors(load(FIXTURE)) == []


@pytest.mark.parametrize("path", CONTENT or [None], ids=[p.name for p in CONTENT] or ["none"])
def test_content_validates(path: Path | None) -> None:
    if path is None:
        pytest.skip("no scenario files in scenarios/ yet")
    assert errors(load(path)) == []


def _broken() -> list[tuple[str, Any]]:
    base = load(FIXTURE)
    cases = []

    def case(name: str, change: Any) -> None:
        data = copy.deepcopy(base)
        change(data)
        cases.append((name, data))

    case("missing title", lambda d: d.pop("title"))
    case("unknown field", lambda d: d.update(colour="red"))
    case("missing Spanish", lambda d: d["situation"].pop("es"))
    case("bad industry", lambda d: d.update(industry="retail"))
    case("one choice", lambda d: d["nodes"]["opening"].update(
        choices=d["nodes"]["opening"]["choices"][:1]))
    case("five choices", lambda d: d["nodes"]["opening"]["choices"].extend(
        d["nodes"]["opening"]["choices"][:2]))
    case("tension change 6", lambda d: d["nodes"]["opening"]["choices"][0].update(tension=6))
    case("unknown technique", lambda d: d["nodes"]["opening"]["choices"][0].update(
        techniques=["empathy"]))
    case("bad outcome", lambda d: d["endings"]["resolved"].update(outcome="won"))
    case("bad node id", lambda d: d["nodes"].update({"Bad Id": d["nodes"]["opening"]}))
    case("tension start 11", lambda d: d["tension"].update(start=11))
    return cases


@pytest.mark.parametrize(("name", "data"), _broken(), ids=[n for n, _ in _broken()])
def test_schema_rejects(name: str, data: Any) -> None:
    assert errors(data), f"the schema accepted: {name}"
