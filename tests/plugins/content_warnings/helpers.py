"""Helpers for the content-warning tests: the calls a forum's server would make."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from forumkit.db import session_scope
from forumkit.outbox.models import OutboxItem
from tests.support.world import World


def actions(world: World, kind: str) -> list[dict[str, Any]]:
    """Payloads of queued actions of one kind, oldest first."""
    with session_scope(world.services.engine) as session:
        rows = session.exec(select(OutboxItem).where(OutboxItem.kind == kind)
                            .order_by(col(OutboxItem.created_at), col(OutboxItem.id)))
        return [row.payload for row in rows]


def hints(world: World, reader: str | None, post_ids: list[str], forum: str = "calm") -> Any:
    response = world.client.post(
        f"/v1/forums/{forum}/render-hints", json={"reader_id": reader, "post_ids": post_ids},
        headers=world.auth(f"{forum}:platform"))
    assert response.status_code == 200, response.text
    return response.json()


def put_labels(world: World, post: str, by: str, actor: str, labels: list[str],
               reason: str | None = None) -> Any:
    body: dict[str, Any] = {"by": by, "actor_id": actor, "labels": labels}
    if reason is not None:
        body["reason"] = reason
    return world.client.put(f"/v1/forums/calm/posts/{post}/labels", json=body,
                            headers=world.auth("calm:platform"))


def labels_of(world: World, post: str) -> Any:
    response = world.client.get(f"/v1/forums/calm/posts/{post}/labels",
                                headers=world.auth("calm:platform"))
    assert response.status_code == 200, response.text
    return response.json()


def settings(world: World, **values: Any) -> None:
    response = world.client.put("/v1/forums/calm/plugins/content_warnings",
                                json={"settings": values}, headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text


def prefer(world: World, member: str, labels: dict[str, str]) -> Any:
    response = world.client.put(f"/v1/forums/calm/members/{member}/preferences",
                                json={"labels": labels}, headers=world.auth("calm:platform"))
    assert response.status_code == 200, response.text
    return response.json()
