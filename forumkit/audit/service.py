"""Writing audit entries: one call, inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from forumkit.audit.models import AuditEntry


def record(
    session: Session,
    *,
    forum_id: int | None,
    actor: str,
    action: str,
    at: datetime,
    subject: str = "",
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    entry = AuditEntry(
        forum_id=forum_id, at=at, actor=actor, action=action, subject=subject,
        before=before, after=after,
    )
    session.add(entry)
    return entry


def list_entries(
    session: Session, forum_id: int, *, limit: int = 100, before_id: int | None = None
) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.forum_id == forum_id)
    if before_id is not None:
        query = query.where(col(AuditEntry.id) < before_id)
    return list(session.exec(query.order_by(col(AuditEntry.id).desc()).limit(limit)))


def recent(session: Session, forum_id: int, action: str, since: datetime) -> list[datetime]:
    """When this forum's entries of `action` were made since `since`, oldest first."""
    query = select(AuditEntry.at).where(AuditEntry.forum_id == forum_id,
                                        AuditEntry.action == action,
                                        col(AuditEntry.at) >= since)
    return sorted(session.exec(query))
