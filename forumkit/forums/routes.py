"""Admin and operator routes: forums, keys, plugin settings, the audit log, the outbox."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from forumkit.audit import service as audit
from forumkit.deps import AdminAccess, AnyKey, OperatorKey, ServicesDep, SessionDep
from forumkit.errors import responses
from forumkit.forums import repository as repo
from forumkit.forums import schemas as s
from forumkit.forums import service
from forumkit.forums.models import Forum
from forumkit.inputs import RowId, Text
from forumkit.keys import service as keys
from forumkit.keys.models import ApiKey
from forumkit.outbox.routes import router as outbox_router
from forumkit.services import Services

router = APIRouter(tags=["admin"])
ERRORS = responses(401, 403, 404, 422)


def forum_out(app: Services, forum: Forum, model: type[s.ForumOut] = s.ForumOut) -> s.ForumOut:
    extra = {"webhook_secret": forum.webhook_secret} if model is s.ForumCreated else {}
    return model(
        slug=forum.slug, name=forum.name, adapter=forum.adapter,
        adapter_settings=service.masked_settings(app.registry, forum),
        created_at=forum.created_at, locale=forum.locale, timezone=forum.timezone,
        webhook_url=f"{app.settings.public_url.rstrip('/')}/v1/hooks/{forum.slug}", **extra,
    )


def key_out(key: ApiKey, slug: str | None, plain: str | None = None) -> s.KeyOut:
    values: dict[str, Any] = dict(
        id=key.id, prefix=key.prefix, scope=key.scope, label=key.label, forum=slug,
        created_at=key.created_at, revoked_at=key.revoked_at,
    )
    return s.KeyCreated(**values, key=plain) if plain else s.KeyOut(**values)


@router.post("/v1/forums", response_model=s.ForumCreated, status_code=201,
             responses=responses(401, 403, 409, 422), summary="Connect a forum (operator)")
def create_forum(body: s.ForumCreate, key: OperatorKey, session: SessionDep,
                 app: ServicesDep) -> s.ForumOut:
    forum = service.create_forum(
        session, app.registry, slug=body.slug, adapter=body.adapter, name=body.name,
        adapter_settings=body.adapter_settings, actor=f"key:{key.id}", now=app.clock.now(),
        outbound=app.outbound,
    )
    return forum_out(app, forum, s.ForumCreated)


@router.get("/v1/forums", response_model=list[s.ForumOut], responses=responses(401),
            summary="Forums this key may see")
def list_forums(key: AnyKey, session: SessionDep, app: ServicesDep) -> list[s.ForumOut]:
    found = repo.all_forums(session)
    return [forum_out(app, f) for f in found if key.forum_id in (None, f.id)]


@router.get("/v1/forums/{forum}", response_model=s.ForumOut, responses=ERRORS)
def get_forum(access: AdminAccess, app: ServicesDep) -> s.ForumOut:
    return forum_out(app, access.forum)


@router.patch("/v1/forums/{forum}", response_model=s.ForumOut, responses=ERRORS,
              summary="Change the forum's name, adapter settings, locale or time zone")
def update_forum(body: s.ForumUpdate, access: AdminAccess, session: SessionDep,
                 app: ServicesDep) -> s.ForumOut:
    forum = service.update_adapter_settings(
        session, app.registry, access.forum, body.adapter_settings, name=body.name,
        locale=body.locale, timezone=body.timezone, actor=access.actor, now=app.clock.now(),
        outbound=app.outbound,
    )
    return forum_out(app, forum)


@router.post("/v1/forums/{forum}/keys", response_model=s.KeyCreated, status_code=201,
             responses=responses(401, 403, 404, 409, 422),
             summary="Make a key for this forum; shown once (at most 50 that work)")
def create_key(body: s.KeyCreate, access: AdminAccess, session: SessionDep,
               app: ServicesDep) -> s.KeyOut:
    assert access.forum.id is not None
    key, plain = keys.issue(session, forum_id=access.forum.id, scope=body.scope,
                            label=body.label, actor=access.actor, now=app.clock.now())
    return key_out(key, access.forum.slug, plain)


@router.get("/v1/forums/{forum}/keys", response_model=list[s.KeyOut], responses=ERRORS)
def list_keys(access: AdminAccess, session: SessionDep) -> list[s.KeyOut]:
    return [key_out(k, access.forum.slug) for k in keys.list_keys(session, access.forum.id)]


@router.delete("/v1/forums/{forum}/keys/{key_id}", response_model=s.KeyOut, responses=ERRORS,
               summary="Revoke a key of this forum")
def revoke_key(key_id: RowId, access: AdminAccess, session: SessionDep,
               app: ServicesDep) -> s.KeyOut:
    assert access.forum.id is not None
    key = keys.withdraw(session, key_id=key_id, forum_id=access.forum.id, actor=access.actor,
                        now=app.clock.now())
    return key_out(key, access.forum.slug)


@router.get("/v1/forums/{forum}/plugins", response_model=list[s.PluginOut], responses=ERRORS,
            summary="Each plugin, on or off, its settings and their JSON Schema")
def list_plugins(access: AdminAccess, session: SessionDep, app: ServicesDep) -> list[s.PluginOut]:
    states = service.plugin_states(session, app.registry, access.forum)
    return [s.PluginOut.model_validate(state) for state in states]


@router.put("/v1/forums/{forum}/plugins/{plugin}", response_model=s.PluginOut,
            responses=ERRORS, summary="Switch a plugin and change its settings")
def update_plugin(plugin: Annotated[Text, Path(max_length=64)], body: s.PluginUpdate,
                  access: AdminAccess, session: SessionDep, app: ServicesDep) -> s.PluginOut:
    service.set_plugin(
        session, app.registry, access.forum, plugin, enabled=body.enabled,
        settings=body.settings, actor=access.actor, now=app.clock.now(),
        outbound=app.outbound,
    )
    session.flush()
    state = next(p for p in service.plugin_states(session, app.registry, access.forum)
                 if p["name"] == plugin)
    return s.PluginOut.model_validate(state)


@router.get("/v1/forums/{forum}/audit", response_model=list[s.AuditOut], responses=ERRORS,
            summary="Who changed what, newest first")
def list_audit(
    access: AdminAccess, session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    before_id: Annotated[RowId | None,
                         Query(description="Page: entries older than this id")] = None,
) -> list[s.AuditOut]:
    assert access.forum.id is not None
    entries = audit.list_entries(session, access.forum.id, limit=limit, before_id=before_id)
    return [s.AuditOut.model_validate(e, from_attributes=True) for e in entries]


# The outbox's own routes (forumkit/outbox/routes.py), served with the other admin routes.
router.include_router(outbox_router)
