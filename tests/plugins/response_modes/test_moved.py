"""A thread moved to another subforum (thread.updated) takes that subforum's mode, unless
its author chose one; unanswered-post alerts follow the mode it has when they fall due."""

from __future__ import annotations

from typing import Any

from tests.plugins.unanswered.support import advance, alerts, configure
from tests.support.world import World, post_created


def _moved(event_id: str, thread: str, category: str, at: str) -> dict[str, Any]:
    return {"id": event_id, "type": "thread.updated", "occurred_at": at,
            "thread": {"id": thread, "category_id": category}}


def _mode(world: World, thread: str) -> str:
    response = world.client.get(f"/v1/forums/calm/threads/{thread}/response-mode",
                                headers=world.auth("calm:platform"))
    assert response.status_code == 200, response.text
    return str(response.json()["response_mode"])


def test_a_thread_moved_into_the_diary_space_becomes_a_diary_and_back_again(
    world: World,
) -> None:
    configure(world, {"rule": {"peer_window_minutes": 60, "escalation": []}})
    world.client.put("/v1/forums/calm/plugins/response_modes",
                     json={"settings": {"category_modes": {"c-diary": "diary"}}},
                     headers=world.auth("calm:admin"))
    world.send([post_created("e1", "p1", thread="t1", category_id="c-general"),
                post_created("e2", "p2", thread="t2", category_id="c-general",
                             response_mode="reactions_only")])
    world.send([_moved("e3", "t1", "c-diary", "2026-01-05T02:20:00Z"),
                _moved("e4", "t2", "c-diary", "2026-01-05T02:20:00Z")])
    assert _mode(world, "t1") == "diary"
    assert _mode(world, "t2") == "reactions_only"  # its author chose it
    advance(world, minutes=61)
    assert alerts(world) == []  # a diary, and a thread taking reactions only: no alert

    world.send([post_created("e5", "p5", thread="t5", category_id="c-diary")])
    world.send([_moved("e6", "t5", "c-general", "2026-01-05T03:20:00Z")])
    assert _mode(world, "t5") == "open"
