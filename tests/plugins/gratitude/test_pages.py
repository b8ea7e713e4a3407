"""The admin's page for the gratitude reaction set, driven in headless Chromium."""

from __future__ import annotations

import pytest

from tests.support.browser import browser_page, screenshot, sign_in
from tests.support.world import World

pytestmark = pytest.mark.slow






def _kinds(world: World) -> list[dict]:
    return world.client.get("/v1/forums/calm/gratitude/kinds",
                            headers=world.auth("calm:platform")).json()["kinds"]


def test_admin_edits_adds_and_takes_out_reactions(world: World, site: str) -> None:
    with browser_page(viewport={"width": 390, "height": 844}) as page:  # a phone
        sign_in(page, site, world.keys["calm:admin"])
        page.wait_for_url(f"{site}/ui/forums/calm")
        page.get_by_role("link", name="Gratitude").first.click()
        page.wait_for_url(f"{site}/ui/forums/calm/gratitude")
        screenshot(page, "gratitude-kinds-phone")

        page.locator("#words-0").fill("Thanks so much")
        page.get_by_label("Take out Me too").check()
        page.get_by_label("New emoji").fill("🫂")
        page.get_by_label("New words").fill("Sending a hug")
        page.get_by_label("New key").fill("hug")
        page.get_by_role("button", name="Save reactions").click()
        assert page.get_by_role("status").inner_text() == "Saved the gratitude reactions."
        screenshot(page, "gratitude-kinds-saved")

    kinds = _kinds(world)
    assert [k["key"] for k in kinds] == ["thank_you", "this_helped", "sending_support",
                                         "tried_this", "hug"]
    assert kinds[0]["words"] == "Thanks so much"
    assert kinds[-1] == {"key": "hug", "emoji": "🫂", "words": "Sending a hug"}


def test_a_bad_key_is_explained_and_nothing_is_saved(world: World, site: str) -> None:
    with browser_page() as page:
        sign_in(page, site, world.keys["calm:admin"])
        page.goto(f"{site}/ui/forums/calm/gratitude")
        page.get_by_label("New emoji").fill("🫂")
        page.get_by_label("New words").fill("Hug")
        page.get_by_label("New key").fill("Big Hug")
        page.get_by_role("button", name="Save reactions").click()
        alert = page.get_by_role("alert").inner_text()
        assert "Nothing was saved" in alert
        assert "Reaction 6 (Hug), key: use lower-case letters, digits and _ only" in alert
        assert page.locator("#key-5").input_value() == "Big Hug"  # kept for correcting
        screenshot(page, "gratitude-kinds-error")
    assert len(_kinds(world)) == 5


def test_moderators_cannot_edit_the_set(world: World, site: str) -> None:
    with browser_page() as page:
        sign_in(page, site, world.keys["calm:moderator"])
        page.wait_for_url(f"{site}/ui/forums/calm")
        assert page.get_by_role("link", name="Gratitude").count() == 0
        page.goto(f"{site}/ui/forums/calm/gratitude")
        assert "This page needs a admin key." in page.get_by_role("alert").inner_text()
