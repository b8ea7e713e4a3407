"""Only http(s) addresses become links: a platform cannot put script in a moderator's page."""

from __future__ import annotations

import re

from sqlmodel import select

from forumkit.db import session_scope
from forumkit.mirror.models import Post, Thread
from forumkit.outbox.models import OutboxItem
from tests.plugins.unanswered.support import advance, alerts, configure, post_created
from tests.support.pages import sign_in
from tests.support.world import World

RULE = {"rule": {"peer_window_minutes": 60,
                 "escalation": [{"after_minutes": 240, "channels": ["moderators"]}]},
        "new_member_posts": 1, "stale_after_days": 30}
HREF = re.compile(r'<a href="([^"]*)"')


def _queue_links(world: World) -> list[str]:
    response = world.client.get("/ui/forums/calm/alerts")
    assert response.status_code == 200
    assert "Can&#39;t sleep" in response.text
    return HREF.findall(response.text)


def test_a_javascript_url_is_dropped_but_the_post_is_applied(world: World) -> None:
    configure(world, RULE)
    sent = world.send([post_created("e1", "p1", url="javascript:fetch('/ui/')//")])
    assert sent.status_code == 200 and sent.json()["applied"] == 1
    advance(world, minutes=61)

    [alert] = alerts(world)
    assert alert["post_id"] == "p1" and alert["url"] is None
    sign_in(world.client, world.keys["calm:moderator"])
    links = _queue_links(world)
    assert not [h for h in links if "javascript" in h.lower()]
    assert "javascript:" not in world.client.get("/ui/forums/calm/alerts").text
    with session_scope(world.services.engine) as session:
        post = session.exec(select(Post).where(Post.ext_id == "p1")).one()
        assert post.url is None
        sent_messages = [row.payload for row in session.exec(select(OutboxItem)).all()]
    assert sent_messages and all("javascript" not in str(p).lower() for p in sent_messages)


def test_an_http_url_is_a_link(world: World) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1", url="https://forum.example/t/1")])
    advance(world, minutes=61)
    sign_in(world.client, world.keys["calm:moderator"])
    assert "https://forum.example/t/1" in _queue_links(world)


def test_a_url_stored_before_the_check_never_becomes_a_link(world: World) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1", url="https://forum.example/t/1")])
    with session_scope(world.services.engine) as session:
        post = session.exec(select(Post).where(Post.ext_id == "p1")).one()
        thread = session.exec(select(Thread).where(Thread.ext_id == "t1")).one()
        post.url = " JavaScript:alert(document.cookie)"
        thread.url = "data:text/html,<script>alert(1)</script>"
        session.add(post)
        session.add(thread)
    advance(world, minutes=61)
    sign_in(world.client, world.keys["calm:moderator"])
    assert _queue_links(world) and not [
        h for h in _queue_links(world) if "alert(" in h or "javascript" in h.lower()]
    assert alerts(world)[0]["url"] is None


def _store_url(world: World, post_id: str, url: str) -> None:
    with session_scope(world.services.engine) as session:
        post = session.exec(select(Post).where(Post.ext_id == post_id)).one()
        post.url = url
        session.add(post)


def test_suggested_labels_page_links_only_http_urls(world: World) -> None:
    world.send([
        post_created("e1", "p1", body="He hit me again last night."),
        post_created("e2", "p2", thread="t2", author="u9", body="He hit me again today."),
    ])
    _store_url(world, "p1", "javascript:alert(1)")  # as an older version may have kept it
    _store_url(world, "p2", "https://forum.example/t/2")
    sign_in(world.client, world.keys["calm:moderator"])
    page = world.client.get("/ui/forums/calm/content-warnings/suggestions")
    assert page.status_code == 200
    assert "on post p1" in page.text and "javascript" not in page.text.lower()
    assert HREF.findall(page.text).count("https://forum.example/t/2") == 1


def test_alert_messages_leave_out_links_that_are_not_http() -> None:
    from forumkit.channels.message import AlertMessage

    for url in ("javascript:alert(1)", "data:text/html,hi", "java\tscript:x", "//no-scheme"):
        message = AlertMessage.model_validate({"title": "A post waits", "url": url})
        assert message.url is None, url
    kept = AlertMessage.model_validate({"title": "A post waits", "url": "https://f.example/t/1"})
    assert str(kept.url) == "https://f.example/t/1"
