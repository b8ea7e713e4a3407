"""The assessor contract: anything with a `name` and `assess(text) -> Assessment`."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from forumkit.risk.model import Assessment


@runtime_checkable
class Assessor(Protocol):
    name: str

    def assess(self, text: str) -> Assessment:
        """The risk in one text. Must not raise for any text, and must not keep or log it."""
        ...
