"""Nothing of a post body or a platform user id reaches the database or the logs."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from forumkit import logs
from forumkit.db import session_scope
from forumkit.models import metadata
from forumkit.outbox.worker import deliver_due
from tests.support.world import World, post_created

BODY = "my-private-words-about-tonight"
USER = "platform-user-alice-7731"
REACTOR = "platform-user-bob-4410"


def _database_text(world: World) -> str:
    dump = []
    with session_scope(world.services.engine) as session:
        for table in metadata().metadata.sorted_tables:
            for row in session.execute(text(f'SELECT * FROM "{table.name}"')):
                dump.append(repr(tuple(row)))
    return "\n".join(dump)


def test_bodies_and_user_ids_are_not_stored_or_logged(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    logs.quiet_libraries()  # as the service does at start-up
    world.send([
        post_created("e1", "p1", author=USER, body=BODY, title="A hard night"),
        post_created("e2", "p2", author=REACTOR, first=False, body=BODY + " too"),
        {"id": "e3", "type": "reaction.added", "occurred_at": "2026-01-05T02:30:00Z",
         "reaction": {"post_id": "p1", "member_id": REACTOR, "kind": "thank_you"}},
        {"id": "e4", "type": "member.created", "occurred_at": "2026-01-05T02:30:00Z",
         "member": {"id": "platform-user-carol-1"}},
    ])
    world.client.get(f"/v1/forums/calm/members/{USER}/impact", headers=world.auth("calm:platform"))
    deliver_due(world.services)

    stored = _database_text(world)
    logged = caplog.text + "\n".join(repr(r.__dict__) for r in caplog.records)
    assert "A hard night" in stored  # the title is kept, for moderators' alerts
    for secret in (BODY, USER, REACTOR, "platform-user-carol-1"):
        assert secret not in stored
        assert secret not in logged
    assert "ingested batch" in caplog.text  # the logs did run
