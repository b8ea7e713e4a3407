"""Helpers for response-mode tests: the forum's platform on a real local receiver, and what
ForumKit queued or delivered to it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import col, select

from forumkit.db import session_scope
from forumkit.outbox.models import OutboxItem
from forumkit.outbox.worker import deliver_due
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created

MINE = ("hide_post", "message_member", "set_thread_replies")


def connect(world: World, url: str, *, pre_check: bool) -> None:
    response = world.client.patch(
        "/v1/forums/calm",
        json={"adapter_settings": {"callback_url": url + "/forumkit", "pre_check": pre_check}},
        headers=world.auth("calm:admin"),
    )
    assert response.status_code == 200, response.text


@pytest.fixture
def platform(world: World) -> Iterator[Receiver]:
    """A platform that cannot ask before it accepts a reply (no pre-check)."""
    with running(Receiver()) as receiver:
        connect(world, receiver.url, pre_check=False)
        yield receiver


@pytest.fixture
def asking_platform(world: World) -> Iterator[Receiver]:
    """A platform that asks /permissions before it accepts a reply."""
    with running(Receiver()) as receiver:
        connect(world, receiver.url, pre_check=True)
        yield receiver


def delivered(world: World, receiver: Receiver, *kinds: str) -> list[dict[str, Any]]:
    """Deliver what is due; the bodies of the callbacks of these kinds, in order."""
    while deliver_due(world.services):
        pass
    wanted = kinds or MINE
    return [r.json() for r in receiver.received if r.json()["type"] in wanted]


def queued(world: World, *kinds: str) -> list[OutboxItem]:
    with session_scope(world.services.engine) as session:
        rows = session.exec(
            select(OutboxItem).where(col(OutboxItem.kind).in_(kinds or MINE))
            .order_by(col(OutboxItem.created_at), col(OutboxItem.id))
        )
        return list(rows)


def diary(world: World, *, thread: str = "t1", author: str = "u42", **fields: Any) -> None:
    """A thread whose first post arrives as a diary post."""
    sent = world.send([post_created(f"e-{thread}", f"{thread}-p1", thread=thread, author=author,
                                    response_mode="diary", **fields)])
    assert sent.status_code == 200, sent.text


def reply(world: World, post: str, *, thread: str = "t1", author: str = "u7",
          at: str = "2026-01-05T03:00:00Z", **fields: Any) -> None:
    sent = world.send([post_created(f"e-{post}", post, thread=thread, author=author,
                                    first=False, at=at, **fields)])
    assert sent.status_code == 200, sent.text


def permissions(world: World, member: str | None, thread: str = "t1",
                **params: Any) -> dict[str, Any]:
    query = {"thread_id": thread, **params}
    if member is not None:
        query["member_id"] = member
    response = world.client.get("/v1/forums/calm/permissions", params=query,
                                headers=world.auth("calm:platform"))
    assert response.status_code == 200, response.text
    return response.json()


def set_mode(world: World, actor: str, mode: str, thread: str = "t1", *,
             key: str = "calm:platform", path: str = "threads", **body: Any) -> Any:
    return world.client.put(
        f"/v1/forums/calm/{path}/{thread}/response-mode",
        json={"actor_id": actor, "mode": mode, **body}, headers=world.auth(key),
    )
