"""Answers written as JSON straight from plain data, for the routes forums call on every page.

A route returning a pydantic model has it validated again against its `response_model` and
then serialised (for a plain `def` route, in one more hand-off to a thread): for fifty
posts that costs more than finding their hints. Render hints and permissions build plain
dicts of the documented shape instead and return them in `PlainJSON`, which FastAPI sends
as it is; the route's `response_model` still describes the answer in the OpenAPI document,
and tests check each answer against that model.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response
from pydantic_core import to_json


class PlainJSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        # pydantic's own encoder: times and the like come out as the models would write them.
        return to_json(content)
