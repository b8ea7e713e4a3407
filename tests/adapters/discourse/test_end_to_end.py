"""From a Discourse webhook to an alert that arrives back in Discourse as a group message."""

from __future__ import annotations

from datetime import timedelta

from forumkit.clock import FrozenClock
from forumkit.outbox.worker import deliver_due
from forumkit.plugin import JobContext
from forumkit.plugins.unanswered.jobs import fire_due_count
from tests.adapters.discourse import openapi
from tests.adapters.discourse.conftest import Site, fixture


def test_new_thread_webhook_comes_back_as_a_message_to_the_moderators_group(
    site: Site,
) -> None:
    # Discourse sends post_created for a member's first post, signed with the secret.
    response = site.hook("post", "post_created", fixture("post_created_first")["post"])
    assert response.status_code == 200 and response.json()["applied"] == 1
    # The test plugin "watch" asks for moderators to be told; the outbox worker delivers it.
    assert deliver_due(site.services) == 1
    [request] = site.fake.calls("POST", "/posts.json")
    message = request.json()
    assert message["archetype"] == "private_message"
    assert message["target_recipients"] == "moderators"
    assert message["title"] == "ForumKit: A new thread was started"
    assert f"{site.fake.url}/p/1201" in message["raw"]
    openapi.check(request.method, request.path, request.headers, request.body)
    [item] = site.outbox()
    assert item["status"] == "delivered"
    # Discourse then sends the message it made back as a webhook: it is not a forum post.
    echo = fixture("post_created_private_message")["post"]
    assert site.hook("post", "post_created", echo).json() == {"applied": 0, "duplicates": 0}
    assert deliver_due(site.services) == 0


def test_a_post_left_unanswered_reaches_the_moderators_group_in_discourse(site: Site) -> None:
    site.watch_for_answers()
    assert site.hook("post", "post_created",
                     fixture("post_created_first")["post"]).json()["applied"] == 1

    def wait(minutes: int) -> int:
        clock = site.services.clock
        assert isinstance(clock, FrozenClock)
        clock.advance(timedelta(minutes=minutes))
        fire_due_count(JobContext(engine=site.services.engine, now=clock.now(),
                                  app=site.services))
        return deliver_due(site.services)

    assert wait(29) == 0 and site.fake.calls("POST", "/posts.json") == []
    assert wait(1) == 1  # a new member's first post: their shorter window has passed
    [request] = site.fake.calls("POST", "/posts.json")
    message = request.json()
    assert message["archetype"] == "private_message"
    assert message["target_recipients"] == "moderators"
    assert "New member: welcome them." in message["raw"]
    assert f"{site.fake.url}/t/cant-sleep-again/301/1" in message["raw"]
    openapi.check(request.method, request.path, request.headers, request.body)
