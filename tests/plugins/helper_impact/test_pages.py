"""Pages: moderators' helper-care list, admins' member feedback, in headless Chromium."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from forumkit.clock import FrozenClock
from tests.plugins.helper_impact.conftest import Facts, messages
from tests.support.browser import browser_page, screenshot, sign_in
from tests.support.world import World, post_created

pytestmark = pytest.mark.slow
T0 = datetime(2026, 1, 5, 20, 0, tzinfo=UTC)






def test_moderator_sees_a_helper_carrying_many_high_risk_threads(
    world: World, facts: Facts, site: str, clock: FrozenClock
) -> None:
    facts.labels = {"h1": ["suicide"], "h2": ["self-harm"], "h3": ["suicide"]}
    facts.statuses = {"t-h1": "A moderator is looking after this thread."}
    events = [post_created(f"f-{t}", t, thread=f"t-{t}", author=f"a-{t}", title=f"Thread {t}",
                           url=f"https://forum.example/t/{t}", at=T0.isoformat())
              for t in ("h1", "h2", "h3")]
    events += [post_created(f"r-{t}", f"r{n}", thread=f"t-{t}", author="u7", first=False,
                            url=f"https://forum.example/p/r{n}",
                            at=(T0 + timedelta(hours=n)).isoformat())
               for n, t in enumerate(("h1", "h2", "h3"), start=1)]
    world.send(events)
    clock.set(T0 + timedelta(hours=4))
    with browser_page() as page:
        sign_in(page, site, world.keys["calm:moderator"], lands_on="/ui/forums/calm")
        page.get_by_role("link", name="Helper care").first.click()
        page.wait_for_url(f"{site}/ui/forums/calm/helper-care")
        heading = page.get_by_role("heading", level=2).first.inner_text()
        assert heading.endswith(": 3 threads, 3 replies")
        rows = page.locator("tbody tr")
        assert rows.count() == 3
        assert "A moderator is looking after this thread." in page.locator(
            "tr", has_text="Thread h1").inner_text()
        assert page.get_by_role("link", name="Their latest reply").get_attribute(
            "href") == "https://forum.example/p/r3"
        assert "Sent the care message" in page.locator("section.card").inner_text()
        assert page.get_by_role("link", name="Member feedback").count() == 0  # admins only
        screenshot(page, "helper-care")


def test_admin_reads_and_answers_member_feedback(world: World, site: str) -> None:
    world.send([post_created("e1", "p1", author="u7")])
    world.client.post("/v1/forums/calm/feedback",
                      json={"member_id": "u7", "text": "Could replies be quieter at night?"},
                      headers=world.auth("calm:platform"))
    with browser_page(viewport={"width": 390, "height": 844}) as page:
        sign_in(page, site, world.keys["calm:admin"], lands_on="/ui/forums/calm")
        page.get_by_role("link", name="Member feedback").first.click()
        page.wait_for_url(f"{site}/ui/forums/calm/feedback")
        assert "Could replies be quieter at night?" in page.locator("blockquote").inner_text()
        screenshot(page, "feedback-open-phone")

        page.get_by_role("button", name="Send answer to suggestion").click()
        assert "Nothing was sent" in page.get_by_role("alert").inner_text()
        answer = page.get_by_label("Your answer to suggestion")
        assert answer.get_attribute("aria-invalid") == "true"

        answer.fill("Good idea: we are trying a quiet mode from next week.")
        page.get_by_role("button", name="Send answer to suggestion").click()
        assert page.get_by_role("status").inner_text() == (
            "Saved your answer. The member will see it with their suggestion.")
        assert "Answered" in page.locator("section.card").inner_text()
        screenshot(page, "feedback-answered-phone")

    mine = world.client.get("/v1/forums/calm/members/u7/feedback",
                            headers=world.auth("calm:platform")).json()
    assert mine[0]["answer"] == "Good idea: we are trying a quiet mode from next week."
    assert len(messages(world, "helper_impact.feedback_answer")) == 1
