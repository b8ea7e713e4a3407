"""Importing history: a batch with "import": true updates the mirror and labels, marks its
posts imported, and sends nothing: no member message, no alert (now or later), no count
of help or care."""

from __future__ import annotations

from sqlmodel import select

from forumkit.db import session_scope
from forumkit.mirror.models import Post
from forumkit.outbox.models import OutboxItem
from tests.plugins.unanswered.support import advance, alerts, configure
from tests.support.world import World, post_created


def _history() -> list[dict[str, object]]:
    return [
        post_created("h1", "p1", body="I was cutting myself again last night.",
                     content_warnings=["self-harm"]),
        post_created("h2", "p2", thread="t2", author="u8",
                     body="I just want to die and I have the pills ready"),
        post_created("h3", "p3", thread="t3", author="u9", body="My grief is heavy since "
                     "the funeral."),
        post_created("h4", "p4", thread="t2", author="u7", first=False, body="Here for you"),
    ]


def test_an_import_updates_the_mirror_and_labels_and_sends_nothing(world: World) -> None:
    configure(world, {"rule": {"peer_window_minutes": 30, "escalation": []}})
    answer = world.client.post("/v1/forums/calm/events", headers=world.auth("calm:platform"),
                               json={"events": _history(), "import": True})
    assert answer.json() == {"applied": 4, "duplicates": 0}
    labels = world.client.get("/v1/forums/calm/posts/p1/labels",
                              headers=world.auth("calm:platform")).json()
    assert [label["key"] for label in labels["labels"]] == ["self-harm"]
    with session_scope(world.services.engine) as session:
        assert session.exec(select(OutboxItem)).all() == []
        assert all(p.imported for p in session.exec(select(Post)))
    advance(world, hours=2)
    assert alerts(world, state="all") == [], "no alert now or later for imported history"
    impact = world.client.get("/v1/forums/calm/members/u7/impact",
                              headers=world.auth("calm:platform")).json()
    assert impact["replies_given"] == 0, "imported replies are not counted as help given"


def test_events_after_an_import_are_handled_as_usual(world: World) -> None:
    configure(world, {"rule": {"peer_window_minutes": 30, "escalation": []}})
    world.client.post("/v1/forums/calm/events", headers=world.auth("calm:platform"),
                      json={"events": _history()[:1], "import": True})
    world.send([post_created("n1", "p9", thread="t9", author="u5",
                             body="I just want to die and I have the pills ready")])
    assert [a["post_id"] for a in alerts(world, kind="risk")] == ["p9"]
