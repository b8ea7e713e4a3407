"""Queueing an alert the way a plugin's action reaches the outbox, and reading the outbox."""

from __future__ import annotations

from typing import Any

from forumkit.actions import ALERT, Action
from forumkit.db import session_scope
from forumkit.forums.repository import by_slug
from forumkit.outbox.service import enqueue
from tests.support.world import World


def message(**overrides: Any) -> dict[str, Any]:
    """A typical unanswered-post alert."""
    return {
        "title": "A first post has waited 24 hours for a reply",
        "text": "\"Can't sleep\" in Night owls has no reply yet.",
        "url": "https://forum.example/t/cant-sleep/17",
        "fields": {"Subforum": "Night owls", "Waiting": "24 hours", "First post": True},
        "event": "alert.fired",
        **overrides,
    }


def queue_alert(
    world: World, channel: str, to: dict[str, Any], msg: dict[str, Any] | None = None,
    *, forum: str = "calm",
) -> None:
    # Queued as given, unchecked, the way a row an older release stored may hold it: what is
    # tested is what the channel itself does with a payload it cannot use.
    action = Action.model_construct(
        kind=ALERT, channel=channel, dedupe_key=None,
        payload={"to": to, "message": msg if msg is not None else message()})
    with session_scope(world.services.engine) as session:
        row = by_slug(session, forum)
        assert row is not None
        assert enqueue(session, row, [action], world.services.clock.now()) == 1


def outbox(world: World, status: str | None = None, *, forum: str = "calm") -> list[dict]:
    """What an admin sees at GET /v1/forums/{forum}/outbox."""
    params = {"status": status} if status else {}
    response = world.client.get(
        f"/v1/forums/{forum}/outbox", params=params, headers=world.auth(f"{forum}:admin")
    )
    assert response.status_code == 200, response.text
    return response.json()
