"""schemas/triggers.schema.json and schemas/swap_prompts.schema.json: valid, described, and
in step with the data files and the loaders' fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from course_builder.practice.prompts import PROMPT_FIELDS
from course_builder.practice.triggers import TRIGGER_FIELDS

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = {name: json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))
           for name in ("triggers", "swap_prompts")}
FILES = {"triggers": ROOT / "data" / "trigger_words.yml",
         "swap_prompts": ROOT / "data" / "swap_prompts.yml"}


def errors(name: str, data: Any) -> list[str]:
    return [e.message for e in Draft202012Validator(SCHEMAS[name]).iter_errors(data)]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_and_described(name: str) -> None:
    Draft202012Validator.check_schema(SCHEMAS[name])

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for prop_name, prop in node.get("properties", {}).items():
                assert "description" in prop, f"{where}.{prop_name} has no description"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
    walk(SCHEMAS[name], name)


@pytest.mark.parametrize("name", sorted(FILES))
def test_data_files_validate(name: str) -> None:
    assert errors(name, yaml.safe_load(FILES[name].read_text("utf-8"))) == []


def test_fields_match_the_loaders() -> None:
    trigger = SCHEMAS["triggers"]["$defs"]["trigger"]["properties"]
    assert set(trigger) == set(TRIGGER_FIELDS)
    assert set(SCHEMAS["swap_prompts"]["$defs"]["prompt"]["properties"]) == set(PROMPT_FIELDS)


@pytest.mark.parametrize(("name", "data"), [
    ("triggers", {"triggers": [{"id": "x", "en": ["can(no)?t"], "es": ["no"], "why":
                                {"en": "a", "es": "b"}, "alternatives": {"en": ["a"],
                                                                         "es": ["b"]}}]}),
    ("triggers", {"triggers": [{"id": "x", "en": ["can't"], "why": {"en": "a", "es": "b"},
                                "alternatives": {"en": ["a"], "es": ["b"]}}]}),
    ("swap_prompts", {"prompts": [{"id": "p", "line": {"en": "a"}, "model": {"en": "a",
                                                                           "es": "b"}}] * 10}),
    ("swap_prompts", {"prompts": [{"id": "p", "line": {"en": "a", "es": "b"},
                                   "model": {"en": "a", "es": "b"}}] * 3}),
])
def test_broken_files_are_rejected(name: str, data: Any) -> None:
    assert errors(name, data)
