"""Discourse retries a refused webhook four times and then drops it, so what is too long for
an event is cut to fit rather than refused: the post and the topic still arrive."""

from __future__ import annotations

from forumkit.events import (  # noqa
    MAX_BODY_CHARS,
    MAX_TAG_CHARS,
    MAX_TAGS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
)
from tests.adapters.discourse.conftest import Recorder, Site, fixture


def test_an_oversize_title_and_body_are_cut_and_the_post_is_applied(
    site: Site, recorder: Recorder
) -> None:
    post = fixture("post_created_first")["post"]
    post["raw"] = "I have not slept properly in days. " * 10_000  # 350,000 characters
    post["topic_title"] = "Can't sleep " * 100
    post["topic_slug"] = "cant-sleep-" * 300
    response = site.hook("post", "post_created", post)
    assert response.status_code == 200, response.text
    assert response.json() == {"applied": 1, "duplicates": 0}
    [created] = recorder.of_type("post.created")
    assert created.post.body == post["raw"][:MAX_BODY_CHARS]
    assert created.post.title == post["topic_title"][:MAX_TITLE_CHARS]
    assert created.post.url is not None and len(created.post.url) <= MAX_URL_CHARS
    assert created.post.url.endswith(f"/t/-/{post['topic_id']}/1")


def test_oversize_and_too_many_tags_are_cut_and_the_topic_is_applied(
    site: Site, recorder: Recorder
) -> None:
    topic = fixture("topic_created")["topic"]
    topic["title"] = "Can't sleep again " * 50
    topic["tags"] = ["diary", "cw-self-harm", "t" * 300] + [f"tag-{n}" for n in range(200)]
    response = site.hook("topic", "topic_created", topic)
    assert response.status_code == 200, response.text
    assert response.json()["applied"] == 1
    [updated] = recorder.of_type("thread.updated")
    tags = updated.thread.tags
    assert len(tags) == MAX_TAGS
    assert tags[:3] == ["diary", "cw-self-harm", "t" * MAX_TAG_CHARS]
    assert updated.thread.title == topic["title"][:MAX_TITLE_CHARS]
    # What the tags mean is read from the tags as sent, before any was cut.
    assert updated.thread.content_warnings == ["self-harm"]
    assert updated.thread.response_mode == "diary"


def test_characters_no_database_keeps_are_replaced_and_the_post_is_applied(
    site: Site, recorder: Recorder
) -> None:
    post = fixture("post_created_first")["post"]
    post["raw"] = "before\x00after"
    post["topic_title"] = "half a pair \ud800"
    assert site.hook("post", "post_created", post).json() == {"applied": 1, "duplicates": 0}
    [created] = recorder.of_type("post.created")
    assert created.post.body == "before\ufffdafter"
    assert created.post.title == "half a pair \ufffd"


def test_a_post_from_beyond_the_year_3000_is_refused_with_422_not_a_server_error(
    site: Site,
) -> None:
    post = fixture("post_created_first")["post"]
    post["created_at"] = "9999-12-31T23:59:59.000Z"
    response = site.hook("post", "post_created", post)
    assert response.status_code == 422
    assert "Times must be between" in response.json()["detail"]
