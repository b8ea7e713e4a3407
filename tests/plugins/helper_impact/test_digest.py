"""The weekly digest: once per helper per ISO week, with the clock moved across weeks."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from forumkit.clock import FrozenClock
from forumkit.outbox.worker import deliver_due
from forumkit.scheduler import all_jobs, run_job
from tests.plugins.helper_impact.conftest import Facts, messages
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created


def _run_digest(world: World) -> None:
    """Run the digest job as the scheduler does (it tells the job whose it is)."""
    [spec] = [j for j in all_jobs(world.services) if j.name == "helper_impact.digest"]
    assert spec.plugin == "helper_impact"
    run_job(world.services, spec)


def _reaction(event_id: str, post: str, member: str, kind: str, at: str) -> dict[str, Any]:
    return {"id": event_id, "type": "reaction.added", "occurred_at": at,
            "reaction": {"post_id": post, "member_id": member, "kind": kind}}


def _week_two(world: World) -> None:
    """2026-W02 (5 to 11 January): u7 and u9 help; u5 only writes in their own thread."""
    world.send([
        post_created("e1", "a1", thread="ta", author="u42", at="2026-01-05T08:00:00Z"),
        post_created("e2", "a2", thread="ta", author="u7", first=False,
                     at="2026-01-06T09:00:00Z"),
        post_created("e3", "a3", thread="ta", author="u9", first=False,
                     at="2026-01-06T10:00:00Z"),
        post_created("e4", "b1", thread="tb", author="u5", at="2026-01-07T08:00:00Z"),
        post_created("e5", "b2", thread="tb", author="u5", first=False,
                     at="2026-01-07T09:00:00Z"),
        _reaction("r1", "a2", "u42", "thank_you", "2026-01-06T12:00:00Z"),
        _reaction("r2", "a2", "u42", "this_helped", "2026-01-06T12:00:00Z"),
    ])


def _digests(world: World) -> list[dict[str, Any]]:
    return messages(world, "helper_impact.digest")


def test_digests_go_out_once_a_week_after_the_send_time(
    world: World, facts: Facts, clock: FrozenClock
) -> None:
    _week_two(world)
    world.client.put("/v1/forums/calm/members/u9/impact-preferences", json={"digest": False},
                     headers=world.auth("calm:platform"))
    clock.set(datetime(2026, 1, 11, 23, 0, tzinfo=UTC))  # still week 2
    _run_digest(world)
    clock.set(datetime(2026, 1, 12, 8, 59, tzinfo=UTC))  # Monday of week 3, before 09:00
    _run_digest(world)
    assert _digests(world) == []

    clock.set(datetime(2026, 1, 12, 9, 0, tzinfo=UTC))
    _run_digest(world)
    [digest] = _digests(world)  # u7 only: u9 opted out, u5 helped nobody else
    payload = digest["payload"]
    assert payload["about_post_id"] == "a2"
    assert payload["week"] == "2026-W02"
    assert payload["summary"] == {"replies_given": 1, "threads_supported": 1,
                                  "people_helped": 1, "reactions_total": 2, "impact_notes": 0}
    assert payload["text"].startswith("Your week on Calm (2026-W02).")
    assert "You replied 1 time in 1 thread started by other people." in payload["text"]
    assert "🙏 Thank you × 1, 💡 This helped × 1" in payload["text"]
    assert digest["dedupe_key"].endswith(":2026-W02")

    clock.set(datetime(2026, 1, 14, 9, 0, tzinfo=UTC))
    _run_digest(world)
    _run_digest(world)
    assert len(_digests(world)) == 1  # once per week, however often the job runs


def test_the_next_week_brings_the_next_digest_with_only_that_weeks_news(
    world: World, facts: Facts, clock: FrozenClock
) -> None:
    _week_two(world)
    clock.set(datetime(2026, 1, 12, 10, 0, tzinfo=UTC))
    _run_digest(world)
    world.send([
        post_created("e9", "c1", thread="tc", author="u3", at="2026-01-13T08:00:00Z"),
        post_created("e10", "c2", thread="tc", author="u7", first=False,
                     at="2026-01-13T09:00:00Z"),
        post_created("e11", "c3", thread="tc", author="u7", first=False,
                     at="2026-01-14T09:00:00Z"),
    ])
    clock.set(datetime(2026, 1, 13, 10, 0, tzinfo=UTC))
    assert world.client.post("/v1/forums/calm/posts/c2/impact-notes", json={
        "member_id": "u3", "text": "Your list of small steps got me out of bed"},
        headers=world.auth("calm:platform")).status_code == 201
    clock.set(datetime(2026, 1, 19, 9, 30, tzinfo=UTC))
    _run_digest(world)
    digests = sorted(_digests(world),
                     key=lambda d: (d["payload"]["week"], d["payload"]["about_post_id"]))
    assert [(d["payload"]["week"], d["payload"]["about_post_id"]) for d in digests] == [
        ("2026-W02", "a2"), ("2026-W02", "a3"), ("2026-W03", "c3")]
    latest = digests[-1]["payload"]
    assert latest["summary"] == {"replies_given": 2, "threads_supported": 1,
                                 "people_helped": 1, "reactions_total": 0, "impact_notes": 1}
    assert "“Your list of small steps got me out of bed”" in latest["text"]


def test_the_forum_chooses_the_day_and_hour_or_turns_digests_off(
    world: World, facts: Facts, clock: FrozenClock
) -> None:
    admin = world.auth("calm:admin")
    world.client.put("/v1/forums/calm/plugins/helper_impact",
                     json={"settings": {"digest_weekday": 3, "digest_hour": 18}}, headers=admin)
    _week_two(world)
    clock.set(datetime(2026, 1, 14, 17, 0, tzinfo=UTC))  # Wednesday 17:00
    _run_digest(world)
    assert _digests(world) == []
    clock.set(datetime(2026, 1, 14, 18, 0, tzinfo=UTC))
    _run_digest(world)
    assert len(_digests(world)) == 2

    world.client.put("/v1/forums/calm/plugins/helper_impact",
                     json={"settings": {"digest_enabled": False}}, headers=admin)
    world.send([post_created("e9", "c2", thread="ta", author="u7", first=False,
                             at="2026-01-15T09:00:00Z")])
    clock.set(datetime(2026, 1, 21, 12, 0, tzinfo=UTC))
    _run_digest(world)
    assert len(_digests(world)) == 2


def test_no_digests_where_the_plugin_is_off(
    world: World, facts: Facts, clock: FrozenClock
) -> None:
    world.client.put("/v1/forums/calm/plugins/helper_impact", json={"enabled": False},
                     headers=world.auth("calm:admin"))
    _week_two(world)
    clock.set(datetime(2026, 1, 12, 10, 0, tzinfo=UTC))
    _run_digest(world)
    assert _digests(world) == []


def test_a_digest_is_delivered_to_the_forum_through_its_adapter(
    world: World, facts: Facts, clock: FrozenClock
) -> None:
    _week_two(world)
    world.client.put("/v1/forums/calm/members/u9/impact-preferences", json={"digest": False},
                     headers=world.auth("calm:platform"))
    with running(Receiver()) as receiver:
        world.client.patch("/v1/forums/calm",
                           json={"adapter_settings": {"callback_url": receiver.url + "/fk"}},
                           headers=world.auth("calm:admin"))
        clock.set(datetime(2026, 1, 12, 9, 5, tzinfo=UTC))
        _run_digest(world)
        deliver_due(world.services)
        sent = [r.json() for r in receiver.received if r.json()["type"] == "message_member"]
    [digest] = sent
    assert digest["data"]["about_post_id"] == "a2"
    assert digest["data"]["topic"] == "helper_impact.digest"
    assert "Thank you for being here for others." in digest["data"]["text"]


def test_workers_running_the_digest_at_once_send_each_helper_one(
    world: World, facts: Facts, clock: FrozenClock
) -> None:
    _week_two(world)
    clock.set(datetime(2026, 1, 12, 9, 0, tzinfo=UTC))
    start = threading.Barrier(3)

    def worker() -> None:
        start.wait()
        _run_digest(world)

    workers = [threading.Thread(target=worker) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=30)
    assert sorted(d["payload"]["about_post_id"] for d in _digests(world)) == ["a2", "a3"]


def test_thanks_on_a_members_own_threads_are_support_received_not_help_given(
    world: World, facts: Facts, clock: FrozenClock
) -> None:
    _week_two(world)
    world.send([
        _reaction("r3", "b1", "u42", "thank_you", "2026-01-07T12:00:00Z"),  # u5's own thread
        post_created("e6", "c1", thread="tc", author="u7", at="2026-01-08T08:00:00Z"),
        _reaction("r4", "c1", "u9", "thank_you", "2026-01-08T12:00:00Z"),  # u7's own thread
    ])
    clock.set(datetime(2026, 1, 12, 9, 0, tzinfo=UTC))
    _run_digest(world)
    digests = {d["payload"]["about_post_id"]: d["payload"] for d in _digests(world)}
    assert "b1" not in digests and "b2" not in digests, "u5 helped nobody else"
    mine = next(p for p in digests.values() if p["summary"]["replies_given"] == 1
                and p["summary"]["reactions_total"] == 2)
    assert mine["summary"]["people_helped"] == 1  # u42, not u9 who thanked u7's own thread
    assert "Your replies were thanked 2 times" in mine["text"]
    assert "Others also sent support on your own threads" in mine["text"]


def test_a_helper_told_to_look_after_themselves_gets_no_count_that_week(
    world: World, facts: Facts, clock: FrozenClock
) -> None:
    facts.labels = {"h1": ["suicide"], "h2": ["self-harm"], "h3": ["suicide"]}
    world.send([post_created(f"f-{t}", t, thread=f"t-{t}", author=f"asker-{t}",
                             at="2026-01-06T08:00:00Z") for t in ("h1", "h2", "h3")])
    world.send([post_created(f"r-{t}", f"r{t}", thread=f"t-{t}", author="u7", first=False,
                             at=f"2026-01-06T1{i}:00:00Z")
                for i, t in enumerate(("h1", "h2", "h3"))])
    assert len(messages(world, "helper_care")) == 1
    clock.set(datetime(2026, 1, 12, 9, 0, tzinfo=UTC))
    _run_digest(world)
    assert _digests(world) == []
