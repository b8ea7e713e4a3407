"""Plugins and adapters are found through entry points; a broken one stops start-up clearly."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from forumkit import registry as registry_module
from forumkit.registry import Registry, RegistryError


@pytest.fixture(autouse=True)
def rescan_entry_points() -> Iterator[None]:
    """These tests install distributions: each discovery must scan entry points anew."""
    registry_module._installed.cache_clear()
    yield
    registry_module._installed.cache_clear()


def _install(tmp_path: Path, group: str, name: str, module_source: str) -> None:
    """A real installed distribution on sys.path, as pip would leave it."""
    (tmp_path / f"{name}_pkg.py").write_text(module_source)
    dist = tmp_path / f"{name}_pkg-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}-pkg\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[{group}]\n{name} = {name}_pkg:Thing\n")


def test_installed_adapters_are_discovered() -> None:
    registry = Registry.discover()
    assert "generic" in registry.adapters


def test_installed_alert_channels_are_discovered() -> None:
    channels = Registry.discover().channels
    assert {"webhook", "slack", "email"} <= set(channels)
    assert all(channel.kind == kind for kind, channel in channels.items())


def test_a_plugin_that_fails_to_import_stops_discovery_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(tmp_path, "forumkit.plugins", "brokencare", "raise ImportError('no numpy here')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    with pytest.raises(RegistryError, match=r"plugin 'brokencare' .* no numpy here"):
        Registry.discover()


def test_an_entry_point_that_is_not_a_plugin_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(tmp_path, "forumkit.plugins", "notaplugin", "class Thing:\n    name = 'x'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    with pytest.raises(RegistryError, match="is not a forumkit.plugin.Plugin"):
        Registry.discover()


def test_unknown_adapter_kind_is_a_clear_error() -> None:
    with pytest.raises(RegistryError, match="adapter 'phpbb' is not installed"):
        Registry.discover().adapter("phpbb")


def test_capabilities_follow_the_adapter_and_the_forums_own_settings() -> None:
    from forumkit.adapter import HIDE_POST, PRE_CHECK
    from forumkit.forums.models import Forum

    registry = Registry.discover()
    asks = Forum(slug="a", name="a", adapter="generic", adapter_settings={})
    does_not_ask = Forum(slug="b", name="b", adapter="generic",
                         adapter_settings={"pre_check": False})
    assert {PRE_CHECK, HIDE_POST} <= registry.capabilities(asks)
    assert PRE_CHECK not in registry.capabilities(does_not_ask)
    assert HIDE_POST in registry.capabilities(does_not_ask)
