"""Helper summaries over periods: replies given, people helped, reactions, notes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.plugins.helper_impact.conftest import Facts
from tests.support.world import World, post_created

IMPACT = "/v1/forums/calm/members/{member}/impact"


def _reaction(event_id: str, post: str, member: str, kind: str, at: str) -> dict[str, Any]:
    return {"id": event_id, "type": "reaction.added", "occurred_at": at,
            "reaction": {"post_id": post, "member_id": member, "kind": kind}}


def _impact(world: World, member: str, **period: str) -> Any:
    return world.client.get(IMPACT.format(member=member), params=period,
                            headers=world.auth("calm:platform"))


def _two_weeks(world: World, clock: Any) -> None:
    """u7 helps in week 1 (from 5 Jan 2026) and again in week 2 (from 12 Jan)."""
    world.send([
        post_created("e1", "a1", thread="ta", author="u42", at="2026-01-05T08:00:00Z"),
        post_created("e2", "a2", thread="ta", author="u7", first=False,
                     at="2026-01-05T09:00:00Z"),
        post_created("e3", "a3", thread="ta", author="u7", first=False,
                     at="2026-01-05T10:00:00Z"),
        post_created("e4", "b1", thread="tb", author="u9", at="2026-01-06T08:00:00Z"),
        post_created("e5", "b2", thread="tb", author="u7", first=False,
                     at="2026-01-06T09:00:00Z"),
        # u7's own thread: replies there are not counted as helping.
        post_created("e6", "c1", thread="tc", author="u7", at="2026-01-06T10:00:00Z"),
        post_created("e7", "c2", thread="tc", author="u7", first=False,
                     at="2026-01-06T11:00:00Z"),
        _reaction("r1", "a2", "u42", "thank_you", "2026-01-05T12:00:00Z"),
        _reaction("r2", "a2", "u42", "this_helped", "2026-01-05T12:00:00Z"),
        _reaction("r3", "b2", "u9", "thank_you", "2026-01-06T12:00:00Z"),
        _reaction("r4", "c1", "u42", "sending_support", "2026-01-06T12:00:00Z"),
        post_created("e8", "d1", thread="td", author="u5", at="2026-01-12T08:00:00Z"),
        post_created("e9", "d2", thread="td", author="u7", first=False,
                     at="2026-01-12T09:00:00Z"),
        _reaction("r5", "d2", "u5", "tried_this", "2026-01-12T12:00:00Z"),
    ])
    clock.set(datetime(2026, 1, 5, 13, 0, tzinfo=UTC))
    assert world.client.post("/v1/forums/calm/posts/a2/impact-notes", json={
        "member_id": "u42", "text": "I slept at last", "anonymous": True,
    }, headers=world.auth("calm:platform")).status_code == 201
    clock.set(datetime(2026, 1, 13, 9, 0, tzinfo=UTC))


def test_summary_for_a_week_counts_replies_people_reactions_and_notes(
    world: World, facts: Facts, clock: Any
) -> None:
    _two_weeks(world, clock)
    week1 = _impact(world, "u7", since="2026-01-05T00:00:00Z", until="2026-01-12T00:00:00Z")
    assert week1.status_code == 200, week1.text
    body = week1.json()
    assert body["replies_given"] == 3  # a2, a3, b2; not c2 in their own thread
    assert body["threads_supported"] == 2
    assert body["people_helped"] == 2  # u42 and u9
    assert body["reactions"] == [
        {"key": "thank_you", "emoji": "🙏", "words": "Thank you", "count": 2},
        {"key": "this_helped", "emoji": "💡", "words": "This helped", "count": 1},
    ]
    assert body["reactions_total"] == 3
    assert body["support_received"] == 1  # c1 in their own thread: support, not help given
    [note] = body["impact_notes"]
    assert note["text"] == "I slept at last" and note["anonymous"] is True
    assert note["from_post_id"] is None


def test_a_different_period_gives_that_periods_figures(
    world: World, facts: Facts, clock: Any
) -> None:
    _two_weeks(world, clock)
    week2 = _impact(world, "u7", since="2026-01-12T00:00:00Z", until="2026-01-19T00:00:00Z")
    body = week2.json()
    assert body["replies_given"] == 1
    assert body["people_helped"] == 1
    assert [(k["key"], k["count"]) for k in body["reactions"]] == [("tried_this", 1)]
    assert body["impact_notes"] == []

    default = _impact(world, "u7").json()  # the last 7 days up to now (13 Jan, 09:00)
    assert default["since"].startswith("2026-01-06T09:00:00")
    assert default["replies_given"] == 2  # b2 (6 Jan 09:00) and d2


def test_summary_of_a_member_with_nothing_is_all_zero(world: World, facts: Facts) -> None:
    body = _impact(world, "never-posted").json()
    assert body["replies_given"] == 0 and body["people_helped"] == 0
    assert body["reactions"] == [] and body["impact_notes"] == []


def test_a_deleted_reply_no_longer_counts(world: World, facts: Facts, clock: Any) -> None:
    _two_weeks(world, clock)
    world.send([{"id": "del", "type": "post.deleted", "occurred_at": "2026-01-13T10:00:00Z",
                 "post": {"id": "a2"}}])
    body = _impact(world, "u7", since="2026-01-05T00:00:00Z",
                   until="2026-01-12T00:00:00Z").json()
    assert body["replies_given"] == 2
    assert body["reactions_total"] == 1  # b2's thank you (c1's is support received)
    assert body["impact_notes"] == []


def test_a_period_must_run_forwards_and_be_at_most_a_year(world: World, facts: Facts) -> None:
    backwards = _impact(world, "u7", since="2026-02-01T00:00:00Z",
                        until="2026-01-01T00:00:00Z")
    assert backwards.status_code == 422
    assert backwards.json()["detail"][0]["msg"] == "since must be before until"
    too_long = _impact(world, "u7", since="2024-01-01T00:00:00Z",
                       until="2026-01-01T00:00:00Z")
    assert too_long.status_code == 422
    no_zone = _impact(world, "u7", since="2026-01-01T00:00:00")
    assert no_zone.status_code == 422


def test_a_reply_a_moderator_hid_counts_as_no_help_until_shown_again(
    world: World, facts: Facts, clock: Any
) -> None:
    _two_weeks(world, clock)
    week1 = {"since": "2026-01-05T00:00:00Z", "until": "2026-01-12T00:00:00Z"}
    world.send([{"id": "h1", "type": "post.hidden", "occurred_at": "2026-01-13T08:00:00Z",
                 "post": {"id": "a2", "reason": "spam"}}])
    body = _impact(world, "u7", **week1).json()
    assert body["replies_given"] == 2  # a3, b2
    assert [(k["key"], k["count"]) for k in body["reactions"]] == [("thank_you", 1)]  # on b2
    assert body["impact_notes"] == []  # the note was on a2
    world.send([{"id": "h2", "type": "post.unhidden", "occurred_at": "2026-01-13T08:30:00Z",
                 "post": {"id": "a2"}}])
    body = _impact(world, "u7", **week1).json()
    assert body["replies_given"] == 3 and body["reactions_total"] == 3
    assert len(body["impact_notes"]) == 1
