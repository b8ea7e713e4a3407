"""Queries on helper-impact tables: notes, preferences, care notices, digest runs, feedback."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TypeAlias

from sqlalchemy import or_
from sqlmodel import Session, col, delete, select

from forumkit.db import insert_once
from forumkit.mirror.models import Post, visible
from forumkit.plugins.helper_impact import models

Note: TypeAlias = models.HelperImpactNote
Preference: TypeAlias = models.HelperImpactPreference
Notice: TypeAlias = models.HelperImpactCareNotice
DigestRun: TypeAlias = models.HelperImpactDigestRun
Feedback: TypeAlias = models.HelperImpactFeedback


def note_by(session: Session, post_id: int, author_id: int) -> Note | None:
    return session.exec(
        select(Note).where(Note.post_id == post_id, Note.author_id == author_id)
    ).first()


def notes_for_helper(
    session: Session, forum_id: int, helper_id: int, since: datetime, until: datetime
) -> list[Note]:
    return list(session.exec(
        select(Note).join(Post, col(Post.id) == col(Note.post_id))
        .where(col(Note.forum_id) == forum_id, col(Note.helper_id) == helper_id,
               visible(), col(Note.created_at) >= since,
               col(Note.created_at) < until)
        .order_by(col(Note.created_at).desc(), col(Note.id).desc())
    ))


def helpers_with_notes(
    session: Session, forum_id: int, since: datetime, until: datetime
) -> list[int]:
    return list(session.exec(
        select(Note.helper_id).distinct()
        .where(col(Note.forum_id) == forum_id, col(Note.created_at) >= since,
               col(Note.created_at) < until)
    ))


def public_notes(session: Session, post_id: int) -> list[Note]:
    return list(session.exec(
        select(Note).where(Note.post_id == post_id, col(Note.public).is_(True))
        .order_by(col(Note.created_at), col(Note.id))
    ))


def preference(session: Session, member_id: int) -> Preference | None:
    return session.exec(select(Preference).where(Preference.member_id == member_id)).first()


def preferences(session: Session, member_ids: Iterable[int]) -> dict[int, Preference]:
    ids = list(member_ids)
    if not ids:
        return {}
    rows = session.exec(select(Preference).where(col(Preference.member_id).in_(ids)))
    return {p.member_id: p for p in rows}


def latest_notice(session: Session, member_id: int) -> Notice | None:
    return session.exec(
        select(Notice).where(Notice.member_id == member_id)
        .order_by(col(Notice.sent_at).desc()).limit(1)
    ).first()


def notices_since(session: Session, forum_id: int, since: datetime) -> dict[int, datetime]:
    rows = session.exec(
        select(Notice.member_id, Notice.sent_at)
        .where(col(Notice.forum_id) == forum_id, col(Notice.sent_at) >= since)
    )
    latest: dict[int, datetime] = {}
    for member_id, sent_at in rows:
        if member_id not in latest or sent_at > latest[member_id]:
            latest[member_id] = sent_at
    return latest


def record_notice(
    session: Session, *, forum_id: int, member_id: int, window_key: int, threads: int,
    at: datetime,
) -> bool:
    """True when this call recorded it: two processes racing send one message."""
    return insert_once(session, Notice, {
        "forum_id": forum_id, "member_id": member_id, "window_key": window_key,
        "threads": threads, "sent_at": at,
    })


def claim_digest_week(session: Session, forum_id: int, week: str, at: datetime) -> bool:
    return insert_once(session, DigestRun, {
        "forum_id": forum_id, "week": week, "helpers": 0, "ran_at": at,
    })


def digest_run(session: Session, forum_id: int, week: str) -> DigestRun | None:
    return session.exec(
        select(DigestRun).where(DigestRun.forum_id == forum_id, DigestRun.week == week)
    ).first()


def feedback_list(
    session: Session, forum_id: int, *, state: str = "all", member_id: int | None = None,
    limit: int = 200,
) -> list[Feedback]:
    query = select(Feedback).where(Feedback.forum_id == forum_id)
    if member_id is not None:
        query = query.where(Feedback.member_id == member_id)
    if state == "open":
        query = query.where(col(Feedback.answered_at).is_(None))
    elif state == "answered":
        query = query.where(col(Feedback.answered_at).is_not(None))
    return list(session.exec(
        query.order_by(col(Feedback.created_at).desc(), col(Feedback.id).desc()).limit(limit)
    ))


def feedback_item(session: Session, forum_id: int, feedback_id: int) -> Feedback | None:
    item = session.get(Feedback, feedback_id)
    return item if item is not None and item.forum_id == forum_id else None


def erase_member(session: Session, forum_id: int, member_id: int) -> None:
    """Notes they wrote or that were about their replies, their preferences, care notices
    and feedback."""
    session.execute(delete(Note).where(col(Note.forum_id) == forum_id, or_(
        col(Note.author_id) == member_id, col(Note.helper_id) == member_id)))
    for table in (Preference, Notice, Feedback):
        session.execute(delete(table).where(col(table.forum_id) == forum_id,
                                            col(table.member_id) == member_id))
