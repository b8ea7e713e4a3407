"""Forms generated from a settings model's JSON Schema, and form data read back into values.

Simple fields get plain controls (text, number, checkbox, a choice, a list one per line);
anything nested is edited as JSON in a text area, so every setting can be changed here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class FormField:
    name: str
    label: str
    kind: str  # text, number, checkbox, select, lines, json
    value: Any
    help: str = ""
    options: list[str] = field(default_factory=list)
    error: str | None = None
    optional: bool = False


def _resolve(prop: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The property's own schema (following $ref and Optional[...]), and whether it may be null."""
    optional = False
    if "anyOf" in prop:
        choices = [c for c in prop["anyOf"] if c.get("type") != "null"]
        optional = len(choices) < len(prop["anyOf"])
        if len(choices) == 1:
            prop = {**prop, **choices[0]}
            prop.pop("anyOf", None)
    if "$ref" in prop:
        prop = {**prop, **defs.get(prop["$ref"].split("/")[-1], {})}
    return prop, optional


def _kind(prop: dict[str, Any]) -> str:
    kind = prop.get("type")
    if "enum" in prop:
        return "select"
    if kind == "boolean":
        return "checkbox"
    if kind in ("integer", "number"):
        return "number"
    if kind == "string":
        return "text"
    if kind == "array" and prop.get("items", {}).get("type") == "string":
        return "lines"
    return "json"


def fields_for(
    schema: dict[str, Any], values: dict[str, Any], errors: dict[str, str] | None = None
) -> list[FormField]:
    defs = schema.get("$defs", {})
    made = []
    for name, raw in schema.get("properties", {}).items():
        prop, optional = _resolve(raw, defs)
        kind = _kind(prop)
        value = values.get(name, prop.get("default"))
        if kind == "lines":
            shown: Any = "\n".join(value or [])
        elif kind == "json":
            shown = json.dumps(value, indent=2)
        elif kind == "checkbox":
            shown = bool(value)
        else:
            shown = "" if value is None else value
        made.append(FormField(
            name=name, label=prop.get("title") or name.replace("_", " ").capitalize(),
            kind=kind, value=shown, help=prop.get("description", ""),
            options=[str(o) for o in prop.get("enum", [])],
            error=(errors or {}).get(name), optional=optional,
        ))
    return made


def read_form(
    schema: dict[str, Any], form: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Form data as settings values, and the fields whose text could not be read."""
    defs = schema.get("$defs", {})
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, raw in schema.get("properties", {}).items():
        prop, optional = _resolve(raw, defs)
        kind = _kind(prop)
        text = form.get(name)
        if kind == "checkbox":
            values[name] = text is not None
            continue
        text = "" if text is None else str(text)
        if kind == "lines":
            values[name] = [line.strip() for line in text.splitlines() if line.strip()]
        elif kind == "json":
            try:
                values[name] = json.loads(text) if text.strip() else None
            except json.JSONDecodeError as exc:
                problems[name] = f"This is not valid JSON: {exc.msg} (line {exc.lineno})."
        elif text == "" and optional:
            values[name] = None
        else:
            values[name] = text  # pydantic turns "12" into 12 and reports what it can't
    return values, problems
