"""Finding plugins and adapters through entry points, and which plugins a forum has on."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlmodel import Session, select

from forumkit.adapter import Adapter
from forumkit.channel import Channel
from forumkit.facets import Facets
from forumkit.forums.models import Forum, ForumPlugin
from forumkit.plugin import Plugin

PLUGIN_GROUP = "forumkit.plugins"
ADAPTER_GROUP = "forumkit.adapters"
CHANNEL_GROUP = "forumkit.channels"


class RegistryError(RuntimeError):
    """A plugin or adapter could not be loaded; the service must not start without it."""


@dataclass
class Registry:
    plugins: dict[str, Plugin] = field(default_factory=dict)
    adapters: dict[str, type[Adapter]] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    facets: Facets = field(default_factory=Facets)

    @classmethod
    def discover(cls) -> Registry:
        """A registry of every installed plugin, adapter and channel, each a new instance."""
        registry = cls()
        for plugin in _installed(PLUGIN_GROUP, "plugin"):
            registry.add_plugin(plugin())
        for adapter in _installed(ADAPTER_GROUP, "adapter"):
            registry.add_adapter(adapter)
        for channel in _installed(CHANNEL_GROUP, "channel"):
            registry.add_channel(channel())
        return registry

    def add_plugin(self, plugin: Plugin) -> None:
        if not isinstance(plugin, Plugin):
            raise RegistryError(f"{plugin!r} is not a forumkit.plugin.Plugin")
        self.plugins[plugin.name] = plugin
        for name, provider in plugin.facets().items():
            self.facets.provide(name, provider)

    def add_adapter(self, adapter: type[Adapter]) -> None:
        if not (isinstance(adapter, type) and issubclass(adapter, Adapter)):
            raise RegistryError(f"{adapter!r} is not a forumkit.adapter.Adapter")
        self.adapters[adapter.kind] = adapter

    def add_channel(self, channel: Channel) -> None:
        if not isinstance(channel, Channel):
            raise RegistryError(f"{channel!r} is not a forumkit.channel.Channel")
        self.channels[channel.kind] = channel

    def channel(self, kind: str) -> Channel:
        try:
            return self.channels[kind]
        except KeyError:
            raise RegistryError(f"alert channel {kind!r} is not installed") from None

    def adapter(self, kind: str) -> type[Adapter]:
        try:
            return self.adapters[kind]
        except KeyError:
            raise RegistryError(
                f"adapter {kind!r} is not installed (installed: {sorted(self.adapters)})"
            ) from None

    def capabilities(self, forum: Forum) -> frozenset[str]:
        """What the forum's platform can do, as its adapter and the forum's settings say."""
        cls = self.adapters.get(forum.adapter)
        if cls is None:
            return frozenset()
        try:
            settings = cls.settings_model.model_validate(forum.adapter_settings)
        except ValidationError:
            return cls.capabilities
        return cls.capabilities_for(settings)

    def plugin(self, name: str) -> Plugin | None:
        return self.plugins.get(name)

    def enabled_for(self, session: Session, forum: Forum) -> list[tuple[Plugin, BaseModel]]:
        """The plugins on for this forum, in name order, each with its validated settings."""
        rows = {
            row.plugin: row
            for row in session.exec(select(ForumPlugin).where(ForumPlugin.forum_id == forum.id))
        }
        enabled: list[tuple[Plugin, BaseModel]] = []
        for name in sorted(self.plugins):
            plugin = self.plugins[name]
            row = rows.get(name)
            on = row.enabled if row else plugin.enabled_by_default
            if on:
                enabled.append((plugin, plugin_settings(plugin, row.settings if row else {})))
        return enabled


def plugin_settings(plugin: Plugin, stored: dict[str, Any]) -> BaseModel:
    try:
        return plugin.settings_model.model_validate(stored)
    except ValidationError as exc:
        # Stored settings were valid when saved; a plugin upgrade may have changed its model.
        raise RegistryError(
            f"stored settings of plugin {plugin.name!r} no longer valid: {exc}"
        ) from exc


@cache
def _installed(group: str, what: str) -> tuple[Any, ...]:
    # Reading entry points scans every installed distribution; once per process is enough.
    return tuple(_load(ep, what) for ep in entry_points(group=group))


def _load(ep: Any, what: str) -> Any:
    try:
        return ep.load()
    except Exception as exc:
        raise RegistryError(f"{what} {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
