"""From a Discourse webhook to an alert that arrives back in Discourse as a group message."""

from __future__ import annotations

from forumkit.outbox.worker import deliver_due
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
    if openapi.SPEC.exists():
        openapi.check(request.method, request.path, request.headers, request.body)
    [item] = site.outbox()
    assert item["status"] == "delivered"
    # Discourse then sends the message it made back as a webhook: it is not a forum post.
    echo = fixture("post_created_private_message")["post"]
    assert site.hook("post", "post_created", echo).json() == {"applied": 0, "duplicates": 0}
    assert deliver_due(site.services) == 0
