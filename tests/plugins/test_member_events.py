"""member.updated changes only the fields sent and keeps no zone or language; the new
events go through the generic adapter's webhook, partial batches and imports."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import select

from forumkit.db import session_scope
from forumkit.models import metadata
from forumkit.outbox.models import OutboxItem
from tests.adapters.generic.test_hooks import _signed
from tests.plugins.unanswered.support import advance, alerts, configure
from tests.support.world import World, post_created


def _member(event_id: str, kind: str, at: str, **member: Any) -> dict[str, Any]:
    return {"id": event_id, "type": f"member.{kind}", "occurred_at": at,
            "member": {"id": "u9", **member}}


def _stored(world: World) -> str:
    with session_scope(world.services.engine) as session:
        return "\n".join(repr(tuple(row)) for table in metadata().metadata.sorted_tables
                         for row in session.execute(text(f'SELECT * FROM "{table.name}"')))


def test_member_updated_changes_only_the_fields_sent(world: World) -> None:
    configure(world, {"rule": {"peer_window_minutes": 60, "escalation": []}})
    world.send([
        _member("m1", "created", "2026-01-05T01:00:00Z", is_staff=True),
        _member("m2", "updated", "2026-01-05T01:30:00Z", timezone="America/Bogota",
                locale="es-CO"),
        post_created("e1", "p1", thread="t1", author="u9"),
    ])
    world.send([_member("m3", "updated", "2026-01-05T02:30:00Z", is_staff=False),
                post_created("e2", "p2", thread="t2", author="u9", at="2026-01-05T02:30:00Z")])
    advance(world, minutes=81)
    # Staff threads are not watched: t1 was written as staff, t2 after they stepped down.
    assert [a["post_id"] for a in alerts(world)] == ["p2"]
    stored = _stored(world)
    assert "America/Bogota" not in stored and "es-CO" not in stored


def test_the_new_events_pass_the_generic_webhook(world: World) -> None:
    body, headers = _signed(world, [
        post_created("e1", "p1"),
        {"id": "e2", "type": "post.hidden", "occurred_at": "2026-01-05T02:20:00Z",
         "post": {"id": "p1", "reason": "spam"}},
        _member("e3", "updated", "2026-01-05T02:20:00Z", is_staff=True),
        _member("e4", "deleted", "2026-01-05T02:21:00Z"),
    ])
    answer = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"applied": 4, "duplicates": 0}


def test_an_import_with_skipped_events_applies_the_new_ones_and_sends_nothing(
    world: World,
) -> None:
    events = [
        post_created("e1", "p1", content_warnings=["self-harm"]),
        post_created("e2", "p2", author="u9", first=False),
        {"id": "e3", "type": "post.hidden", "occurred_at": "2026-01-05T02:20:00Z",
         "post": {"id": "p2", "text": "my private words"}},
        {"id": "e4", "type": "post.unhidden", "occurred_at": "2026-01-05T02:20:00Z",
         "post": {}},
        _member("e5", "updated", "2026-01-05T02:20:00Z", joined_at="2025-01-01T00:00:00Z"),
        _member("e6", "deleted", "2026-01-05T02:21:00Z"),
    ]
    answer = world.client.post("/v1/forums/calm/events?on_invalid=skip",
                               json={"events": events, "import": True},
                               headers=world.auth("calm:platform"))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    # u9's update comes after nothing of theirs was erased yet; the deletion erases them.
    assert (body["applied"], body["duplicates"]) == (5, 0)
    assert [(r["index"], r["id"]) for r in body["rejected"]] == [(3, "e4")]
    assert "my private words" not in answer.text
    with session_scope(world.services.engine) as session:
        assert list(session.exec(select(OutboxItem))) == []
