"""Checks an outbound request against Discourse's published OpenAPI description.

The repository keeps the operations the adapter calls, as Discourse publishes them
(fixtures/discourse-openapi.json, the paths taken whole from the discourse_api_docs
description), so a fresh clone runs these checks; where the full description is at hand,
a test checks the kept paths are still the published ones.

Method, path and the headers the description requires are checked, and the JSON body is
validated against the request schema. A few fields the adapter needs are missing from the
description; they were checked against Discourse's source instead and are set apart here,
each with what the source expects of it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

SPEC = Path(__file__).resolve().parent / "fixtures" / "discourse-openapi.json"
PUBLISHED = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / (
    "discourse-openapi.json")

# (method, path template) -> {field: check} for fields documented only in Discourse's source.
FROM_SOURCE: dict[tuple[str, str], dict[str, Any]] = {
    # PostsController#create_params: `if params[:whisper] == "true"`.
    ("post", "/posts.json"): {"whisper": lambda v: v == "true"},
    # PostActionsController passes queue_for_review as params[...] == "true" (the UI sends it
    # form-encoded, so as a string).
    ("post", "/post_actions.json"): {"queue_for_review": lambda v: v == "true"},
    # TopicsController#update reads the topic's tags from the top-level "tags" array.
    ("put", "/t/-/{id}.json"): {
        "tags": lambda v: isinstance(v, list) and all(isinstance(t, str) for t in v)
    },
}


@lru_cache(maxsize=1)
def spec() -> dict[str, Any]:
    return json.loads(SPEC.read_text())


def require_spec() -> None:
    assert SPEC.exists(), f"the kept part of Discourse's API description is missing: {SPEC}"


def template_for(path: str) -> str:
    for template in spec()["paths"]:
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", r"[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path):
            return template
    raise AssertionError(f"{path} is not a path in Discourse's API description")


def check(method: str, path: str, headers: dict[str, str], body: bytes) -> str:
    """Assert the request is one Discourse documents; returns the path template matched."""
    require_spec()
    path = path.split("?")[0]
    template = template_for(path)
    operation = spec()["paths"][template].get(method.lower())
    assert operation is not None, f"Discourse documents no {method} on {template}"
    lower = {k.lower(): v for k, v in headers.items()}
    for param in operation.get("parameters", []):
        if param.get("in") == "header" and param.get("required"):
            assert lower.get(param["name"].lower()), f"missing header {param['name']}"
    schema = (operation.get("requestBody", {}).get("content", {})
              .get("application/json", {}).get("schema"))
    if body:
        data = json.loads(body)
        extra = FROM_SOURCE.get((method.lower(), template), {})
        for name, ok in extra.items():
            if name in data:
                assert ok(data.pop(name)), f"{name} is not what Discourse's source expects"
        if schema is not None:
            jsonschema.validate(data, schema)
    return template
