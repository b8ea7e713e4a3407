"""The read path's copy of keys and forums (forumkit/access.py): kept a few seconds, dropped
at once by a change committed in this process, and expired for a change made elsewhere."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import text

from forumkit.clock import FrozenClock
from forumkit.keys import service as keys
from tests.support.world import World, post_created

TTL = timedelta(seconds=5)  # the default access_cache_seconds
JUST_OVER = TTL + timedelta(milliseconds=100)


def _hints(world: World, who: str = "calm:platform") -> Any:
    return world.client.post("/v1/forums/calm/render-hints", json={"post_ids": ["p1"]},
                             headers=world.auth(who))


def _permissions(world: World) -> Any:
    return world.client.get("/v1/forums/calm/permissions", params={"thread_id": "t1"},
                            headers=world.auth("calm:platform"))


def _elsewhere(world: World, statement: str, **values: Any) -> None:
    """A change made by another process: straight to the database, past this process."""
    with world.services.engine.begin() as conn:
        conn.execute(text(statement), values)


def _revoke_elsewhere(world: World, who: str) -> None:
    _elsewhere(world, "UPDATE api_key SET revoked_at = created_at WHERE key_hash = :h",
               h=keys.hash_key(world.keys[who]))


def test_a_key_revoked_elsewhere_still_reads_until_its_copy_expires(
    world: World, clock: FrozenClock,
) -> None:
    world.send([post_created("e1", "p1")])
    assert _hints(world).status_code == 200
    assert _permissions(world).status_code == 200
    _revoke_elsewhere(world, "calm:platform")
    clock.advance(TTL - timedelta(milliseconds=100))
    assert _hints(world).status_code == 200  # the copy holds
    assert _permissions(world).status_code == 200
    clock.advance(timedelta(milliseconds=200))
    refused = _hints(world)
    assert refused.status_code == 401
    assert refused.json()["detail"] == "this API key is unknown or revoked"
    assert _permissions(world).status_code == 401
    # Writes never use the copy: the same key was refused there at once.


def test_a_revoked_key_is_refused_at_once_by_routes_that_write(world: World) -> None:
    assert _hints(world).status_code == 200
    _revoke_elsewhere(world, "calm:platform")
    assert world.send([post_created("e1", "p1")]).status_code == 401


def test_a_key_revoked_in_this_process_is_refused_at_once(world: World) -> None:
    made = world.client.post("/v1/forums/calm/keys", json={"scope": "platform"},
                             headers=world.auth("calm:admin")).json()
    world.keys["calm:new"] = made["key"]
    assert _hints(world, "calm:new").status_code == 200
    gone = world.client.delete(f"/v1/forums/calm/keys/{made['id']}",
                               headers=world.auth("calm:admin"))
    assert gone.status_code == 200
    assert _hints(world, "calm:new").status_code == 401


def test_a_plugin_switched_off_elsewhere_answers_404_once_the_copy_expires(
    world: World, clock: FrozenClock,
) -> None:
    world.send([post_created("e1", "p1")])
    assert _hints(world).status_code == 200
    _elsewhere(world, "DELETE FROM forum_plugin WHERE plugin = 'content_warnings'")
    _elsewhere(world, "INSERT INTO forum_plugin (forum_id, plugin, enabled, settings, updated_at)"
               " SELECT id, 'content_warnings', :off, '{}', created_at FROM forum"
               " WHERE slug = 'calm'", off=False)
    assert _hints(world).status_code == 200
    clock.advance(JUST_OVER)
    off = _hints(world)
    assert (off.status_code, off.json()["detail"]) == (
        404, "the content_warnings feature is switched off for this forum")
    assert _permissions(world).status_code == 200  # its other plugins are still on


def test_a_plugin_switched_off_in_this_process_answers_404_at_once(world: World) -> None:
    world.send([post_created("e1", "p1")])
    assert _hints(world).status_code == 200
    off = world.client.put("/v1/forums/calm/plugins/content_warnings", json={"enabled": False},
                           headers=world.auth("calm:admin"))
    assert off.status_code == 200
    refused = _hints(world)
    assert (refused.status_code, refused.json()["detail"]) == (
        404, "the content_warnings feature is switched off for this forum")


def test_settings_changed_in_this_process_apply_to_the_next_page(world: World) -> None:
    world.send([post_created("e1", "p1", content_warnings=["self-harm"])])
    assert _hints(world).json()["posts"]["p1"]["display"] == "blur"
    changed = world.client.put("/v1/forums/calm/plugins/content_warnings",
                               json={"settings": {"anonymous_default": "hide"}},
                               headers=world.auth("calm:admin"))
    assert changed.status_code == 200
    assert _hints(world).json()["posts"]["p1"]["display"] == "hide"


def test_a_warm_copy_reads_no_key_forum_or_plugin_rows(world: World) -> None:
    world.send([post_created("e1", "p1")])
    assert _hints(world).status_code == 200
    with world.statements() as seen:
        assert _hints(world).status_code == 200
        assert _hints(world, "calm:platform").status_code == 200
    tables = ("api_key", "forum_plugin", "FROM forum ", "message_override")
    assert not [s for s in seen if any(t in s for t in tables)], seen


def test_a_warm_page_of_hints_is_one_statement_with_no_transaction_around_it(
    world: World,
) -> None:
    world.send([post_created("e1", "p1", content_warnings=["self-harm"])])
    assert _hints(world).status_code == 200
    with world.statements() as seen:
        assert _hints(world).json()["posts"]["p1"]["display"] == "blur"
    assert len(seen) == 1 and seen[0].lstrip().upper().startswith("SELECT"), seen


def test_another_forum_s_key_is_404_and_a_missing_scope_403_from_the_copy(
    world: World,
) -> None:
    world.send([post_created("e1", "p1")])
    for _ in range(2):  # the first answer reads the database, the second the copy
        assert _hints(world, "other:platform").status_code == 404
        assert _hints(world, "calm:moderator").status_code == 403
        assert _hints(world, "operator").status_code == 200


def test_with_no_time_to_keep_every_request_reads_the_database(
    world: World, clock: FrozenClock,
) -> None:
    world.services.access.ttl = timedelta(0)  # access_cache_seconds=0
    assert _hints(world).status_code == 200
    _revoke_elsewhere(world, "calm:platform")
    assert _hints(world).status_code == 401
