"""Captured Discourse deliveries sent again: Discourse signs the body, not the headers, so a
signed body is applied once whatever headers come with it, and the event a header names
must agree with the body it came with."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from forumkit.db import session_scope
from forumkit.mirror.models import Post, Thread
from tests.adapters.discourse.conftest import Recorder, Site, fixture


def _post(site: Site, ext_id: str) -> Post | None:
    with session_scope(site.services.engine) as session:
        return session.exec(select(Post).where(Post.ext_id == ext_id)).first()


def _thread(site: Site, ext_id: str) -> Thread | None:
    with session_scope(site.services.engine) as session:
        return session.exec(select(Thread).where(Thread.ext_id == ext_id)).first()


def _resend(site: Site, body: bytes, headers: dict[str, str], **changed: str) -> Any:
    return site.client.post("/v1/hooks/dc", content=body, headers={**headers, **changed})


def test_a_created_post_replayed_as_destroyed_deletes_nothing(
    site: Site, recorder: Recorder
) -> None:
    body, headers = site.signed("post", "post_created", fixture("post_created_reply")["post"])
    assert site.client.post("/v1/hooks/dc", content=body, headers=headers).json() == {
        "applied": 1, "duplicates": 0}
    replay = _resend(site, body, headers, **{"X-Discourse-Event": "post_destroyed",
                                             "X-Discourse-Event-Id": "7001"})
    assert replay.status_code == 200  # acknowledged: Discourse would retry a refusal
    assert replay.json() == {"applied": 0, "duplicates": 1}
    post = _post(site, "1202")
    assert post is not None and post.deleted_at is None
    assert [e.type for e in recorder.events] == ["post.created"]


def test_a_created_post_replayed_as_an_edit_is_a_duplicate(
    site: Site, recorder: Recorder
) -> None:
    # The body agrees with post_edited too (not deleted), so only the receipt stops it.
    body, headers = site.signed("post", "post_created", fixture("post_created_reply")["post"])
    site.client.post("/v1/hooks/dc", content=body, headers=headers)
    replay = _resend(site, body, headers, **{"X-Discourse-Event": "post_edited",
                                             "X-Discourse-Event-Id": "7002"})
    assert replay.json() == {"applied": 0, "duplicates": 1}
    assert [e.type for e in recorder.events] == ["post.created"]


def test_discourse_retrying_a_delivery_four_times_gets_duplicates_not_errors(
    site: Site,
) -> None:
    body, headers = site.signed("post", "post_created", fixture("post_created_first")["post"],
                                event_id=40)
    assert site.client.post("/v1/hooks/dc", content=body, headers=headers
                            ).json()["applied"] == 1
    for retry in range(41, 45):  # each of Discourse's retries is a new event with the same body
        response = _resend(site, body, headers, **{"X-Discourse-Event-Id": str(retry)})
        assert response.status_code == 200
        assert response.json() == {"applied": 0, "duplicates": 1}
    assert len(site.outbox()) == 1  # moderators were told once


def test_a_closed_topic_body_replayed_after_reopening_is_a_duplicate(site: Site) -> None:
    site.hook("post", "post_created", fixture("post_created_first")["post"])
    topic = fixture("topic_created")["topic"]
    topic.update(closed=True, highest_post_number=topic["highest_post_number"] + 1)
    closed, headers = site.signed("topic", "topic_closed_status_updated", topic, event_id=80)
    assert site.client.post("/v1/hooks/dc", content=closed, headers=headers
                            ).json()["applied"] == 1
    topic.update(closed=False, highest_post_number=topic["highest_post_number"] + 1)
    assert site.hook("topic", "topic_closed_status_updated", topic).json()["applied"] == 1
    replay = _resend(site, closed, headers, **{"X-Discourse-Event-Id": "81"})
    assert replay.status_code == 200
    assert replay.json() == {"applied": 0, "duplicates": 1}
    thread = _thread(site, "301")
    assert thread is not None and thread.closed is False


def test_a_refused_delivery_is_not_remembered(site: Site) -> None:
    # A delivery refused for its headers changes nothing, so the genuine one still applies.
    body, headers = site.signed("post", "post_created", fixture("post_created_reply")["post"])
    wrong = _resend(site, body, headers, **{"X-Discourse-Event": "post_destroyed"})
    assert wrong.status_code == 422
    assert _post(site, "1202") is None
    assert site.client.post("/v1/hooks/dc", content=body, headers=headers).json() == {
        "applied": 1, "duplicates": 0}


def _deleted(post: dict[str, Any]) -> dict[str, Any]:
    post.update(deleted_at="2026-01-05T04:00:00.000Z", updated_at="2026-01-05T04:00:00.000Z")
    return post


def _edited(post: dict[str, Any]) -> dict[str, Any]:
    post.update(version=2, updated_at="2026-01-05T03:30:00.000Z", raw="edited words")
    return post


@pytest.mark.parametrize(("header", "payload", "problem"), [
    ("post_destroyed", lambda p: p, "the post in the body is not deleted"),
    ("post_recovered", _deleted, "the post in the body is deleted"),
    ("post_edited", _deleted, "the post in the body is deleted"),
    ("post_created", _deleted, "the post in the body is deleted"),
    ("post_created", _edited, "the post in the body was edited (version 2)"),
    ("post_liked", lambda p: p, "not a post event"),
    ("post_approved", lambda p: p, "not a post event"),
])
def test_an_event_header_the_body_disagrees_with_is_refused_and_nothing_applied(
    site: Site, recorder: Recorder, header: str, payload: Any, problem: str
) -> None:
    response = site.hook("post", header, payload(fixture("post_created_reply")["post"]))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert f"X-Discourse-Event {header}" in detail and problem in detail
    assert _post(site, "1202") is None and recorder.events == []
    assert site.outbox() == []


def test_a_post_body_sent_as_a_ping_is_refused(site: Site) -> None:
    body, headers = site.signed("post", "post_created", fixture("post_created_reply")["post"])
    as_ping = _resend(site, body, headers, **{"X-Discourse-Event-Type": "ping"})
    assert as_ping.status_code == 422
    assert "ping" in as_ping.json()["detail"]
    # Not remembered either: the genuine delivery still applies.
    assert site.client.post("/v1/hooks/dc", content=body, headers=headers
                            ).json()["applied"] == 1


def test_a_like_body_under_another_like_event_is_refused(site: Site) -> None:
    like = fixture("post_liked")["like"]
    response = site.hook("like", "post_unliked", like)
    assert response.status_code == 422
    assert "X-Discourse-Event post_unliked" in response.json()["detail"]


def test_an_edit_older_than_the_mirror_changes_nothing(site: Site, recorder: Recorder) -> None:
    first = fixture("post_created_first")["post"]
    site.hook("post", "post_created", first)
    newer = dict(first, version=3, updated_at="2026-01-05T05:00:00.000Z",
                 topic_title="Sleeping a little better", category_id=2, raw="newer words")
    older = dict(first, version=2, updated_at="2026-01-05T04:00:00.000Z",
                 topic_title="Still can't sleep", category_id=7, raw="older words")
    assert site.hook("post", "post_edited", newer).json()["applied"] == 1
    # Discourse delivers the older edit late (its first attempt failed and was retried).
    late = site.hook("post", "post_edited", older)
    assert late.status_code == 200
    assert late.json() == {"applied": 0, "duplicates": 1}
    thread = _thread(site, "301")
    assert thread is not None
    assert (thread.title, thread.category_id, thread.announcement) == (
        "Sleeping a little better", "2", True)
    post = _post(site, "1201")
    assert post is not None and post.edited_at is not None
    assert post.edited_at.isoformat().startswith("2026-01-05T05:00:00")
    assert [e.type for e in recorder.events] == ["post.created", "post.edited"]
    assert recorder.events[-1].post.body == "newer words"  # plugins never saw the older words


def test_an_edit_newer_than_the_mirror_applies(site: Site, recorder: Recorder) -> None:
    first = fixture("post_created_first")["post"]
    site.hook("post", "post_created", first)
    older = dict(first, version=2, updated_at="2026-01-05T04:00:00.000Z",
                 topic_title="Still can't sleep")
    newer = dict(first, version=3, updated_at="2026-01-05T05:00:00.000Z",
                 topic_title="Sleeping a little better")
    assert site.hook("post", "post_edited", older).json()["applied"] == 1
    assert site.hook("post", "post_edited", newer).json()["applied"] == 1
    assert _thread(site, "301").title == "Sleeping a little better"  # type: ignore[union-attr]
    assert recorder.events[-1].occurred_at.isoformat().startswith("2026-01-05T05:00:00")
