"""Helper care: many high-risk threads in a short time bring one gentle message per window,
and moderators see who may be carrying too much."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.plugins.helper_impact.conftest import Facts, messages
from tests.support.world import World, post_created

T0 = datetime(2026, 1, 5, 20, 0, tzinfo=UTC)
LOOKED_AFTER = "A moderator is looking after this thread."


def _at(hours: float) -> str:
    return (T0 + timedelta(hours=hours)).isoformat()


def _threads(world: World, facts: Facts) -> None:
    facts.labels = {"h1": ["suicide"], "h2": ["self-harm"], "h3": ["suicide", "grief"],
                    "h4": ["self-harm"], "q1": ["grief"]}
    facts.statuses = {"t-h1": LOOKED_AFTER}
    world.send([
        post_created(f"first-{t}", t, thread=f"t-{t}", author=f"asker-{t}", at=_at(-1),
                     title=f"Thread {t}")
        for t in ("h1", "h2", "h3", "h4", "q1")
    ])


def _reply(world: World, n: int, thread: str, hours: float, author: str = "u7",
           **fields: Any) -> None:
    response = world.send([post_created(f"reply-{n}", f"r{n}", thread=f"t-{thread}",
                                        author=author, first=False, at=_at(hours), **fields)])
    assert response.status_code == 200, response.text


def test_the_third_high_risk_thread_in_a_day_brings_one_gentle_message(
    world: World, facts: Facts
) -> None:
    _threads(world, facts)
    _reply(world, 1, "h1", 0)
    _reply(world, 2, "h2", 1)
    _reply(world, 3, "q1", 1.5)  # not high-risk
    _reply(world, 4, "h1", 1.7)  # the same thread again
    assert messages(world, "helper_care") == []
    _reply(world, 5, "h3", 2)
    [message] = messages(world, "helper_care")
    payload = message["payload"]
    assert payload["about_post_id"] == "r5"  # reaches u7
    assert payload["text"].startswith("Thank you for being there for people")
    assert "the moderators can see these threads and can step in" in payload["text"]
    assert "looking after these threads" not in payload["text"], "nobody has claimed them"
    assert f"• Thread h1: {LOOKED_AFTER}" in payload["text"]
    assert "• Thread h2: The moderators can see this thread and can step in." in payload["text"]
    assert [t["thread_id"] for t in payload["threads"]] == ["t-h3", "t-h1", "t-h2"]
    assert "Thread q1" not in payload["text"]

    _reply(world, 6, "h4", 3)  # still in the same window: no second message
    assert len(messages(world, "helper_care")) == 1


def test_after_the_window_a_new_run_of_high_risk_replies_brings_a_new_message(
    world: World, facts: Facts
) -> None:
    _threads(world, facts)
    for n, (thread, hours) in enumerate([("h1", 0), ("h2", 1), ("h3", 2)], start=1):
        _reply(world, n, thread, hours)
    assert len(messages(world, "helper_care")) == 1
    _reply(world, 4, "h1", 27)
    _reply(world, 5, "h2", 28)
    assert len(messages(world, "helper_care")) == 1  # two threads since the first run
    _reply(world, 6, "h4", 26.5)  # arrives late, and completes a new run of three
    later = messages(world, "helper_care")
    assert sorted(m["payload"]["about_post_id"] for m in later) == ["r3", "r6"]


def test_replies_spread_over_more_than_the_window_do_not_count_together(
    world: World, facts: Facts
) -> None:
    _threads(world, facts)
    _reply(world, 1, "h1", 0)
    _reply(world, 2, "h2", 13)
    _reply(world, 3, "h3", 26)
    assert messages(world, "helper_care") == []


def test_the_threshold_and_window_are_the_forums_to_set(world: World, facts: Facts) -> None:
    response = world.client.put(
        "/v1/forums/calm/plugins/helper_impact",
        json={"settings": {"care_threshold": 2, "care_window_hours": 48,
                           "high_risk_labels": ["grief"]}},
        headers=world.auth("calm:admin"),
    )
    assert response.status_code == 200
    _threads(world, facts)
    _reply(world, 1, "h1", 0)  # suicide is no longer on this forum's list
    _reply(world, 2, "q1", 1)
    _reply(world, 3, "h3", 40)
    [message] = messages(world, "helper_care")
    assert [t["thread_id"] for t in message["payload"]["threads"]] == ["t-h3", "t-q1"]


def test_staff_replies_are_not_counted(world: World, facts: Facts) -> None:
    _threads(world, facts)
    for n, thread in enumerate(["h1", "h2", "h3"], start=1):
        _reply(world, n, thread, n, author="mod1", author_is_staff=True)
    assert messages(world, "helper_care") == []


def test_moderators_see_who_may_be_carrying_too_much(
    world: World, facts: Facts, clock: Any
) -> None:
    _threads(world, facts)
    for n, (thread, hours) in enumerate([("h1", 0), ("h2", 1), ("h3", 2), ("h1", 2.5)], 1):
        _reply(world, n, thread, hours)
    _reply(world, 9, "h4", 1, author="u9")  # one thread: not carrying too much
    clock.set(T0 + timedelta(hours=3))
    response = world.client.get("/v1/forums/calm/helper-care",
                                headers=world.auth("calm:moderator"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["threshold"] == 3 and body["window_hours"] == 24
    [helper] = body["helpers"]
    assert helper["thread_count"] == 3 and helper["replies"] == 4
    assert helper["latest_reply_post_id"] == "r4"
    assert helper["told_at"] is not None
    first = helper["threads"][0]
    assert first["thread_id"] == "t-h1" and first["status"] == LOOKED_AFTER
    assert first["labels"] == ["suicide"] and first["replies"] == 2

    clock.set(T0 + timedelta(hours=30))  # a day later, the load has passed
    later = world.client.get("/v1/forums/calm/helper-care", headers=world.auth("calm:moderator"))
    assert later.json()["helpers"] == []
    assert world.client.get("/v1/forums/calm/helper-care",
                            headers=world.auth("calm:platform")).status_code == 403
