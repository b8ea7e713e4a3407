"""Actions delivered through the outbox to a local server posing as Discourse's API.

Every request is checked against Discourse's OpenAPI description (and, for the few fields
it lacks, against what Discourse's source reads)."""

from __future__ import annotations

import json
from datetime import timedelta

import jsonschema
import pytest

from forumkit.outbox.worker import deliver_due
from tests.adapters.discourse import openapi
from tests.adapters.discourse.conftest import Site
from tests.adapters.discourse.fake_discourse import API_KEY, API_USERNAME


def _all_documented(site: Site) -> list[str]:
    templates = []
    for request in site.fake.received:
        assert request.headers.get("Api-Key") == API_KEY
        assert request.headers.get("Api-Username") == API_USERNAME
        templates.append(request.method + " " + openapi.check(
            request.method, request.path, request.headers, request.body))
    return templates


@pytest.fixture(autouse=True)
def _spec() -> None:
    openapi.require_spec()


def test_moderators_alert_is_a_private_message_to_the_group(site: Site) -> None:
    site.queue("notify_moderators", text="A first post has had no reply for a day",
           post_id="1201", labels=["self-harm"])
    assert deliver_due(site.services) == 1
    [message] = site.fake.messages()
    assert message["target_recipients"] == "moderators"
    assert message["title"] == "ForumKit: A first post has had no reply for a day"
    assert f"{site.fake.url}/p/1201" in message["raw"]
    assert "Content warnings: self-harm" in message["raw"]
    assert _all_documented(site) == ["POST /posts.json"]
    assert [i["status"] for i in site.outbox()] == ["delivered"]


def test_an_alert_may_name_another_group(site: Site) -> None:
    site.fake.groups.add("helpers")
    site.queue("notify_moderators", text="Your week as a helper", group="helpers",
               thread_id="301")
    deliver_due(site.services)
    [message] = site.fake.messages()
    assert message["target_recipients"] == "helpers"
    assert f"{site.fake.url}/t/301" in message["raw"]


def test_a_member_is_messaged_by_looking_their_name_up_at_delivery(site: Site) -> None:
    site.fake.add_post(1202, topic_id=301, username="carol_helper", number=2)
    site.queue("message_member", about_post_id="1202", member="m-1",
           text="Thank you for your kind reply.")
    deliver_due(site.services)
    [message] = site.fake.messages()
    assert message["target_recipients"] == "carol_helper"
    assert message["raw"] == "Thank you for your kind reply."
    assert _all_documented(site) == ["GET /posts/{id}.json", "POST /posts.json"]
    [item] = site.outbox()
    assert item["status"] == "delivered" and "carol" not in repr(item)


@pytest.mark.parametrize(("open_", "enabled"), [(False, "true"), (True, "false")])
def test_replies_are_closed_or_opened_with_the_topic_status(
    site: Site, open_: bool, enabled: str
) -> None:
    site.fake.add_post(1201, topic_id=301, username="alice_sleepless")
    site.queue("set_thread_replies", thread_id="301", open=open_, reason="diary")
    deliver_due(site.services)
    [request] = site.fake.received
    assert (request.method, request.path) == ("PUT", "/t/301/status.json")
    assert request.json() == {"status": "closed", "enabled": enabled}
    assert site.fake.topics[301]["closed"] is (not open_)
    assert _all_documented(site) == ["PUT /t/{id}/status.json"]


def test_a_reply_that_breaks_a_diary_is_hidden_and_its_author_gets_a_kind_note(
    site: Site,
) -> None:
    site.fake.add_post(1202, topic_id=301, username="carol_helper", number=2)
    site.queue("hide_post", post_id="1202", reason="this topic is a diary",
               message="Thank you for wanting to help; this topic is a diary.")
    deliver_due(site.services)
    flag = site.fake.calls("POST", "/post_actions.json")[0].json()
    assert flag == {"id": 1202, "post_action_type_id": 3, "flag_topic": False,
                    "queue_for_review": "true"}
    assert site.fake.posts[1202]["hidden"]
    [note] = site.fake.messages()
    assert note["target_recipients"] == "carol_helper"
    assert "this topic is a diary" in note["raw"] and "Thank you" in note["raw"]
    assert _all_documented(site) == [
        "GET /posts/{id}.json", "POST /post_actions.json", "POST /posts.json"]


def test_hiding_a_post_already_hidden_does_not_flag_it_twice(site: Site) -> None:
    site.fake.add_post(1202, topic_id=301, username="carol_helper", number=2)
    site.fake.posts[1202]["hidden"] = True
    site.queue("hide_post", post_id="1202", message="Your reply is hidden for now.")
    deliver_due(site.services)
    assert site.fake.calls("POST", "/post_actions.json") == []
    assert site.fake.messages()[0]["raw"] == "Your reply is hidden for now."


def test_labels_are_added_and_removed_as_mapped_tags(site: Site) -> None:
    site.fake.add_post(1201, topic_id=301, username="alice_sleepless")
    site.fake.topics[301]["tags"] = ["cw-grief", "sleep"]
    site.queue("set_post_tags", post_id="1201", thread_id="301", add=["self-harm"],
           remove=["grief"])
    deliver_due(site.services)
    [update] = site.fake.calls("PUT", "/t/-/301.json")
    assert update.json() == {"tags": ["sleep", "cw-self-harm"]}
    assert _all_documented(site) == ["GET /t/{id}.json", "PUT /t/-/{id}.json"]


def test_tags_already_right_are_left_alone(site: Site) -> None:
    site.fake.add_post(1201, topic_id=301, username="alice_sleepless")
    site.fake.topics[301]["tags"] = [{"id": 4, "name": "cw-self-harm", "slug": "cw-self-harm"}]
    site.queue("set_post_tags", post_id="1201", add=["self-harm"], remove=[])
    deliver_due(site.services)
    assert site.fake.calls("PUT") == []
    assert [i["status"] for i in site.outbox()] == ["delivered"]


def test_whispers_only_where_the_forum_has_them_on(site: Site) -> None:
    site.fake.add_post(1201, topic_id=301, username="alice_sleepless")
    site.queue("post_whisper", thread_id="301", text="Moderators: watching this one.")
    deliver_due(site.services)
    [dead] = site.outbox("dead")
    assert "whispers are off" in dead["last_error"]
    assert site.fake.received == []

    site.configure(whispers=True)
    site.queue("post_whisper", thread_id="301", text="Moderators: watching this one.")
    deliver_due(site.services)
    [request] = site.fake.calls("POST", "/posts.json")
    assert request.json() == {"topic_id": 301, "raw": "Moderators: watching this one.",
                              "whisper": "true"}
    assert _all_documented(site) == ["POST /posts.json"]


def test_rate_limit_waits_for_retry_after(site: Site, clock) -> None:
    site.fake.script = [(429, {"Retry-After": "120"})]
    site.queue("notify_moderators", text="Someone needs a look")
    deliver_due(site.services)
    [item] = site.outbox()
    assert item["status"] == "pending"
    assert item["last_error"] == "POST /posts.json answered HTTP 429"
    clock.advance(timedelta(seconds=100))
    assert deliver_due(site.services) == 0  # Discourse asked for 120 seconds
    clock.advance(timedelta(seconds=30))
    assert deliver_due(site.services) == 1
    assert [i["status"] for i in site.outbox()] == ["delivered"]
    assert len(site.fake.messages()) == 2  # the one refused with 429, then the one taken


def test_server_errors_are_retried_until_delivered(site: Site, clock) -> None:
    site.fake.script = [(502, {}), (503, {})]
    site.queue("notify_moderators", text="Someone needs a look")
    for _ in range(3):
        deliver_due(site.services)
        clock.advance(timedelta(minutes=5))
    [item] = site.outbox()
    assert item["status"] == "delivered" and item["attempts"] == 3


def test_a_refused_api_key_is_not_retried_and_the_error_names_no_ids(site: Site) -> None:
    site.fake.add_post(1202, topic_id=301, username="carol_helper", number=2)
    site.configure(api_key="wrong-key-0000")
    site.queue("message_member", about_post_id="1202", member="m", text="hello")
    deliver_due(site.services)
    [dead] = site.outbox("dead")
    assert dead["last_error"] == (
        "GET /posts/{id}.json answered HTTP 403; a permanent failure, not retried")


def test_a_forum_without_api_settings_dead_letters_with_a_reason(site: Site) -> None:
    site.configure(api_key=None)
    site.queue("notify_moderators", text="x")
    deliver_due(site.services)
    [dead] = site.outbox("dead")
    assert "set base_url and api_key" in dead["last_error"]


def test_the_description_check_catches_requests_discourse_would_refuse_or_misread() -> None:
    with pytest.raises(AssertionError, match="whisper"):  # a JSON true is not "true"
        openapi.check("POST", "/posts.json", {}, b'{"topic_id": 1, "raw": "x", "whisper": true}')
    with pytest.raises(AssertionError, match="not a path"):
        openapi.check("POST", "/posts/1/hide.json", {}, b"{}")
    with pytest.raises(AssertionError, match="Api-Key"):
        openapi.check("PUT", "/t/1/status.json", {}, b'{"status": "closed", "enabled": "true"}')
    with pytest.raises(jsonschema.ValidationError):
        openapi.check("POST", "/post_actions.json", {"Api-Key": "k", "Api-Username": "u"},
                      b'{"post_action_type_id": 3}')


@pytest.mark.skipif(not openapi.PUBLISHED.exists(),
                    reason="Discourse's full published description is not beside the repository")
def test_the_kept_api_description_is_the_published_one() -> None:
    kept = json.loads(openapi.SPEC.read_text())
    published = json.loads(openapi.PUBLISHED.read_text())
    assert kept["paths"] == {p: published["paths"][p] for p in kept["paths"]}
