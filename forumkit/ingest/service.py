"""Apply a batch of events: record each once, update the mirror, run the plugins, queue actions.

Everything happens in the caller's transaction, so a batch lands whole or not at all.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from forumkit.clock import as_utc
from forumkit.db import insert_missing, insert_once
from forumkit.events import (
    CategoryUpdated,
    Event,
    MemberCreated,
    MemberDeleted,
    MemberUpdated,
    PostCreated,
    PostDeleted,
    PostEdited,
    PostHidden,
    PostRestored,
    PostUnhidden,
    ReactionAdded,
    ReactionRemoved,
    ThreadUpdated,
)
from forumkit.forums.models import Forum
from forumkit.identity import member_key
from forumkit.ingest.models import IngestedEvent, WebhookReceipt
from forumkit.mirror import batch as batch_rows
from forumkit.mirror import categories
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror import service as mirror
from forumkit.mirror.batch import BatchRows
from forumkit.outbox import service as outbox
from forumkit.plugin import Applied, Batch
from forumkit.registry import Registry

log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    applied: int = 0
    duplicates: int = 0


def ingest(
    session: Session, forum: Forum, events: list[Event], registry: Registry, now: datetime,
    importing: bool = False,
) -> IngestResult:
    """Apply the events not seen before, in order; each plugin then handles them together.

    A member.deleted divides the batch: what came before it is applied and handled, then the
    member is erased, then what follows is applied. Events naming a member whose account was
    deleted (in this batch or before) are acknowledged and change nothing.

    `importing`: history. The mirror and what plugins keep (labels, modes) are updated, its
    posts are marked imported, and whatever the plugins ask to send is dropped here, so an
    import never messages a member or alerts a moderator."""
    assert forum.id is not None
    fresh = _record_once(session, forum, events, now)
    secret = forum.member_secret
    erased = mirror_repo.erased_keys(
        session, forum.id, (key for e in fresh if (key := _key_named(secret, e)) is not None))
    applied = 0
    for part in _runs(fresh):
        if isinstance(part, MemberDeleted):
            mirror.erase_member(session, forum, part.member.id, registry)
            key = member_key(secret, part.member.id)
            mirror_repo.remember_erased(session, forum.id, key, now)
            session.flush()
            erased.add(key)
            applied += 1
            continue
        kept = [e for e in part if _key_named(secret, e) not in erased]
        applied += _apply(session, forum, kept, registry, now, importing)
    result = IngestResult(applied=applied, duplicates=len(events) - applied)
    log.info(
        "ingested batch",
        extra={"forum": forum.slug, "applied": result.applied, "duplicates": result.duplicates},
    )
    return result


def _key_named(secret: str, event: Event) -> str | None:
    named = batch_rows.member_named(event)
    return None if named is None else member_key(secret, named)


def _runs(events: list[Event]) -> Iterator[list[Event] | MemberDeleted]:
    """The events in order: each member.deleted alone, the others in runs between them."""
    run: list[Event] = []
    for event in events:
        if isinstance(event, MemberDeleted):
            if run:
                yield run
            run = []
            yield event
        else:
            run.append(event)
    if run:
        yield run


def _apply(
    session: Session, forum: Forum, events: list[Event], registry: Registry, now: datetime,
    importing: bool,
) -> int:
    """Apply a run of events to the mirror and hand them to the plugins; how many applied."""
    if not events:
        return 0
    assert forum.id is not None
    contexts = registry.contexts(session, forum, now)
    rows = batch_rows.load(session, forum, events, now)
    applied: list[Applied] = []
    for event in events:  # in order: an edit earlier in the batch may supersede a later one
        if not _superseded(rows, event):
            applied.append(apply_event(session, rows, event))
    session.flush()  # the run's changes to the mirror together: rows of a table in one go
    categories.remember(session, forum.id, [item.event for item in applied])
    if importing:
        for item in applied:
            if item.created and item.post is not None:
                item.post.imported = True
                session.add(item.post)
    batch = Batch(applied, importing=importing)
    if batch.items:
        for name, ctx in contexts.items():
            plugin = registry.plugins[name]
            plugin.handle_batch(batch, batch.with_facets_read(plugin, ctx))
            batch.changed_by(plugin)
            if importing:
                ctx.actions.clear()
            outbox.queue_emitted(ctx)
    return len(applied)


def _record_once(
    session: Session, forum: Forum, events: list[Event], now: datetime
) -> list[Event]:
    """The events whose ids this forum has not seen, recorded now in one statement."""
    first: dict[str, Event] = {}
    for event in events:
        first.setdefault(event.id, event)
    inserted = set(insert_missing(session, IngestedEvent, [
        {"forum_id": forum.id, "event_id": e.id, "type": e.type, "received_at": now}
        for e in first.values()
    ], returning=IngestedEvent.event_id))
    return [e for e in first.values() if e.id in inserted]


def _superseded(rows: BatchRows, event: Event) -> bool:
    """An edit older than the content the mirror holds for its post (an edit delivered late,
    or a captured one sent again): it changes nothing. Applied, it would put older thread
    facts back and hand plugins words already replaced."""
    if not isinstance(event, PostEdited):
        return False
    held = rows.post(event.post.id).content_as_of
    return held is not None and as_utc(event.occurred_at) < as_utc(held)


def apply_event(session: Session, rows: BatchRows, event: Event) -> Applied:
    """One event applied to the mirror, as the plugins will see it."""
    body: str | None = None
    if isinstance(event, ThreadUpdated):
        # Plugins see thread facts as an edit of the first post, the way they already read them.
        as_edit = mirror.thread_update_as_post_edit(session, rows, event)
        if as_edit is not None:
            event = as_edit
    if isinstance(event, ThreadUpdated):
        change = mirror.apply_thread_updated(session, rows, event)
    elif isinstance(event, PostCreated | PostEdited):
        if isinstance(event, PostCreated):
            event = mirror.with_pending_thread_fields(session, rows, event)
        change = mirror.apply_post(session, rows, event)
        body = event.post.body
    elif isinstance(event, PostDeleted | PostRestored):
        change = mirror.apply_post_deleted(session, rows, event)
    elif isinstance(event, ReactionAdded | ReactionRemoved):
        change = mirror.MirrorChange(post=rows.post(event.reaction.post_id),
                                     member=rows.member(event.reaction.member_id))
    elif isinstance(event, PostHidden | PostUnhidden):
        change = mirror.apply_post_hidden(session, rows, event)
    elif isinstance(event, MemberCreated):
        change = mirror.apply_member_created(session, rows, event)
    elif isinstance(event, MemberUpdated):
        change = mirror.apply_member_updated(session, rows, event)
    elif isinstance(event, CategoryUpdated):
        change = mirror.MirrorChange()  # its name is kept with the run's (categories.remember)
    else:  # pragma: no cover - the Event union is closed
        raise TypeError(f"unhandled event type {type(event).__name__}")
    return Applied(event=event, post=change.post, thread=change.thread, member=change.member,
                   created=change.created, body=body)


def remember_webhook(session: Session, forum: Forum, message_id: str, now: datetime) -> bool:
    """True the first time a webhook delivery id is seen for this forum."""
    return insert_once(
        session,
        WebhookReceipt,
        {"forum_id": forum.id, "message_id": message_id, "received_at": now},
    )
