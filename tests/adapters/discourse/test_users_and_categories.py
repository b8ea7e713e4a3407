"""Discourse's user and category webhooks: a deleted account is erased, a changed one keeps
ForumKit's idea of who is staff, and subforum names reach moderators' alerts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import select

from forumkit.clock import FrozenClock
from forumkit.db import session_scope
from forumkit.forums.repository import by_slug
from forumkit.mirror import categories
from forumkit.mirror.models import Member, Post
from forumkit.outbox.worker import deliver_due
from forumkit.plugin import JobContext
from forumkit.plugins.unanswered.jobs import fire_due_count
from tests.adapters.discourse.conftest import Site, fixture
from tests.support.erasure import held


def _user(user_id: int, **changes: Any) -> dict[str, Any]:
    """A WebHookUserSerializer payload, as user_created, user_updated and user_destroyed
    send it."""
    user = fixture("user_created")["user"]
    user.update(id=user_id, created_at="2025-06-01T09:00:00.000Z", **changes)
    return user


def _topic(site: Site, post_id: int, topic_id: int) -> dict[str, Any]:
    """A new topic's first post by member 42, posted now."""
    post = fixture("post_created_first")["post"]
    now = site.services.clock.now().isoformat()
    post.update(id=post_id, topic_id=topic_id, topic_slug=f"topic-{topic_id}",
                created_at=now, updated_at=now)
    return post




def _wait(site: Site, minutes: int) -> list[str]:
    """Let time pass, fire what is due and deliver it: the texts of the messages sent."""
    clock = site.services.clock
    assert isinstance(clock, FrozenClock)
    clock.advance(timedelta(minutes=minutes))
    fire_due_count(JobContext(engine=site.services.engine, now=clock.now(), app=site.services))
    before = len(site.fake.messages())
    while deliver_due(site.services):
        pass
    return [m["raw"] for m in site.fake.messages()[before:]]


def test_user_destroyed_erases_the_member_everywhere_and_a_repeat_is_a_duplicate(
    site: Site,
) -> None:
    assert site.hook("user", "user_created", _user(57)).json()["applied"] == 1
    for kind, name, payload in [
        ("post", "post_created", fixture("post_created_first")["post"]),
        ("post", "post_created", fixture("post_created_reply")["post"]),  # by 57
        ("like", "post_liked", fixture("post_liked")["like"]),  # 57 thanks 42
    ]:
        assert site.hook(kind, name, payload).json()["applied"] == 1, name
    carol = site.member("57")
    assert carol is not None and carol.id is not None
    with session_scope(site.services.engine) as session:
        assert len(held(session, carol.id)) >= 2  # her reply and her thanks, at least

    # Discourse sends the account as it was: here byte for byte what user_created sent.
    response = site.hook("user", "user_destroyed", _user(57))
    assert response.json() == {"applied": 1, "duplicates": 0}
    with session_scope(site.services.engine) as session:
        assert held(session, carol.id) == {}
        assert session.get(Member, carol.id) is None
        assert session.exec(select(Post).where(Post.ext_id == "1202")).first() is None
    assert site.member("42") is not None  # the member she answered is untouched

    # Discourse's retry (the same body), and the same account's deletion sent in another body:
    # duplicates. Later news of her changes nothing either.
    assert site.hook("user", "user_destroyed", _user(57)).json() == {
        "applied": 0, "duplicates": 1}
    assert site.hook("user", "user_destroyed", _user(57, last_seen_at="2026-01-05T03:00:00Z")
                     ).json() == {"applied": 0, "duplicates": 1}
    assert site.hook("user", "user_updated", _user(57, moderator=True)).json() == {
        "applied": 0, "duplicates": 1}
    assert site.member("57") is None


def test_user_updated_sets_staff_and_a_staff_member_s_topic_is_not_watched(
    site: Site,
) -> None:
    site.watch_for_answers()
    promoted = _user(42, moderator=True, locale="de", user_option={"timezone": "Europe/Berlin"})
    assert site.hook("user", "user_updated", promoted).json() == {"applied": 1, "duplicates": 0}
    member = site.member("42")
    assert member is not None and member.is_staff
    assert member.joined_at is not None and member.joined_at.year == 2025

    # Their topic's post says nothing of staff (a moderator's post flags can lag); the member
    # record decides: a moderator's topic waits for no answer.
    assert site.hook("post", "post_created", fixture("post_created_first")["post"]
                     ).json()["applied"] == 1
    assert _wait(site, 120) == []

    # Made a member again (and approved, which sends the same user): watched again.
    assert site.hook("user", "user_updated", _user(42)).json()["applied"] == 1
    assert site.hook("user", "user_approved", _user(42, last_seen_at="2026-01-05T02:00:00Z")
                     ).json()["applied"] == 1
    assert not site.member("42").is_staff  # type: ignore[union-attr]
    assert site.hook("post", "post_created", _topic(site, 1301, 302)).json()["applied"] == 1
    assert _wait(site, 59) == []
    [alert] = _wait(site, 1)
    assert "/t/topic-302/302/1" in alert

    # user_approved alone makes an admin staff too.
    assert site.hook("user", "user_approved", _user(43, admin=True)).json()["applied"] == 1
    assert site.member("43").is_staff  # type: ignore[union-attr]


def test_category_names_from_discourse_reach_the_next_alert(site: Site) -> None:
    site.watch_for_answers()
    created = fixture("category_updated")["category"]
    assert site.hook("category", "category_created", created).json() == {
        "applied": 1, "duplicates": 0}
    assert site.hook("post", "post_created", fixture("post_created_first")["post"]
                     ).json()["applied"] == 1
    [first] = _wait(site, 30)
    assert "A post in Sleep has waited 30 min" in first

    renamed = {**created, "name": "Sleep  and\nrest", "slug": "sleep-and-rest"}
    assert site.hook("category", "category_updated", renamed).json()["applied"] == 1
    assert site.hook("post", "post_created", _topic(site, 1301, 302)).json()["applied"] == 1
    [second] = _wait(site, 60)  # no longer a new member's first post: the peer window
    assert "A post in Sleep and rest has waited 1 h" in second

    # The first body again is a duplicate; a deleted category changes nothing; another
    # subforum keeps its own name.
    assert site.hook("category", "category_created", created).json() == {
        "applied": 0, "duplicates": 1}
    emptied = {**renamed, "topic_count": 0, "post_count": 0}  # Discourse deletes only these
    assert site.hook("category", "category_destroyed", emptied).json() == {
        "applied": 0, "duplicates": 0}
    other = {**created, "id": 9, "name": "Carers", "slug": "carers"}
    assert site.hook("category", "category_created", other).json()["applied"] == 1
    with session_scope(site.services.engine) as session:
        forum = by_slug(session, "dc")
        assert forum is not None and forum.id is not None
        assert categories.all_names(session, forum.id) == {"7": "Sleep and rest", "9": "Carers"}


def test_user_and_category_changes_need_discourse_s_event_id(site: Site) -> None:
    body, headers = site.signed("user", "user_updated", _user(42, moderator=True))
    del headers["X-Discourse-Event-Id"]
    response = site.client.post("/v1/hooks/dc", content=body, headers=headers)
    assert response.status_code == 422
    assert "X-Discourse-Event-Id" in response.json()["detail"]
    assert site.member("42") is None
