"""Actions reach the outbox in one statement; a dedupe key already queued, or repeated
among the actions, is queued once."""

from __future__ import annotations

from sqlmodel import select

from forumkit.actions import NOTIFY_MODERATORS, Action
from forumkit.db import session_scope
from forumkit.forums.models import Forum
from forumkit.outbox import service as outbox
from forumkit.outbox.models import OutboxItem
from tests.support.world import World


def _note(text: str, key: str | None) -> Action:
    return Action(kind=NOTIFY_MODERATORS, payload={"text": text}, dedupe_key=key)


def test_repeated_dedupe_keys_are_queued_once_in_one_statement(world: World) -> None:
    now = world.services.clock.now()
    with session_scope(world.services.engine) as session:
        forum = session.exec(select(Forum).where(Forum.slug == "calm")).one()
        assert outbox.enqueue(session, forum, [_note("first", "a")], now) == 1
    with world.statements() as seen, session_scope(world.services.engine) as session:
        forum = session.exec(select(Forum).where(Forum.slug == "calm")).one()
        queued = outbox.enqueue(session, forum, [
            _note("again", "a"), _note("new", "b"), _note("new twice", "b"),
            _note("no key", None), _note("no key either", None)], now)
    assert queued == 3
    assert sum(s.lstrip().upper().startswith("INSERT") for s in seen) == 1
    with session_scope(world.services.engine) as session:
        texts = sorted(row.payload["text"] for row in session.exec(select(OutboxItem)))
    assert texts == ["first", "new", "no key", "no key either"]
