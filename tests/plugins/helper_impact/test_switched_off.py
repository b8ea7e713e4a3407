"""Helper impact switched off for a forum: every route and page answers the core's 404, and
its jobs send nothing there (while the other forum carries on)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from forumkit.clock import FrozenClock
from forumkit.db import session_scope
from forumkit.forums.models import Forum
from forumkit.outbox.models import OutboxItem
from forumkit.scheduler import all_jobs, run_job
from tests.support.pages import sign_in
from tests.support.world import World, post_created

OFF = {"detail": "the helper_impact feature is switched off for this forum"}


def _switch_off(world: World) -> None:
    response = world.client.put("/v1/forums/calm/plugins/helper_impact",
                                json={"enabled": False}, headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text


def _helping(world: World, forum: str) -> None:
    world.send([
        post_created("e1", "a1", thread="ta", author="u42", at="2026-01-05T08:00:00Z"),
        post_created("e2", "a2", thread="ta", author="u7", first=False,
                     at="2026-01-06T09:00:00Z"),
    ], forum=forum)


def test_every_helper_impact_route_answers_the_same_404_when_switched_off(
    world: World,
) -> None:
    _helping(world, "calm")
    sent = world.client.post("/v1/forums/calm/feedback", json={"member_id": "u7", "text": "Hi"},
                             headers=world.auth("calm:platform"))
    assert sent.status_code == 201
    _switch_off(world)
    platform, moderator = world.auth("calm:platform"), world.auth("calm:moderator")
    admin, base = world.auth("calm:admin"), "/v1/forums/calm"
    answers = [
        world.client.post(f"{base}/posts/a2/impact-notes",
                          json={"member_id": "u42", "text": "It helped"}, headers=platform),
        world.client.delete(f"{base}/posts/a2/impact-notes/mine?member_id=u42",
                            headers=platform),
        world.client.get(f"{base}/posts/a2/impact-notes", headers=platform),
        world.client.get(f"{base}/members/u7/impact", headers=platform),
        world.client.get(f"{base}/members/u7/impact-preferences", headers=platform),
        world.client.put(f"{base}/members/u7/impact-preferences", json={"digest": False},
                         headers=platform),
        world.client.get(f"{base}/helper-care", headers=moderator),
        world.client.post(f"{base}/feedback", json={"member_id": "u7", "text": "Hello"},
                          headers=platform),
        world.client.get(f"{base}/members/u7/feedback", headers=platform),
        world.client.get(f"{base}/feedback", headers=admin),
        world.client.post(f"{base}/feedback/{sent.json()['id']}/answer",
                          json={"text": "Thank you"}, headers=admin),
    ]
    assert [(a.status_code, a.json()) for a in answers] == [(404, OFF)] * len(answers)
    assert world.client.get("/v1/forums/other/feedback",
                            headers=world.auth("other:admin")).status_code == 200


def test_helper_impact_pages_are_not_found_when_switched_off(world: World) -> None:
    signed_in = sign_in(world.client, world.keys["calm:admin"])
    assert signed_in.status_code == 303
    assert world.client.get("/ui/forums/calm/helper-care").status_code == 200
    assert world.client.get("/ui/forums/calm/feedback").status_code == 200
    _switch_off(world)
    assert world.client.get("/ui/forums/calm/helper-care").status_code == 404
    assert world.client.get("/ui/forums/calm/feedback").status_code == 404
    answered = world.client.post("/ui/forums/calm/feedback/1/answer",
                                 data={"csrf": "x", "answer": "Thanks"},
                                 follow_redirects=False)
    assert answered.status_code == 404


def test_the_digest_sends_nothing_where_helper_impact_is_off(
    world: World, clock: FrozenClock
) -> None:
    _helping(world, "calm")
    _helping(world, "other")
    _switch_off(world)
    clock.set(datetime(2026, 1, 12, 9, 0, tzinfo=UTC))
    for spec in all_jobs(world.services):
        if spec.plugin == "helper_impact":
            run_job(world.services, spec)
    with session_scope(world.services.engine) as session:
        rows = session.exec(
            select(Forum.slug, OutboxItem.payload).join(Forum, Forum.id == OutboxItem.forum_id)
            .where(OutboxItem.kind == "message_member")
        ).all()
        digests = [(slug, payload["topic"]) for slug, payload in rows]
    assert digests == [("other", "helper_impact.digest")]
