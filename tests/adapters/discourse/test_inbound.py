"""Discourse's webhooks, as Discourse sends them, into the mirror and the plugins."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from forumkit.db import session_scope
from forumkit.mirror.models import Post, Thread
from tests.adapters.discourse.conftest import Recorder, Site, fixture


def _thread(site: Site, ext_id: str) -> Thread | None:
    with session_scope(site.services.engine) as session:
        return session.exec(select(Thread).where(Thread.ext_id == ext_id)).first()


def _post(site: Site, ext_id: str) -> Post | None:
    with session_scope(site.services.engine) as session:
        return session.exec(select(Post).where(Post.ext_id == ext_id)).first()


def test_ping_is_answered_and_applies_nothing(site: Site) -> None:
    response = site.hook("ping", "ping", None)
    assert response.status_code == 200
    assert response.json() == {"applied": 0, "duplicates": 0}


def test_a_webhook_signed_with_another_secret_is_refused(site: Site) -> None:
    response = site.hook("post", "post_created", fixture("post_created_first")["post"],
                         secret="not-the-webhook-secret")
    assert response.status_code == 401
    assert "does not match" in response.json()["detail"]
    assert _post(site, "1201") is None


def test_events_forumkit_has_no_use_for_are_acknowledged(site: Site) -> None:
    category = {"id": 7, "name": "Sleep", "slug": "sleep"}
    user = fixture("user_created")["user"]
    for kind, name, payload in [
        ("category", "category_destroyed", category), ("user", "user_logged_in", user),
        ("user", "user_suspended", {**user, "suspended_till": "2026-02-01T00:00:00Z"}),
        ("group", "group_updated", {"id": 3}),
        ("tag", "tag_created", {"id": 4, "name": "sleep"}),
    ]:
        assert site.hook(kind, name, payload).json() == {"applied": 0, "duplicates": 0}, name
    assert site.member("77") is None


def test_first_post_becomes_a_thread_its_author_a_member_and_moderators_are_told(
    site: Site, recorder: Recorder
) -> None:
    response = site.hook("post", "post_created", fixture("post_created_first")["post"])
    assert response.json() == {"applied": 1, "duplicates": 0}
    post, thread, author = _post(site, "1201"), _thread(site, "301"), site.member("42")
    assert post is not None and thread is not None and author is not None
    assert post.is_first_in_thread and post.thread_id == thread.id
    assert post.author_id == author.id and not post.author_is_staff
    assert post.url == f"{site.fake.url}/t/cant-sleep-again/301/1"
    assert thread.title == "Can't sleep again" and thread.category_id == "7"
    [created] = recorder.of_type("post.created")
    assert created.post.body.startswith("I have not slept")  # passed on, not kept
    assert created.post.reply_to_id is None
    [item] = site.outbox()
    assert item["kind"] == "notify_moderators"  # the test plugin "watch" reacted


def test_a_reply_is_mirrored_under_its_topic(site: Site, recorder: Recorder) -> None:
    site.hook("post", "post_created", fixture("post_created_first")["post"])
    site.hook("post", "post_created", fixture("post_created_reply")["post"])
    reply = _post(site, "1202")
    assert reply is not None and not reply.is_first_in_thread
    assert reply.thread_id == _thread(site, "301").id  # type: ignore[union-attr]
    assert len(site.outbox()) == 1  # a reply is not a new thread


def test_discourse_retry_under_a_new_event_id_changes_nothing(site: Site) -> None:
    payload = fixture("post_created_first")["post"]
    assert site.hook("post", "post_created", payload, event_id=1).json()["applied"] == 1
    again = site.hook("post", "post_created", payload, event_id=2)
    assert again.status_code == 200
    assert again.json() == {"applied": 0, "duplicates": 1}
    redelivered = site.hook("post", "post_created", payload, event_id=1)
    assert redelivered.status_code == 200  # acknowledged, so Discourse stops retrying
    assert redelivered.json() == {"applied": 0, "duplicates": 1}
    assert len(site.outbox()) == 1


def test_topic_tags_become_labels_and_a_diary_once_the_first_post_is_known(
    site: Site, recorder: Recorder
) -> None:
    site.hook("post", "post_created", fixture("post_created_first")["post"])
    assert site.hook("topic", "topic_created", fixture("topic_created")["topic"]
                     ).json()["applied"] == 1
    [edit] = recorder.of_type("post.edited")
    assert edit.post.id == "1201" and edit.post.is_first_in_thread
    assert edit.post.content_warnings == ["self-harm"]
    assert edit.post.response_mode == "diary"
    assert edit.post.thread_closed is False
    thread = _thread(site, "301")
    assert thread is not None and thread.tags == ["diary", "cw-self-harm", "sleep"]


def test_topic_webhook_before_its_first_post_still_labels_that_post(
    site: Site, recorder: Recorder
) -> None:
    # Discourse sends topic_created and post_created at the same moment, in either order.
    topic = fixture("topic_created")["topic"]
    topic["category_id"] = 2  # an announcements category
    assert site.hook("topic", "topic_created", topic).json()["applied"] == 1
    thread = _thread(site, "301")
    assert thread is not None
    assert thread.tags == ["diary", "cw-self-harm", "sleep"] and thread.announcement
    assert [e.type for e in recorder.events] == ["thread.updated"]
    site.hook("post", "post_created", fixture("post_created_first")["post"])
    [created] = recorder.of_type("post.created")
    assert created.post.content_warnings == ["self-harm"]
    assert created.post.response_mode == "diary"
    assert _thread(site, "301").pending_post_fields is None  # type: ignore[union-attr]


def test_newer_sites_sending_tags_as_objects_are_read_too(site: Site, recorder: Recorder) -> None:
    site.hook("post", "post_created", fixture("post_created_first")["post"])
    topic = fixture("topic_created")["topic"]
    topic["tags"] = [{"id": 3, "name": "cw-grief", "slug": "cw-grief"}]
    site.hook("topic", "topic_edited", topic)
    [edit] = recorder.of_type("post.edited")
    assert edit.post.content_warnings == ["grief"]
    assert edit.post.response_mode is None  # no diary tag: a mode set in ForumKit stays


def test_closing_reopening_and_closing_a_topic_again_each_apply(site: Site) -> None:
    site.hook("post", "post_created", fixture("post_created_first")["post"])
    topic = fixture("topic_created")["topic"]
    states = []
    for step, closed in enumerate((True, False, True)):
        # Discourse adds a small-action post ("closed this topic") at each change.
        topic.update(closed=closed, highest_post_number=topic["highest_post_number"] + step + 1)
        assert site.hook("topic", "topic_closed_status_updated", topic).json()["applied"] == 1
        states.append(_thread(site, "301").closed)  # type: ignore[union-attr]
    assert states == [True, False, True]


def test_edits_deletions_and_recoveries_of_posts(site: Site, recorder: Recorder) -> None:
    payload = fixture("post_created_reply")["post"]
    site.hook("post", "post_created", payload)
    payload.update(version=2, updated_at="2026-01-05T03:30:00.000Z", raw="edited words")
    assert site.hook("post", "post_edited", payload).json()["applied"] == 1
    assert site.hook("post", "post_edited", payload).json()["duplicates"] == 1  # same version
    payload.update(deleted_at="2026-01-05T04:00:00.000Z", updated_at="2026-01-05T04:00:00.000Z")
    assert site.hook("post", "post_destroyed", payload).json()["applied"] == 1
    assert _post(site, "1202").deleted_at is not None  # type: ignore[union-attr]
    payload.update(deleted_at=None, updated_at="2026-01-05T05:00:00.000Z")
    assert site.hook("post", "post_recovered", payload).json()["applied"] == 2
    assert _post(site, "1202").deleted_at is None  # type: ignore[union-attr]
    assert [e.type for e in recorder.events] == [
        "post.created", "post.edited", "post.deleted", "post.restored", "post.edited"]
    assert recorder.events[1].post.body == "edited words"


def test_small_actions_whispers_and_private_messages_are_not_forum_posts(site: Site) -> None:
    for name in ("post_created_small_action", "post_created_private_message"):
        response = site.hook("post", "post_created", fixture(name)["post"])
        assert response.json() == {"applied": 0, "duplicates": 0}
    whisper = fixture("post_created_reply")["post"]
    whisper.update(id=1210, post_type=4)
    assert site.hook("post", "post_created", whisper).json()["applied"] == 0
    assert site.outbox() == []


def test_staff_flag_of_the_payload_marks_the_author_staff(site: Site) -> None:
    payload = fixture("post_created_first")["post"]
    payload.update(staff=True, moderator=True)
    site.hook("post", "post_created", payload)
    assert _post(site, "1201").author_is_staff  # type: ignore[union-attr]
    assert site.member("42").is_staff  # type: ignore[union-attr]


def test_announcement_and_reactions_only_categories(site: Site, recorder: Recorder) -> None:
    payload = fixture("post_created_first")["post"]
    payload.update(category_id=2)
    site.hook("post", "post_created", payload)
    assert _thread(site, "301").announcement  # type: ignore[union-attr]
    other = fixture("post_created_first")["post"]
    other.update(id=1401, topic_id=401, category_id=9)
    site.hook("post", "post_created", other)
    assert recorder.of_type("post.created")[1].post.response_mode == "reactions_only"


def test_user_created_makes_a_member_with_staff_from_the_payload(
    site: Site, recorder: Recorder
) -> None:
    assert site.hook("user", "user_created", fixture("user_created")["user"]
                     ).json()["applied"] == 1
    member = site.member("77")
    assert member is not None and not member.is_staff
    moderator = fixture("user_created")["user"]
    moderator.update(id=78, moderator=True)
    site.hook("user", "user_created", moderator)
    assert site.member("78").is_staff  # type: ignore[union-attr]


def test_a_like_is_gratitude_of_the_configured_kind(site: Site, recorder: Recorder) -> None:
    site.hook("post", "post_created", fixture("post_created_first")["post"])
    like: dict[str, Any] = fixture("post_liked")["like"]
    assert site.hook("like", "post_liked", like).json()["applied"] == 1
    [reaction] = recorder.of_type("reaction.added")
    assert (reaction.reaction.post_id, reaction.reaction.member_id, reaction.reaction.kind) == (
        "1201", "57", "thank_you")
    site.configure(like_kind="hug")
    like["user"]["id"] = 58
    site.hook("like", "post_liked", like)
    assert recorder.of_type("reaction.added")[1].reaction.kind == "hug"


def test_a_signed_body_that_is_not_discourse_shaped_is_422(site: Site) -> None:
    response = site.hook("post", "post_created", {"id": "not-a-number"})
    assert response.status_code == 422
    assert "post.id" in response.json()["detail"]


@pytest.mark.parametrize("name", ["topic_revised", "topic_recovered",
                                  "topic_archived_status_updated"])
def test_other_topic_events_update_the_thread(site: Site, name: str) -> None:
    topic = fixture("topic_created")["topic"]
    topic.update(archived=name.startswith("topic_archived"), title="Still can't sleep")
    assert site.hook("topic", name, topic).json()["applied"] == 1
    thread = _thread(site, "301")
    assert thread is not None and thread.title == "Still can't sleep"
    assert thread.closed is name.startswith("topic_archived")  # archived takes no replies
    assert site.hook("topic", "topic_destroyed", topic).json()["applied"] == 0


def test_a_form_encoded_webhook_says_to_choose_json(site: Site) -> None:
    from forumkit.adapters.discourse import signature

    body = b"payload=%7B%22post%22%3A%7B%7D%7D"
    response = site.client.post("/v1/hooks/dc", content=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Discourse-Event-Type": "post", "X-Discourse-Event": "post_created",
        "X-Discourse-Event-Id": "5",
        "X-Discourse-Event-Signature": signature.sign(secret=site.secret, body=body)})
    assert response.status_code == 422
    assert "content type to application/json" in response.json()["detail"]
