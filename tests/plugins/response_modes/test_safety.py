"""Posts nobody is expected to answer still reach moderators quietly when they carry a
high-risk content warning, from the post itself or from the post.labels facet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session, col, select

from forumkit.mirror.models import Post
from forumkit.plugins.response_modes.facets import POST_LABELS
from tests.plugins.response_modes.conftest import delivered, diary, queued, reply
from tests.support.plugins import PluginForTests
from tests.support.receiver import Receiver
from tests.support.world import World, post_created


def _safety(world: World) -> list[Any]:
    return [q for q in queued(world, "notify_moderators")
            if (q.dedupe_key or "").startswith("response_modes:safety:")]


def test_high_risk_diary_post_reaches_moderators_quietly(
    world: World, platform: Receiver
) -> None:
    diary(world, content_warnings=["Self-harm"], url="https://forum.example/t/1")
    notes = [n for n in delivered(world, platform, "notify_moderators")
             if n["data"].get("quiet")]
    [note] = notes
    assert note["data"]["post_id"] == "t1-p1"
    assert note["data"]["labels"] == ["self-harm"]
    assert note["data"]["url"] == "https://forum.example/t/1"
    assert note["data"]["text"].startswith("A quiet check: a diary post")
    assert "emergency" not in note["data"]["text"], "the software cannot know"
    assert "no unanswered-post alert will come for it" in note["data"]["text"]


def test_the_check_is_sent_once_per_post(world: World) -> None:
    diary(world, content_warnings=["suicide"])
    world.send([{"id": "e9", "type": "post.edited", "occurred_at": "2026-01-05T05:00:00Z",
                 "post": {"id": "t1-p1", "content_warnings": ["suicide", "self-harm"]}}])
    assert len(_safety(world)) == 1


def test_low_risk_or_open_posts_get_no_check(world: World) -> None:
    diary(world, thread="t1", content_warnings=["grief"])
    world.send([post_created("e2", "t2-p1", thread="t2", content_warnings=["self-harm"])])
    assert _safety(world) == []


def test_the_authors_follow_up_and_a_label_added_by_edit_are_checked(world: World) -> None:
    diary(world)
    reply(world, "f1", author="u42", content_warnings=["suicide"])
    world.send([{"id": "e9", "type": "post.edited", "occurred_at": "2026-01-05T05:00:00Z",
                 "post": {"id": "t1-p1", "content_warnings": ["self-harm"]}}])
    assert sorted(q.payload["post_id"] for q in _safety(world)) == ["f1", "t1-p1"]


def test_reactions_only_posts_are_checked_too(world: World) -> None:
    world.send([post_created("e1", "p1", response_mode="reactions_only",
                             content_warnings=["suicide"])])
    [note] = _safety(world)
    assert note.payload["response_mode"] == "reactions_only"


def test_high_risk_labels_are_a_setting(world: World) -> None:
    world.client.put("/v1/forums/calm/plugins/response_modes",
                     json={"settings": {"high_risk_labels": ["eating-disorder"]}},
                     headers=world.auth("calm:admin"))
    diary(world, thread="t1", content_warnings=["self-harm"])
    diary(world, thread="t2", content_warnings=["eating-disorder"])
    assert [q.payload["thread_id"] for q in _safety(world)] == ["t2"]


class _Labels(PluginForTests):
    """Stands in for the content-warnings plugin: labels it knows, by platform post id."""

    name = "aa_labels_for_test"
    known: dict[str, list[str]] = {}

    def facets(self) -> dict[Any, Any]:
        def provide(session: Session, forum: Any, ids: list[int]) -> dict[int, list[str]]:
            posts = session.exec(select(Post).where(col(Post.id).in_(ids)))
            return {p.id: self.known[p.ext_id] for p in posts
                    if p.id is not None and p.ext_id in self.known}

        return {POST_LABELS: provide}


@pytest.fixture
def labels(world: World) -> Iterator[type[_Labels]]:
    # One provider per facet: the stand-in takes it over in this test's own registry.
    registry = world.services.registry
    registry.facets.providers.pop(POST_LABELS.name)
    registry.facet_owners.pop(POST_LABELS.name)
    registry.add_plugin(_Labels())
    yield _Labels
    _Labels.known = {}


def test_labels_from_the_post_labels_facet_count(world: World, labels: type[_Labels]) -> None:
    # The content-warnings plugin labels the post as it arrives (it runs first by name).
    labels.known = {"t1-p1": ["Suicide"], "t2-p1": ["suicide"]}
    diary(world, thread="t1")
    world.send([post_created("e2", "t2-p1", thread="t2")])
    [note] = _safety(world)
    assert (note.payload["post_id"], note.payload["labels"]) == ("t1-p1", ["suicide"])
