"""Bad values in page addresses and forms are answered with a page that says what is wrong
and a 4xx: never a server error, never a JSON body."""

from __future__ import annotations

import pytest
from httpx import Response

from tests.plugins.unanswered.support import one_alert
from tests.support.pages import signed_in_form_token
from tests.support.world import World


def _page(response: Response, status: int, says: str) -> None:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert says in response.text


@pytest.mark.parametrize("value", ["abc", "²", "-1", str(10**19), ""])
def test_revoking_with_a_key_id_that_is_not_one_shows_the_keys_page_with_422(
    world: World, value: str
) -> None:
    csrf = signed_in_form_token(world.client, world.keys["calm:admin"])
    response = world.client.post("/ui/forums/calm/keys", data={"csrf": csrf, "revoke": value})
    if value == "":  # an empty revoke is no revoke: a new key is made
        assert response.status_code == 200
        return
    _page(response, 422, "Choose a key from the list to revoke.")


@pytest.mark.parametrize("scope", ["operator", "", "ADMIN"])
def test_a_new_key_of_a_scope_that_is_not_one_shows_the_keys_page_with_422(
    world: World, scope: str
) -> None:
    csrf = signed_in_form_token(world.client, world.keys["calm:admin"])
    response = world.client.post("/ui/forums/calm/keys", data={"csrf": csrf, "scope": scope})
    _page(response, 422, "Choose a scope for the new key")


@pytest.mark.parametrize("minutes", ["abc", "²", "0", str(10**19)])
def test_snoozing_for_minutes_that_are_not_a_number_in_range_shows_the_queue_with_422(
    world: World, minutes: str
) -> None:
    alert = one_alert(world)
    csrf = signed_in_form_token(world.client, world.keys["calm:moderator"])
    response = world.client.post(f"/ui/forums/calm/alerts/{alert}",
                                 data={"csrf": csrf, "action": "snooze", "minutes": minutes})
    _page(response, 422, "Choose how long to snooze the alert for.")


@pytest.mark.parametrize("address", [
    "/ui/forums/calm/alerts?page=abc", f"/ui/forums/calm/alerts?page={10**19}",
    f"/ui/forums/calm/alerts/{2**31}", f"/ui/forums/calm/audit?before_id={10**19}",
    "/ui/forums/calm/audit?before_id=abc",
])
def test_numbers_in_a_page_address_that_are_not_numbers_in_range_answer_a_422_page(
    world: World, address: str
) -> None:
    signed_in_form_token(world.client, world.keys["calm:admin"])
    if address.startswith(f"/ui/forums/calm/alerts/{2**31}"):
        csrf = signed_in_form_token(world.client, world.keys["calm:admin"])
        response = world.client.post(address, data={"csrf": csrf, "action": "claim"})
    else:
        response = world.client.get(address)
    _page(response, 422, "This page could not use what was sent.")


def test_queue_pages_and_tiers_in_the_back_link_past_the_last_page_are_ignored(
    world: World,
) -> None:
    alert = one_alert(world)
    csrf = signed_in_form_token(world.client, world.keys["calm:moderator"])
    back = f"/ui/forums/calm/alerts?page={10**19}&tier=²"
    response = world.client.post(f"/ui/forums/calm/alerts/{alert}",
                                 data={"csrf": csrf, "action": "nothing", "back": back})
    _page(response, 422, "Choose an action.")


def test_nul_in_a_form_or_a_page_address_answers_a_422_page(world: World) -> None:
    csrf = signed_in_form_token(world.client, world.keys["calm:admin"])
    response = world.client.post("/ui/forums/calm/keys",
                                 data={"csrf": csrf, "scope": "moderator", "label": "a\x00b"})
    _page(response, 422, "in: label")
    _page(world.client.get("/ui/forums/calm/alerts?category=a%00b"), 422,
          "The address holds characters that cannot be kept")
    _page(world.client.get("/ui/forums/ca%00lm/alerts"), 422,
          "The address holds characters that cannot be kept")


def test_an_unknown_page_is_a_404_page(world: World) -> None:
    signed_in_form_token(world.client, world.keys["calm:admin"])
    _page(world.client.get("/ui/forums/calm/nowhere"), 404, "Not Found")
