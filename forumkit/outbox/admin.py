"""What an admin does with the outbox, for the API and the Deliveries page alike: send dead
deliveries again (one, or all matching a filter) and re-enable a destination; each recorded
in the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from forumkit.audit import service as audit
from forumkit.outbox import service as outbox
from forumkit.outbox.models import OutboxDestination, OutboxItem


def retry_matching(
    session: Session, forum_id: int, actor: str, now: datetime, *,
    destination: str | None = None, channel: str | None = None,
    since: datetime | None = None, until: datetime | None = None,
) -> int:
    retried = outbox.retry_dead_matching(session, forum_id, now, destination=destination,
                                         channel=channel, since=since, until=until)
    chosen = {"destination": destination, "channel": channel,
              "since": since.isoformat() if since else None,
              "until": until.isoformat() if until else None}
    audit.record(session, forum_id=forum_id, actor=actor, action="outbox.retry_matching",
                 subject=f"{retried} deliveries", at=now,
                 after={k: v for k, v in chosen.items() if v is not None})
    return retried


def retry_one(session: Session, forum_id: int, actor: str, now: datetime,
              item_id: str) -> OutboxItem | None:
    item = outbox.retry_dead(session, forum_id, item_id, now)
    if item is not None:
        audit.record(session, forum_id=forum_id, actor=actor, action="outbox.retry",
                     subject=item_id, at=now)
    return item


def enable(session: Session, forum_id: int, actor: str, now: datetime,
           key: str) -> OutboxDestination | None:
    state = outbox.enable_destination(session, forum_id, key)
    if state is not None:
        audit.record(session, forum_id=forum_id, actor=actor,
                     action="outbox.destination_enabled", subject=state.label, at=now)
    return state
