"""Apply a batch of events: record each once, update the mirror, run the plugins, queue actions.

Everything happens in the caller's transaction, so a batch lands whole or not at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from forumkit.actions import Action
from forumkit.context import PluginContext
from forumkit.db import insert_once
from forumkit.events import (
    Event,
    MemberCreated,
    PostCreated,
    PostDeleted,
    PostEdited,
    PostRestored,
    ReactionAdded,
    ReactionRemoved,
    ThreadUpdated,
)
from forumkit.forums.models import Forum
from forumkit.ingest.models import IngestedEvent, WebhookReceipt
from forumkit.mirror import service as mirror
from forumkit.outbox import service as outbox
from forumkit.plugin import EventContext
from forumkit.registry import Registry

log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    applied: int = 0
    duplicates: int = 0


def ingest(
    session: Session, forum: Forum, events: list[Event], registry: Registry, now: datetime
) -> IngestResult:
    assert forum.id is not None
    contexts = registry.contexts(session, forum, now)
    result = IngestResult()
    for event in events:
        fresh = insert_once(
            session,
            IngestedEvent,
            {"forum_id": forum.id, "event_id": event.id, "type": event.type, "received_at": now},
        )
        if not fresh:
            result.duplicates += 1
            continue
        actions = apply_event(session, forum, event, registry, contexts, now)
        outbox.enqueue(session, forum, actions, now)
        result.applied += 1
    log.info(
        "ingested batch",
        extra={"forum": forum.slug, "applied": result.applied, "duplicates": result.duplicates},
    )
    return result


def apply_event(
    session: Session,
    forum: Forum,
    event: Event,
    registry: Registry,
    contexts: dict[str, PluginContext[Any]],
    now: datetime,
) -> list[Action]:
    body: str | None = None
    if isinstance(event, ThreadUpdated):
        # Plugins see thread facts as an edit of the first post, the way they already read them.
        as_edit = mirror.thread_update_as_post_edit(session, forum, event)
        if as_edit is not None:
            event = as_edit
    if isinstance(event, ThreadUpdated):
        change = mirror.apply_thread_updated(session, forum, event)
    elif isinstance(event, PostCreated | PostEdited):
        if isinstance(event, PostCreated):
            event = mirror.with_pending_thread_fields(session, forum, event)
        change = mirror.apply_post(session, forum, event)
        body = event.post.body
    elif isinstance(event, PostDeleted | PostRestored):
        change = mirror.apply_post_deleted(session, forum, event)
    elif isinstance(event, ReactionAdded | ReactionRemoved):
        post = mirror.reacted_post(session, forum, event.reaction.post_id)
        reactor = mirror.member_of(session, forum, event.reaction.member_id, now)
        change = mirror.MirrorChange(post=post, member=reactor)
    elif isinstance(event, MemberCreated):
        change = mirror.apply_member_created(session, forum, event)
    else:  # pragma: no cover - the Event union is closed
        raise TypeError(f"unhandled event type {type(event).__name__}")

    actions: list[Action] = []
    for name, plugin_ctx in contexts.items():
        ctx = EventContext(
            plugin=name, forum=forum, settings=plugin_ctx.settings, session=session,
            facets=plugin_ctx.facets, now=now, capabilities=plugin_ctx.capabilities,
            post=change.post, thread=change.thread, member=change.member,
            created=change.created, body=body,
        )
        actions.extend(registry.plugins[name].handle(event, ctx))
        actions.extend(ctx.actions)
    return actions


def remember_webhook(session: Session, forum: Forum, message_id: str, now: datetime) -> bool:
    """True the first time a webhook delivery id is seen for this forum."""
    return insert_once(
        session,
        WebhookReceipt,
        {"forum_id": forum.id, "message_id": message_id, "received_at": now},
    )
