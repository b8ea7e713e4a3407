"""The Deliveries page: a destination stopped by a 410 is shown with its kept backlog and
sent to again from the page; deliveries that failed for good are listed with the reason and
sent again, one or in bulk; bad choices get a page saying what is wrong."""

from __future__ import annotations

import pytest

from forumkit.outbox.worker import deliver_due
from tests.plugins.unanswered.support import post_created
from tests.support.browser import browser_page, screenshot, sign_in
from tests.support.pages import signed_in_form_token
from tests.support.receiver import Receiver, running
from tests.support.world import World

PAGE = "/ui/forums/calm/deliveries"


def _forum_at(world: World, url: str) -> None:
    response = world.client.patch("/v1/forums/calm", json={"adapter_settings": {
        "callback_url": url}}, headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text


def _new_thread(world: World, n: int) -> None:
    # The tests' own plugin tells the moderators of each new thread: one delivery each.
    world.send([post_created(f"e{n}", f"p{n}", thread=f"t{n}")])


def test_a_stopped_destination_is_shown_and_sent_to_again_from_the_page(world: World) -> None:
    with running(Receiver(script=[(410, {})])) as forum:
        _forum_at(world, forum.url)
        csrf = signed_in_form_token(world.client, world.keys["calm:admin"])
        for n in (1, 2):
            _new_thread(world, n)
        deliver_due(world.services)
        assert len(forum.received) == 1  # 410: stopped, the other kept
        page = world.client.get(PAGE)
        assert "<strong>stopped</strong>: the receiver answered HTTP 410" in page.text
        assert "<td>2</td><td>0</td>" in page.text  # both kept waiting, none failed
        key = page.text.split('name="destination" value="')[1].split('"')[0]
        answer = world.client.post(PAGE, data={"csrf": csrf, "do": "enable",
                                               "destination": key})
        assert answer.status_code == 200 and answer.url.path == PAGE
        assert "The destination is sent to again" in answer.text
        deliver_due(world.services)
        assert len(forum.wait_for(3)) == 3  # the first again, and the kept one
        after = world.client.get(PAGE).text
        assert "working" in after and "<td>0</td><td>0</td>" in after
        assert "stopped" not in after


def test_failed_deliveries_are_listed_and_sent_again_in_bulk_or_one_by_one(
    world: World,
) -> None:
    with running(Receiver(script=[(400, {}), (400, {})])) as forum:
        _forum_at(world, forum.url)
        csrf = signed_in_form_token(world.client, world.keys["calm:admin"])
        for n in (1, 2):
            _new_thread(world, n)
        deliver_due(world.services)
        page = world.client.get(PAGE).text
        assert page.count("a permanent failure, not retried") == 2
        assert page.count('value="retry_one"') == 2
        item = page.split('name="item" value="')[1].split('"')[0]
        one = world.client.post(PAGE, data={"csrf": csrf, "do": "retry_one", "item": item})
        assert "1 delivery goes out again now." in one.text
        everything = world.client.post(PAGE, data={"csrf": csrf, "do": "retry_matching",
                                                   "destination": "", "period": "hour"})
        assert "1 delivery goes out again now." in everything.text
        deliver_due(world.services)
        assert len(forum.wait_for(4)) == 4
        assert "No delivery has failed for good." in world.client.get(PAGE).text
        audit = world.client.get("/ui/forums/calm/audit").text
        assert "outbox.retry_matching" in audit and "outbox.retry" in audit


def test_bad_choices_get_a_page_that_says_so(world: World) -> None:
    csrf = signed_in_form_token(world.client, world.keys["calm:admin"])
    for data, status, says in [
        ({"do": "retry_matching", "destination": "webhook-nowhere"}, 422,
         "Choose a destination and a time from the lists."),
        ({"do": "retry_matching", "period": "century"}, 422, "Choose a destination"),
        ({"do": "retry_one", "item": "x" * 500}, 404, "not in this forum"),
        ({"do": "enable", "destination": "adapter"}, 404, "not paused or stopped"),
        ({"do": "drop_everything"}, 422, "Choose what to do"),
    ]:
        response = world.client.post(PAGE, data={"csrf": csrf, **data})
        assert response.status_code == status, data
        assert says in response.text and "Nothing was changed." in response.text
    assert world.client.get(PAGE, params={"retried": "abc"}).status_code == 422


def test_moderators_do_not_see_the_page(world: World) -> None:
    signed_in_form_token(world.client, world.keys["calm:moderator"])
    assert world.client.get(PAGE).status_code == 403


@pytest.mark.slow
def test_in_a_browser_failed_deliveries_are_sent_again_from_a_phone(
    world: World, site: str
) -> None:
    with running(Receiver(script=[(400, {}), (410, {})])) as forum:
        _forum_at(world, forum.url)
        for n in (1, 2, 3):
            _new_thread(world, n)
        deliver_due(world.services)  # one failed for good, then the address is gone
        with browser_page(viewport={"width": 1280, "height": 900}) as page:
            sign_in(page, site, world.keys["calm:admin"])
            page.get_by_role("link", name="Deliveries").click()
            assert page.get_by_role("row").filter(has_text="stopped").count() == 1
            screenshot(page, "deliveries-1280")
            page.set_viewport_size({"width": 390, "height": 844})
            screenshot(page, "deliveries-390")
            page.get_by_role("button", name="Send to the forum's platform (its adapter) "
                             "again").click()
            assert "sent to again" in page.get_by_role("status").inner_text()
            page.get_by_label("That failed").select_option("day")
            page.get_by_role("button", name="Send these again").click()
            assert page.get_by_role("status").inner_text() == (
                "1 delivery goes out again now.")
        deliver_due(world.services)
        # p1 refused, p2 gone; then p2 and p3 once the address is back, and p1 again.
        assert len(forum.wait_for(5)) == 5
