"""Finding plugins and adapters through entry points, and which plugins a forum has on."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib.metadata import entry_points
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlmodel import Session, col, select

from forumkit.adapter import Adapter
from forumkit.channel import Channel
from forumkit.context import PluginContext, PluginOff
from forumkit.errors import NotFound
from forumkit.facets import FacetKey, FacetProvider, Facets, name_of
from forumkit.forums.models import Forum, ForumPlugin
from forumkit.outbound import OutboundPolicy
from forumkit.plugin import Plugin

log = logging.getLogger(__name__)
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
    # The service's outbound address policy, for plugins that call out (a risk classifier
    # over HTTP); set by the services that own this registry.
    outbound: OutboundPolicy | None = None
    facets: Facets = field(default_factory=Facets)
    facet_owners: dict[str, str] = field(default_factory=dict)  # facet name -> plugin name
    _wants_settings: set[str] = field(default_factory=set, repr=False)  # facet names
    declared: dict[str, FacetKey] = field(default_factory=dict)  # facet name -> its key
    _declared_by: dict[str, str] = field(default_factory=dict, repr=False)
    readable: dict[str, frozenset[str]] = field(default_factory=dict)  # plugin -> facets

    @classmethod
    def discover(cls, plugins: bool = True) -> Registry:
        """A registry of every installed plugin, adapter and channel, each a new instance;
        with `plugins=False`, the adapters and channels alone (for the core's own tests)."""
        registry = cls()
        for plugin in _installed(PLUGIN_GROUP, "plugin") if plugins else []:
            registry.add_plugin(plugin())
        for adapter in _installed(ADAPTER_GROUP, "adapter"):
            registry.add_adapter(adapter)
        for channel in _installed(CHANNEL_GROUP, "channel"):
            registry.add_channel(channel())
        return registry

    def add_plugin(self, plugin: Plugin) -> None:
        if not isinstance(plugin, Plugin):
            raise RegistryError(f"{plugin!r} is not a forumkit.plugin.Plugin")
        if plugin.name in self.plugins:
            raise RegistryError(f"two plugins are named {plugin.name!r}: "
                                f"{type(self.plugins[plugin.name]).__module__} and "
                                f"{type(plugin).__module__}")
        if type(plugin).erase_member is Plugin.erase_member:
            raise RegistryError(f"plugin {plugin.name!r} does not erase members: it must "
                                "define erase_member, even when it holds nothing of them")
        provided = plugin.facets()
        for key in provided:
            if key.name in self.facet_owners:
                raise RegistryError(f"facet {key.name!r} is provided by both plugin "
                                    f"{self.facet_owners[key.name]!r} and plugin "
                                    f"{plugin.name!r}")
        keys = [*provided, *plugin.reads()]
        for key in keys:
            self._declare(plugin.name, key)
        self.plugins[plugin.name] = plugin
        self.readable[plugin.name] = frozenset(key.name for key in keys)
        for key, provider in provided.items():
            self.facet_owners[key.name] = plugin.name
            self.replace_facet(key, provider)

    def _declare(self, plugin: str, key: FacetKey) -> None:
        # Plugins never import each other, so each declares the facets it uses; a name means
        # one thing everywhere, or start-up stops.
        known = self.declared.get(key.name)
        if known is None:
            self.declared[key.name] = key
            self._declared_by[key.name] = plugin
        elif type(known) is not type(key) or known != key:
            raise RegistryError(
                f"facet {key.name!r} is declared differently by plugin "
                f"{self._declared_by[key.name]!r} ({known.type}, default {known.default!r}) "
                f"and plugin {plugin!r} ({key.type}, default {key.default!r})")

    def replace_facet(self, key: FacetKey | str, provider: FacetProvider) -> None:
        """Put a provider in place of an installed one (tests stand one in this way); it
        answers for the same plugin, where that plugin is on."""
        name = name_of(key)
        assert name in self.facet_owners, f"no plugin provides facet {name!r}"
        self.facets.provide(name, provider)
        parameter = inspect.signature(provider).parameters.get("settings")
        if parameter is not None and parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            self._wants_settings.add(name)
        else:
            self._wants_settings.discard(name)

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

    def facets_on(self, on: Mapping[str, dict[str, Any]] | Iterable[str],
                  reader: str | None = None) -> Facets:
        """Facets from the plugins that are on only (a plugin switched off for a forum
        tells nothing), by plugin name with its stored settings. A provider that takes a
        keyword-only `settings` is given its own plugin's, validated once when first asked,
        so no plugin reads its settings itself."""
        stored = on if isinstance(on, Mapping) else {name: {} for name in on}
        providers: dict[str, FacetProvider] = {}
        for facet, provider in self.facets.providers.items():
            owner = self.facet_owners.get(facet)
            if owner is None or owner not in stored:
                continue
            if facet in self._wants_settings:
                provider = _with_settings(provider, self.plugins[owner], stored[owner])
            providers[facet] = provider
        return Facets(providers, self.readable.get(reader) if reader else None)

    def contexts(
        self, session: Session, forum: Forum, now: datetime, actor: str = "system"
    ) -> dict[str, PluginContext[Any]]:
        """A context for each plugin on for this forum, by plugin name."""
        on = self.switched_on(session, forum)
        return {name: self._context(session, forum, name, on, now, actor) for name in on}

    def context(
        self, session: Session, forum: Forum, plugin: str, now: datetime, actor: str = "system"
    ) -> PluginContext[Any]:
        """The plugin's context for this forum; PluginOff (404) when it is switched off."""
        if plugin not in self.plugins:
            raise NotFound(f"no plugin {plugin!r} is installed")
        return self.context_given(session, forum, plugin, self.switched_on(session, forum),
                                  now, actor)

    def context_given(
        self, session: Session, forum: Forum, plugin: str, on: Mapping[str, dict[str, Any]],
        now: datetime, actor: str, *, settings: BaseModel | None = None,
        capabilities: frozenset[str] | None = None,
    ) -> PluginContext[Any]:
        """`context` from what is already known of the forum: the plugins on with their
        stored settings, and (optionally) the plugin's validated settings and the platform's
        capabilities (the read path keeps them a few seconds: forumkit.access)."""
        if plugin not in self.plugins:
            raise NotFound(f"no plugin {plugin!r} is installed")
        if plugin not in on:
            raise PluginOff(plugin)
        return self._context(session, forum, plugin, on, now, actor, settings, capabilities)

    def _context(
        self, session: Session, forum: Forum, name: str, on: Mapping[str, dict[str, Any]],
        now: datetime, actor: str, settings: BaseModel | None = None,
        capabilities: frozenset[str] | None = None,
    ) -> PluginContext[Any]:
        return PluginContext(
            plugin=name, forum=forum,
            settings=plugin_settings(self.plugins[name], on[name]) if settings is None
            else settings,
            session=session, facets=self.facets_on(on, reader=name), now=now,
            capabilities=self.capabilities(forum) if capabilities is None else capabilities,
            actor=actor, outbound=self.outbound,
        )

    def contexts_everywhere(
        self, session: Session, plugin: str, now: datetime
    ) -> dict[int, PluginContext[Any]]:
        """The plugin's context on every forum where it is on, by forum id (for jobs); two
        queries whatever the number of forums. A forum whose stored settings no longer
        validate is left out and logged, so it cannot stop the job for the others."""
        rows: dict[int, dict[str, ForumPlugin]] = {}
        for row in session.exec(select(ForumPlugin)):
            rows.setdefault(row.forum_id, {})[row.plugin] = row
        found: dict[int, PluginContext[Any]] = {}
        for forum in session.exec(select(Forum).order_by(col(Forum.id))):
            assert forum.id is not None
            on = self._on(rows.get(forum.id, {}))
            if plugin not in on:
                continue
            try:
                found[forum.id] = self._context(session, forum, plugin, on, now, "system")
            except RegistryError as exc:
                log.error("plugin settings unreadable",
                          extra={"forum": forum.slug, "plugin": plugin, "error": str(exc)[:300]})
        return found

    def switched_on(self, session: Session, forum: Forum) -> dict[str, dict[str, Any]]:
        """The plugins on for this forum, in name order, each with its stored settings."""
        rows = {
            row.plugin: row
            for row in session.exec(select(ForumPlugin).where(ForumPlugin.forum_id == forum.id))
        }
        return self._on(rows)

    def _on(self, rows: dict[str, ForumPlugin]) -> dict[str, dict[str, Any]]:
        on: dict[str, dict[str, Any]] = {}
        for name in sorted(self.plugins):
            row = rows.get(name)
            if row.enabled if row else self.plugins[name].enabled_by_default:
                on[name] = row.settings if row else {}
        return on

    def enabled_for(self, session: Session, forum: Forum) -> list[tuple[Plugin, BaseModel]]:
        """The plugins on for this forum, in name order, each with its validated settings."""
        return [(self.plugins[name], plugin_settings(self.plugins[name], stored))
                for name, stored in self.switched_on(session, forum).items()]


def _with_settings(provider: FacetProvider, plugin: Plugin,
                   stored: dict[str, Any]) -> FacetProvider:
    validated: list[BaseModel] = []

    def asked(*args: Any, **kwargs: Any) -> Any:
        if not validated:
            validated.append(plugin_settings(plugin, stored))
        return provider(*args, settings=validated[0], **kwargs)

    return asked


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
