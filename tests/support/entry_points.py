"""An entry point that stands in for one another installed package would declare."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FakeEntryPoint:
    name: str
    target: object

    def load(self) -> object:
        return self.target
