"""Content warnings with the rest of ForumKit: facets for other plugins, tags delivered to
the platform, erasure of a member, and nothing of a post's text kept."""

from __future__ import annotations

from sqlalchemy import text

from forumkit.db import session_scope
from forumkit.forums import repository as forums
from forumkit.mirror import repository as mirror
from forumkit.models import metadata
from forumkit.outbox.worker import deliver_due
from forumkit.plugins.content_warnings.facets import POST_LABELS, TEXT_LABELS
from tests.plugins.content_warnings.helpers import hints, prefer, put_labels
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created


def test_other_plugins_read_labels_through_facets(world: World) -> None:
    world.send([post_created("e1", "p1", content_warnings=["abuse", "violence"], body="Hi."),
                post_created("e2", "p2", first=False, body="The funeral was hard.")])
    registry = world.services.registry
    with session_scope(world.services.engine) as session:
        forum = forums.by_slug(session, "calm")
        assert forum is not None and forum.id is not None
        # What another plugin on this forum is given: the facets of its context.
        facets = registry.context(session, forum, "helper_impact",
                                  world.services.clock.now()).facets
        p1 = mirror.get_post(session, forum.id, "p1")
        p2 = mirror.get_post(session, forum.id, "p2")
        assert p1 is not None and p2 is not None
        labels = facets.get(POST_LABELS, session, forum, [p1.id, p2.id])
        assert labels == {p1.id: ["abuse", "violence"], p2.id: []}  # p2's is only suggested
        found = facets.ask(TEXT_LABELS)(session, forum, "I want to end my life")
        assert found == [{"key": "suicide", "matched": ["end my life"]}]


def test_label_changes_reach_the_platform_as_tags(world: World) -> None:
    with running(Receiver()) as receiver:
        response = world.client.patch(
            "/v1/forums/calm", headers=world.auth("calm:admin"),
            json={"adapter_settings": {"callback_url": receiver.url + "/forumkit"}})
        assert response.status_code == 200
        world.send([post_created("e1", "p1", content_warnings=["abuse"], body="Hello.")])
        put_labels(world, "p1", "moderator", "mod1", ["violence"], reason="It is violent.")
        while deliver_due(world.services):
            pass
        sent = [r.json() for r in receiver.received]
    tags = [(s["data"]["add"], s["data"]["remove"]) for s in sent if s["type"] == "set_post_tags"]
    assert sorted(tags) == [(["abuse"], []), (["violence"], ["abuse"])]
    [told] = [s["data"] for s in sent if s["type"] == "message_member"]
    assert told["about_post_id"] == "p1" and "It is violent." in told["text"]


def test_erasing_a_member_removes_their_labels_and_preferences(world: World) -> None:
    world.send([post_created("e1", "p1", author="u42", content_warnings=["abuse"], body="Hi"),
                post_created("e2", "p2", thread="t2", author="u7", body="Hello")])
    prefer(world, "u42", {"abuse": "hide"})
    put_labels(world, "p2", "moderator", "u42", ["violence"], reason="Moderating")
    erased = world.client.delete("/v1/forums/calm/members/u42",
                                 headers=world.auth("calm:platform"))
    assert erased.status_code == 200 and erased.json()["posts"] == 1
    assert hints(world, "u42", ["p1"])["unknown"] == ["p1"]
    with session_scope(world.services.engine) as session:
        prefs = session.execute(text("SELECT count(*) FROM content_warnings_preference"))
        assert prefs.scalar() == 0
        actors = session.execute(text("SELECT actor FROM content_warnings_history")).all()
    assert [a for (a,) in actors] == ["erased"]  # their change to p2 stays, untraceable
    state = world.client.get("/v1/forums/calm/posts/p2/labels",
                             headers=world.auth("calm:platform")).json()
    assert [label["key"] for label in state["labels"]] == ["violence"]


def test_a_posts_words_are_not_kept_only_the_lists_phrases(world: World) -> None:
    body = "zq-private I was cutting myself and wanted to die after the funeral"
    world.send([post_created("e1", "p1", body=body, author="platform-user-1234")])
    with session_scope(world.services.engine) as session:
        dump = "\n".join(
            repr(tuple(row)) for table in metadata().metadata.sorted_tables
            for row in session.execute(text(f'SELECT * FROM "{table.name}"')))
    assert "zq-private" not in dump and "platform-user-1234" not in dump
    assert "cutting myself" not in dump  # the list's "cut myself" is what is kept
    assert "cut myself" in dump
