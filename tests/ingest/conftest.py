"""Ingest is the core's: its tests run with the tests' own plugins, not the care features."""

from __future__ import annotations

import pytest

from forumkit.registry import Registry
from tests.conftest import make_registry
from tests.support.plugins import BatchRecorder


@pytest.fixture
def registry() -> Registry:
    built = make_registry(care_plugins=False)
    built.add_plugin(BatchRecorder())
    return built
