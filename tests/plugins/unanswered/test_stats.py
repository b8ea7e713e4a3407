"""Admins' figures: time to first response per subforum and week, alerts per tier, and the
share of posts peers answered before any alert."""

from __future__ import annotations

from tests.plugins.unanswered.support import advance, configure, post_created, reply
from tests.support.world import World

RULE = {"rule": {"peer_window_minutes": 60,
                 "escalation": [{"after_minutes": 120, "channels": ["moderators"]}]},
        "new_member_posts": 0, "stale_after_days": 30}


def test_stats_per_subforum_and_week(world: World) -> None:
    configure(world, RULE)
    world.send([
        # anxiety: answered by peers after 10, 20 and 30 minutes
        post_created("e1", "p1", thread="t1", author="a1", category_id="c-anxiety",
                     at="2026-01-05T00:00:00Z"),
        reply("r1", "q1", thread="t1", author="b1", at="2026-01-05T00:10:00Z"),
        post_created("e2", "p2", thread="t2", author="a2", category_id="c-anxiety",
                     at="2026-01-05T00:00:00Z"),
        reply("r2", "q2", thread="t2", author="b2", at="2026-01-05T00:20:00Z"),
        post_created("e3", "p3", thread="t3", author="a3", category_id="c-anxiety",
                     at="2026-01-05T00:00:00Z"),
        reply("r3", "q3", thread="t3", author="b3", at="2026-01-05T00:30:00Z"),
        # grief: one waits past both tiers, then a moderator answers; one stays unanswered
        post_created("e4", "p4", thread="t4", author="a4", category_id="c-grief",
                     at="2026-01-05T00:00:00Z"),
        post_created("e5", "p5", thread="t5", author="a5", category_id="c-grief",
                     at="2026-01-05T00:00:00Z"),
        # a week earlier
        post_created("e6", "p6", thread="t6", author="a6", category_id="c-anxiety",
                     at="2025-12-29T00:00:00Z"),
        reply("r6", "q6", thread="t6", author="b6", at="2025-12-29T01:30:00Z"),
    ])
    advance(world, hours=1)  # 03:10: tier 1 and 2 of p4 and p5 fire late
    world.send([reply("r4", "q4", thread="t4", author="mod", author_is_staff=True,
                      at="2026-01-05T03:20:00Z")])
    response = world.client.get("/v1/forums/calm/alerts/stats",
                                headers=world.auth("calm:admin"))
    assert response.status_code == 200
    stats = response.json()
    rows = {(r["category"], r["week"]): r for r in stats["first_response"]}
    anxiety = rows[("c-anxiety", "2026-01-05")]
    assert anxiety["posts"] == 3 and anxiety["answered"] == 3
    assert anxiety["median_minutes"] == 20.0 and anxiety["p90_minutes"] == 30.0
    grief = rows[("c-grief", "2026-01-05")]
    assert grief["posts"] == 2 and grief["answered"] == 1
    assert grief["median_minutes"] == 200.0
    assert rows[("c-anxiety", "2025-12-29")]["median_minutes"] == 90.0
    # p6's reply came after its hour, but the service had not fired (it was not running):
    # it counts as answered by peers before any alert, like p1-p3.
    assert stats["alerts_per_tier"] == {"1": 2, "2": 2}
    assert stats["posts_watched"] == 6
    assert stats["answered_by_peers_before_alert"] == 4
    assert stats["peer_answered_share"] == round(4 / 6, 3)


def test_stats_are_for_admins(world: World) -> None:
    response = world.client.get("/v1/forums/calm/alerts/stats",
                                headers=world.auth("calm:moderator"))
    assert response.status_code == 403
