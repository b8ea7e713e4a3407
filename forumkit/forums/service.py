"""Creating forums, changing their adapter settings and their plugins, with audit entries."""

from __future__ import annotations

import functools
import json
import re
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlmodel import Session

from forumkit.audit import service as audit
from forumkit.errors import Conflict, NotFound, Unprocessable
from forumkit.forums import repository as repo
from forumkit.forums.models import Forum, ForumPlugin
from forumkit.identity import new_secret
from forumkit.messages.texts import valid_zone
from forumkit.messages.translations import normal_locale
from forumkit.outbound import CONTEXT_KEY, OutboundPolicy
from forumkit.registry import Registry, plugin_settings

PREVIOUS_SECRET_GRACE = timedelta(hours=24)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
MASK = "********"


def secret_fields(model: Any) -> set[str]:
    """Settings an adapter marks secret (json_schema_extra={"secret": True}), e.g. API keys."""
    names = set()
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra
        if isinstance(extra, dict) and extra.get("secret"):
            names.add(name)
    return names


def masked_settings(registry: Registry, forum: Forum) -> dict[str, Any]:
    """The forum's adapter settings as shown to people: secrets replaced by a mask."""
    adapter_cls = registry.adapters.get(forum.adapter)
    return _masked(adapter_cls.settings_model if adapter_cls else None, forum.adapter_settings)


def _masked(model: Any, values: dict[str, Any]) -> dict[str, Any]:
    hidden = secret_fields(model) if model is not None else set()
    return {k: (MASK if k in hidden and v else v) for k, v in values.items()}


def create_forum(
    session: Session,
    registry: Registry,
    *,
    slug: str,
    adapter: str,
    name: str | None,
    adapter_settings: dict[str, Any] | None,
    actor: str,
    now: datetime,
    outbound: OutboundPolicy | None = None,
) -> Forum:
    if not SLUG.match(slug):
        raise Unprocessable(
            "slug: use 1 to 63 lower-case letters, digits and hyphens, starting with a letter "
            "or digit"
        )
    if repo.by_slug(session, slug) is not None:
        raise Conflict(f"a forum {slug!r} already exists")
    adapter_cls = registry.adapters.get(adapter)
    if adapter_cls is None:
        raise Unprocessable(
            f"adapter: {adapter!r} is not installed; choose from {sorted(registry.adapters)}"
        )
    settings = validate(
        adapter_cls.settings_model, adapter_settings or {}, where=("body", "adapter_settings"),
        outbound=outbound,
    )
    forum = Forum(
        slug=slug, name=name or slug, adapter=adapter, adapter_settings=settings,
        webhook_secret=adapter_cls.new_webhook_secret(), member_secret=new_secret(),
        created_at=now,
    )
    session.add(forum)
    session.flush()
    audit.record(
        session, forum_id=forum.id, actor=actor, action="forum.create", subject=slug, at=now,
        after={"adapter": adapter, "name": forum.name,
               "adapter_settings": _masked(adapter_cls.settings_model, settings)},
    )
    return forum


def rotate_webhook_secret(
    session: Session, registry: Registry, forum: Forum, *, actor: str, now: datetime
) -> Forum:
    """Issue the forum a new webhook secret; the one before still verifies what the platform
    sends for PREVIOUS_SECRET_GRACE, then no more. Only the new one signs."""
    forum.previous_webhook_secret = forum.webhook_secret
    forum.previous_webhook_secret_until = now + PREVIOUS_SECRET_GRACE
    forum.webhook_secret = registry.adapter(forum.adapter).new_webhook_secret()
    session.add(forum)
    audit.record(
        session, forum_id=forum.id, actor=actor, action="forum.rotate_secret",
        subject=forum.slug, at=now,
        after={"previous_secret_accepted_until": forum.previous_webhook_secret_until.isoformat()},
    )
    return forum


def update_adapter_settings(
    session: Session, registry: Registry, forum: Forum, changes: dict[str, Any],
    *, name: str | None, actor: str, now: datetime, outbound: OutboundPolicy | None = None,
    locale: str | None = None, timezone: str | None = None,
) -> Forum:
    adapter_cls = registry.adapter(forum.adapter)
    model = adapter_cls.settings_model
    before = {"name": forum.name, "adapter_settings": _masked(model, forum.adapter_settings),
              "locale": forum.locale, "timezone": forum.timezone}
    speech = _speech(locale, timezone)
    # A form that showed a secret masked sends the mask back: that means "unchanged".
    changes = {k: v for k, v in changes.items()
               if not (k in secret_fields(model) and v == MASK)}
    forum.adapter_settings = validate(
        adapter_cls.settings_model, {**forum.adapter_settings, **changes},
        where=("body", "adapter_settings"), outbound=outbound,
    )
    if name is not None:
        forum.name = name
    forum.locale = speech.get("locale", forum.locale)
    forum.timezone = speech.get("timezone", forum.timezone)
    session.add(forum)
    audit.record(
        session, forum_id=forum.id, actor=actor, action="forum.update", subject=forum.slug,
        at=now, before=before,
        after={"name": forum.name,
               "adapter_settings": _masked(model, forum.adapter_settings),
               "locale": forum.locale, "timezone": forum.timezone},
    )
    return forum


def _speech(locale: str | None, timezone: str | None) -> dict[str, str]:
    """The forum's locale and time zone as given, checked (422 naming the field)."""
    found: dict[str, str] = {}
    problems = []
    for name, value, check in (("locale", locale, normal_locale),
                               ("timezone", timezone, valid_zone)):
        if value is None:
            continue
        try:
            found[name] = check(value)
        except ValueError as exc:
            problems.append({"loc": ["body", name], "type": "value_error", "msg": str(exc)})
    if problems:
        raise Unprocessable(problems)
    return found

def set_plugin(
    session: Session, registry: Registry, forum: Forum, name: str,
    *, enabled: bool | None, settings: dict[str, Any] | None, actor: str, now: datetime,
    outbound: OutboundPolicy | None = None,
) -> ForumPlugin:
    plugin = registry.plugin(name)
    if plugin is None:
        raise NotFound(f"no plugin {name!r}; installed: {sorted(registry.plugins)}")
    assert forum.id is not None
    row = repo.plugin_row(session, forum.id, name)
    before = None
    if row is None:
        row = ForumPlugin(
            forum_id=forum.id, plugin=name, enabled=plugin.enabled_by_default, settings={},
            updated_at=now,
        )
    else:
        before = {"enabled": row.enabled, "settings": row.settings}
    if settings is not None:
        row.settings = validate(plugin.settings_model, settings, where=("body", "settings"),
                                outbound=outbound)
    if enabled is not None:
        row.enabled = enabled
    row.updated_at = now
    session.add(row)
    audit.record(
        session, forum_id=forum.id, actor=actor, action="plugin.update", subject=name, at=now,
        before=before, after={"enabled": row.enabled, "settings": row.settings},
    )
    return row


def plugin_states(
    session: Session, registry: Registry, forum: Forum
) -> list[dict[str, Any]]:
    assert forum.id is not None
    states = []
    for name in sorted(registry.plugins):
        plugin = registry.plugins[name]
        row = repo.plugin_row(session, forum.id, name)
        settings = plugin_settings(plugin, row.settings if row else {})
        states.append(
            {
                "name": name, "title": plugin.title, "description": plugin.description,
                "enabled": row.enabled if row else plugin.enabled_by_default,
                "settings": settings.model_dump(mode="json"),
                "schema": settings_schema(plugin.settings_model),
            }
        )
    return states


@functools.cache
def _schema(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema())


def settings_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of a plugin's settings, made once a process (pydantic takes
    milliseconds to make it); a fresh copy each call, for the caller to keep."""
    return json.loads(_schema(model))  # type: ignore[no-any-return]


def validate(
    model: Any, values: dict[str, Any], *, where: tuple[str, ...],
    outbound: OutboundPolicy | None = None,
) -> dict[str, Any]:
    """Settings as the model keeps them, or 422 naming each bad field under `where`.

    URLs the settings hold pass the outbound address policy (`outbound`, the process's
    policy; without it, the policy with no operator allowances).
    """
    context = {CONTEXT_KEY: outbound or OutboundPolicy()}
    try:
        return model.model_validate(values, context=context).model_dump(mode="json")
    except ValidationError as exc:
        raise Unprocessable(
            [
                {"loc": [*where, *e["loc"]], "msg": e["msg"], "type": e["type"]}
                for e in exc.errors()
            ]
        ) from exc
