"""The pages, driven in headless Chromium: sign in, change settings, make keys, read the log."""

from __future__ import annotations

import pytest

from tests.support.browser import browser_page, screenshot, sign_in
from tests.support.world import World

pytestmark = pytest.mark.slow






def test_sign_in_settings_with_a_validation_error_then_saved(
    world: World, site: str, database_url: str
) -> None:
    backend = database_url.split(":")[0].split("+")[0]
    with browser_page() as page:
        page.goto(f"{site}/ui/")
        screenshot(page, f"sign-in-{backend}")
        page.get_by_label("Your moderator or admin key").fill("fk_wrong")
        page.get_by_role("button", name="Sign in").click()
        assert page.get_by_role("alert").inner_text() == "That key was not recognised."

        sign_in(page, site, world.keys["calm:admin"])
        page.wait_for_url(f"{site}/ui/forums/calm")
        page.get_by_role("link", name="Settings", exact=True).click()
        card = page.locator("#plugin-watch")
        card.get_by_label("Threshold").fill("99")
        card.get_by_role("button", name="Save Watch new threads").click()
        card = page.locator("#plugin-watch")
        assert "need a look" in page.get_by_role("alert").inner_text()
        assert card.locator("#watch-threshold-error").inner_text() == (
            "Input should be less than or equal to 10")
        assert card.get_by_label("Threshold").get_attribute("aria-invalid") == "true"
        screenshot(page, f"settings-error-{backend}")

        card.get_by_label("Threshold").fill("3")
        card.get_by_role("button", name="Save Watch new threads").click()
        assert page.get_by_role("status").inner_text() == "Saved the settings of watch."
        assert page.locator("#plugin-watch").get_by_label("Threshold").input_value() == "3"
        screenshot(page, f"settings-saved-{backend}")

        page.get_by_role("link", name="Audit log").click()
        row = page.locator("tbody tr").first
        assert "plugin.update" in row.inner_text()
        assert '"threshold": 3' in row.inner_text()
        screenshot(page, f"audit-{backend}")

    api = world.client.get("/v1/forums/calm/plugins", headers=world.auth("calm:admin")).json()
    assert next(p for p in api if p["name"] == "watch")["settings"]["threshold"] == 3


def test_keys_page_shows_a_new_key_once_and_revokes(world: World, site: str) -> None:
    with browser_page(viewport={"width": 390, "height": 844}) as page:  # a phone
        sign_in(page, site, world.keys["calm:admin"])
        page.goto(f"{site}/ui/forums/calm/keys")
        page.get_by_label("What it may do").select_option("moderator")
        page.get_by_label("A note to recognise it by").fill("night team")
        page.get_by_role("button", name="Make key").click()
        new_key = page.locator("#new-key").inner_text()
        assert new_key.startswith("fk_")
        screenshot(page, "keys-phone")
        headers = {"Authorization": f"Bearer {new_key}"}
        assert world.client.get("/v1/forums/calm/audit", headers=headers).status_code == 403
        page.get_by_role("button", name=f"Revoke key {new_key[:10]}").click()
        assert world.client.get("/v1/forums/calm/audit", headers=headers).status_code == 401


def test_moderator_cannot_open_admin_pages_and_signs_out(world: World, site: str) -> None:
    with browser_page() as page:
        sign_in(page, site, world.keys["calm:moderator"])
        page.wait_for_url(f"{site}/ui/forums/calm")
        assert page.get_by_role("link", name="Settings", exact=True).count() == 0
        page.goto(f"{site}/ui/forums/calm/plugins")
        assert "This page needs a admin key." in page.get_by_role("alert").inner_text()
        page.goto(f"{site}/ui/forums/other")
        assert "There is no forum 'other' for this key." in page.get_by_role("alert").inner_text()
        page.goto(f"{site}/ui/forums/calm")
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{site}/ui/sign-in")
        page.goto(f"{site}/ui/forums/calm")
        assert page.url.startswith(f"{site}/ui/sign-in")
