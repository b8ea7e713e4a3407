"""Subforum names: what the platform calls each `category_id`, for moderators' alerts.

A platform may send `category_name` beside `category_id` on a post or a thread, or the name
alone in a `category.updated` (a subforum created or renamed). The newest name per subforum
is kept (by the time of the event that sent it); a subforum the platform
never named has no row, and alerts name it by its id.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from forumkit.clock import as_utc
from forumkit.db import insert_missing
from forumkit.events import (
    CategoryUpdated,
    Event,
    PostCreated,
    PostEdited,
    PostFields,
    ThreadFields,
    ThreadUpdated,
)
from forumkit.mirror.models import CategoryName


def _named(event: Event) -> tuple[str, str] | None:
    """(category_id, name) when the event names its subforum."""
    fields: PostFields | ThreadFields
    if isinstance(event, CategoryUpdated):
        return event.category.id, event.category.name
    if isinstance(event, PostCreated | PostEdited):
        fields = event.post
    elif isinstance(event, ThreadUpdated):
        fields = event.thread
    else:
        return None
    if fields.category_id is None or fields.category_name is None:
        return None
    return fields.category_id, fields.category_name


def remember(session: Session, forum_id: int, events: Iterable[Event]) -> None:
    """Keep the newest name each subforum was given in these events.

    Rows are made and locked in the order of their ids, after the batch's members, threads
    and posts (forumkit/mirror/batch.py), so concurrent batches wait rather than deadlock.
    """
    newest: dict[str, tuple[datetime, str]] = {}
    for event in events:
        named = _named(event)
        if named is None:
            continue
        category, name = named
        at = as_utc(event.occurred_at)
        held = newest.get(category)
        if held is None or at >= held[0]:  # the same moment: the later in the batch wins
            newest[category] = (at, name)
    if not newest:
        return
    wanted = sorted(newest)
    insert_missing(session, CategoryName, [
        {"forum_id": forum_id, "category_id": c, "name": newest[c][1],
         "updated_at": newest[c][0]} for c in wanted
    ])
    rows = session.exec(
        select(CategoryName)
        .where(CategoryName.forum_id == forum_id, col(CategoryName.category_id).in_(wanted))
        .order_by(col(CategoryName.category_id)).with_for_update()
        .execution_options(populate_existing=True)
    )
    for row in rows:
        at, name = newest[row.category_id]
        if at >= as_utc(row.updated_at) and (row.name, as_utc(row.updated_at)) != (name, at):
            row.name, row.updated_at = name, at
            session.add(row)
    session.flush()


def names(session: Session, forum_id: int, category_ids: Iterable[str | None]) -> dict[str, str]:
    """The names of those of these subforums the platform has named, by id."""
    wanted = sorted({c for c in category_ids if c is not None})
    if not wanted:
        return {}
    rows = session.exec(select(CategoryName.category_id, CategoryName.name).where(
        CategoryName.forum_id == forum_id, col(CategoryName.category_id).in_(wanted)))
    return dict(rows.all())


def name_of(session: Session, forum_id: int, category_id: str | None) -> str | None:
    return names(session, forum_id, [category_id]).get(category_id or "")


def all_names(session: Session, forum_id: int) -> dict[str, str]:
    """Every subforum of the forum the platform has named, by id."""
    rows = session.exec(select(CategoryName.category_id, CategoryName.name)
                        .where(CategoryName.forum_id == forum_id))
    return dict(rows.all())
