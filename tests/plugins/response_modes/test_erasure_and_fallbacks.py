"""Erasing a member removes their threads' modes and their name from changes they made; a
platform that cannot hide a post gets moderators asked instead."""

from __future__ import annotations

from sqlmodel import select

from forumkit import adapter as contract
from forumkit.adapters.generic import GenericAdapter
from forumkit.db import session_scope
from forumkit.events import EventBatch
from forumkit.forums import service as forums
from forumkit.ingest.service import ingest
from forumkit.outbox.models import OutboxItem
from forumkit.plugins.response_modes.models import ModeChange, ThreadMode
from tests.plugins.response_modes.conftest import diary, set_mode
from tests.support.world import World, post_created


def _rows(world: World) -> tuple[list[ThreadMode], list[ModeChange]]:
    with session_scope(world.services.engine) as session:
        return (list(session.exec(select(ThreadMode))), list(session.exec(select(ModeChange))))


def test_erasing_a_member_removes_their_threads_modes(world: World) -> None:
    diary(world, thread="t1", author="u42")
    diary(world, thread="t2", author="u8")
    assert set_mode(world, "mod1", "open", thread="t2", actor_is_staff=True).status_code == 200
    erased = world.client.delete("/v1/forums/calm/members/u42",
                                 headers=world.auth("calm:platform"))
    assert erased.json()["erased"] is True
    modes, changes = _rows(world)
    assert len(modes) == 1 and len(changes) == 2  # only t2's remain
    world.client.delete("/v1/forums/calm/members/mod1", headers=world.auth("calm:platform"))
    _, changes = _rows(world)
    assert [c.actor_member_id for c in changes if c.by == "moderator"] == [None]
    assert len(changes) == 2  # the record of the change stays, without who made it


class _CannotHide(GenericAdapter):
    kind = "cannot_hide"
    capabilities = frozenset({contract.NOTIFY_MODERATORS, contract.MESSAGE_MEMBER})


def test_a_platform_that_cannot_hide_gets_moderators_asked_kindly(world: World) -> None:
    registry = world.services.registry
    registry.add_adapter(_CannotHide)
    now = world.services.clock.now()
    events = EventBatch.model_validate({"events": [
        post_created("e1", "p1", response_mode="diary"),
        post_created("e2", "r1", first=False, author="u7", at="2026-01-05T03:00:00Z"),
    ]}).events
    with session_scope(world.services.engine) as session:
        forum = forums.create_forum(session, registry, slug="plain", adapter="cannot_hide",
                                    name=None, adapter_settings={}, actor="test", now=now)
        ingest(session, forum, list(events), registry, now)
        forum_id = forum.id
    with session_scope(world.services.engine) as session:
        rows = list(session.exec(select(OutboxItem).where(OutboxItem.forum_id == forum_id)))
    kinds = sorted(r.kind for r in rows if (r.dedupe_key or "").startswith("response_modes"))
    assert kinds == ["notify_moderators"]  # no hide_post, no set_thread_replies
    [ask] = [r for r in rows if (r.dedupe_key or "").startswith("response_modes:cannot-hide:")]
    assert ask.payload["post_id"] == "r1"
    assert "cannot hide it automatically" in ask.payload["text"]

