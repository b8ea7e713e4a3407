"""The outbox is the core's: its tests run with the tests' own plugins, not the care features."""

from __future__ import annotations

import pytest

from forumkit.registry import Registry
from tests.conftest import make_registry


@pytest.fixture
def registry() -> Registry:
    return make_registry(care_plugins=False)
