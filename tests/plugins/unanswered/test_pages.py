"""The pages in headless Chromium: a moderator claims and resolves an alert that came from
an ingested post and a moved clock; an admin sends a test alert and reads the chart."""

from __future__ import annotations

import pytest

from tests.plugins.unanswered.support import (
    advance,
    alert_actions,
    alerts,
    configure,
    post_created,
    reply,
)
from tests.support.browser import browser_page, screenshot, sign_in
from tests.support.world import World

pytestmark = pytest.mark.slow
RULE = {"rule": {"peer_window_minutes": 60,
                 "escalation": [{"after_minutes": 240, "channels": ["moderators"]}]},
        "new_member_posts": 1, "stale_after_days": 30}






def test_moderator_claims_and_resolves_an_alert_with_a_note(
    world: World, site: str, database_url: str
) -> None:
    backend = database_url.split(":")[0].split("+")[0]
    configure(world, RULE)
    world.send([post_created("e1", "p1", category_id="c-anxiety", content_warnings=["self-harm"],
                             response_mode="moderators_only", url="https://forum.example/t/1")])
    advance(world, minutes=61)
    with browser_page(viewport={"width": 390, "height": 844}) as page:  # a phone
        sign_in(page, site, world.keys["calm:moderator"])
        page.wait_for_url(f"{site}/ui/forums/calm")
        page.get_by_role("link", name="Alert queue").first.click()
        page.wait_for_url(f"{site}/ui/forums/calm/alerts")
        card = page.locator("article.alert-card")
        assert card.count() == 1
        assert "New member: welcome them" in card.inner_text()
        assert "Waited 1 h 1 min in subforum c-anxiety" in card.inner_text()
        # The post's labels and the reply mode its author chose, beside the alert.
        assert "self-harm" in card.inner_text()
        assert "Replies: moderators only" in card.inner_text()
        assert page.locator('[data-count="open"]').inner_text() == "1"
        screenshot(page, f"unanswered-queue-{backend}")

        card.get_by_role("button", name="Claim: Can't sleep").click()
        assert page.get_by_role("status").inner_text() == "You have claimed the alert."
        assert "Claimed by you." in page.locator("article.alert-card").inner_text()

        page.get_by_label("Note for the other moderators (optional)").fill(
            "Welcomed them and pointed to the sleep thread")
        page.get_by_role("button", name="Resolve: Can't sleep").click()
        assert "Resolved." in page.get_by_role("status").inner_text()
        assert page.locator("article.alert-card").count() == 0
        screenshot(page, f"unanswered-queue-resolved-{backend}")

    [resolved] = alerts(world, state="resolved")
    assert resolved["resolution"] == "moderator"
    assert resolved["note"] == "Welcomed them and pointed to the sleep thread"
    one = world.client.get(f"/v1/forums/calm/alerts/{resolved['id']}",
                           headers=world.auth("calm:moderator")).json()
    assert [s["action"] for s in one["steps"]] == ["fired", "claimed", "resolved"]
    assert alert_actions(world, "alert.resolved"), "the channels were told"


def test_admin_sends_a_test_alert_and_sees_the_response_time_chart(
    world: World, site: str, database_url: str
) -> None:
    backend = database_url.split(":")[0].split("+")[0]
    configure(world, RULE)
    world.send([
        post_created("e1", "p1", thread="t1", author="a1", category_id="c-anxiety",
                     at="2025-12-29T00:00:00Z"),
        reply("r1", "q1", thread="t1", author="b1", at="2025-12-29T00:40:00Z"),
        post_created("e2", "p2", thread="t2", author="a2", category_id="c-anxiety",
                     at="2026-01-05T00:00:00Z"),
        reply("r2", "q2", thread="t2", author="b2", at="2026-01-05T00:20:00Z"),
        post_created("e3", "p3", thread="t3", author="a3", category_id="c-grief",
                     at="2026-01-05T00:00:00Z"),
        reply("r3", "q3", thread="t3", author="b3", at="2026-01-05T01:30:00Z"),
    ])
    with browser_page() as page:
        sign_in(page, site, world.keys["calm:admin"])
        page.wait_for_url(f"{site}/ui/forums/calm")
        page.get_by_role("link", name="Alert rules").first.click()
        assert "60 min" in page.locator("table").inner_text()
        page.get_by_label("Channel", exact=True).select_option("moderators")
        page.get_by_role("button", name="Send a test alert").click()
        assert "A test alert is on its way to moderators." in (
            page.get_by_role("status").inner_text())
        screenshot(page, f"unanswered-setup-{backend}")

        page.get_by_role("link", name="Response times").first.click()
        chart = page.locator("#response-chart")
        assert chart.is_visible()
        assert chart.locator("g.series").count() == 2
        assert chart.locator("circle").count() == 3
        titles = chart.locator("title").evaluate_all("els => els.map(e => e.textContent)")
        assert any("c-grief, week of 2026-01-05: median 1.5 h" in t for t in titles)
        screenshot(page, f"unanswered-stats-{backend}")
    with_test = [a for a in world.client.get(
        "/v1/forums/calm/outbox", headers=world.auth("calm:admin")).json()
        if a["kind"] == "notify_moderators"]
    assert len(with_test) == 1


def test_a_post_that_may_need_a_moderator_sits_on_top_with_its_reasons(
    world: World, site: str, database_url: str
) -> None:
    backend = database_url.split(":")[0].split("+")[0]
    configure(world, RULE)
    world.send([post_created("e1", "p1", category_id="c-anxiety")])
    advance(world, minutes=61)
    world.send([post_created("e2", "p2", thread="t2", author="u8", title="Tonight",
                             body="I just want to die and I have the pills ready",
                             response_mode="diary")])
    with browser_page(viewport={"width": 1280, "height": 900}) as page:
        sign_in(page, site, world.keys["calm:moderator"])
        page.goto(f"{site}/ui/forums/calm/alerts")
        cards = page.locator("article.alert-card")
        assert cards.count() == 2
        first = cards.first.inner_text()
        assert "Tonight" in first and "May need a moderator now" in first
        assert "speaks of a plan or means" in first
        assert "pills" not in first, "the member's words are not shown"
        assert "May need a moderator now" not in cards.nth(1).inner_text()
        assert page.locator('[data-count="risk"]').inner_text() == "1"
        screenshot(page, f"unanswered-queue-risk-{backend}")
