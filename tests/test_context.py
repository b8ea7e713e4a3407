"""The core resolves each plugin's per-forum context: on or off, settings, facets, actions."""

from __future__ import annotations

import pytest
from sqlmodel import select

from forumkit.context import PluginContext
from forumkit.db import session_scope
from forumkit.errors import NotFound
from forumkit.forums import repository as forums
from forumkit.outbox.models import OutboxItem
from forumkit.plugin import JobContext
from forumkit.registry import Registry, RegistryError
from forumkit.scheduler import all_jobs, run_job
from tests.support.plugins import WATCHED, PluginForTests, WatchNewThreads
from tests.support.world import World

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins

OFF = {"detail": "the watch feature is switched off for this forum"}


def _switch(world: World, on: bool, forum: str = "calm") -> None:
    response = world.client.put(f"/v1/forums/{forum}/plugins/watch", json={"enabled": on},
                                headers=world.auth(f"{forum}:admin"))
    assert response.status_code == 200, response.text


def _queued(world: World, slug: str) -> list[tuple[str, str]]:
    with session_scope(world.services.engine) as session:
        forum = forums.by_slug(session, slug)
        assert forum is not None
        items = session.exec(select(OutboxItem).where(OutboxItem.forum_id == forum.id))
        return [(item.kind, item.payload["text"]) for item in items]


def test_a_route_gets_its_forum_settings_and_facets_of_plugins_that_are_on(world: World) -> None:
    world.client.put("/v1/forums/calm/plugins/watch", json={"settings": {"message": "Look"}},
                     headers=world.auth("calm:admin"))
    read = world.client.get("/v1/forums/calm/watch/settings",
                            headers=world.auth("calm:platform"))
    assert read.status_code == 200, read.text
    assert read.json() == {"forum": "calm", "settings": {"message": "Look", "threshold": 1},
                           "watched": {"1": True, "2": None}}


def test_a_plugin_that_is_off_answers_the_same_404_on_every_route(world: World) -> None:
    _switch(world, False)
    read = world.client.get("/v1/forums/calm/watch/settings",
                            headers=world.auth("calm:platform"))
    ping = world.client.post("/v1/forums/calm/watch/ping", headers=world.auth("calm:moderator"))
    assert (read.status_code, read.json()) == (404, OFF)
    assert (ping.status_code, ping.json()) == (404, OFF)
    # The usual checks still come first, and the other forum is not affected.
    assert world.client.get("/v1/forums/calm/watch/settings").status_code == 401
    assert world.client.post("/v1/forums/calm/watch/ping",
                             headers=world.auth("calm:platform")).status_code == 403
    assert world.client.get("/v1/forums/other/watch/settings",
                            headers=world.auth("other:platform")).status_code == 200


def test_actions_a_route_emits_reach_the_outbox_when_it_commits(world: World) -> None:
    ping = world.client.post("/v1/forums/calm/watch/ping", headers=world.auth("calm:moderator"))
    assert ping.status_code == 200 and ping.json()["by"].startswith("key:")
    assert _queued(world, "calm") == [("notify_moderators", "A new thread was started")]


def test_actions_a_read_path_route_emits_reach_the_outbox(world: World) -> None:
    ping = world.client.post("/v1/forums/calm/watch/ping-while-reading",
                             headers=world.auth("calm:platform"))
    assert ping.status_code == 200
    assert _queued(world, "calm") == [("notify_moderators", "seen while reading")]


def test_a_job_sees_only_forums_where_its_plugin_is_on(world: World) -> None:
    _switch(world, False, forum="other")
    WatchNewThreads.job_runs.clear()
    [spec] = [s for s in all_jobs(world.services) if s.name == "watch.sweep"]
    run_job(world.services, spec)
    assert [sorted(run.values()) for run in WatchNewThreads.job_runs] == [["calm"]]
    assert _queued(world, "calm") == [("notify_moderators", "swept")]
    assert _queued(world, "other") == []


def test_facets_of_a_plugin_that_is_off_give_their_defaults(world: World) -> None:
    registry = world.services.registry
    assert registry.facets_on(["watch"]).providers.keys() >= {WATCHED.name}
    assert WATCHED.name not in registry.facets_on(["gratitude"]).providers


def test_context_of_a_plugin_not_installed_is_not_found(world: World) -> None:
    with session_scope(world.services.engine) as session:
        forum = forums.by_slug(session, "calm")
        assert forum is not None
        with pytest.raises(NotFound, match="no plugin 'nope'"):
            world.services.registry.context(session, forum, "nope", world.services.clock.now())
        ctx = world.services.registry.context(session, forum, "watch",
                                              world.services.clock.now())
        assert isinstance(ctx, PluginContext) and ctx.forum_id == forum.id


def test_two_plugins_of_one_name_or_two_providers_of_one_facet_stop_start_up() -> None:
    registry = Registry()
    registry.add_plugin(WatchNewThreads())
    with pytest.raises(RegistryError, match="two plugins are named 'watch'"):
        registry.add_plugin(WatchNewThreads())

    class AlsoWatches(PluginForTests):
        name = "also"

        def facets(self) -> dict[object, object]:
            return {WATCHED: lambda session, forum, ids: {}}

    with pytest.raises(RegistryError, match="provided by both plugin 'watch' and plugin 'also'"):
        registry.add_plugin(AlsoWatches())


assert JobContext  # jobs take a JobContext; its forums() is what the sweep above uses


def test_a_plugin_route_that_does_not_take_its_context_stops_start_up() -> None:
    from fastapi import APIRouter

    from forumkit.app import create_app
    from forumkit.deps import PlatformAccess
    from forumkit.services import Services
    from forumkit.settings import Settings

    loose = APIRouter()

    @loose.get("/loose/thing")
    def thing(access: PlatformAccess) -> dict[str, str]:
        return {"forum": access.forum.slug}

    class Loose(PluginForTests):
        name = "loose"

        def router(self) -> APIRouter:
            return loose

    registry = Registry()
    registry.add_plugin(Loose())
    services = Services.build(Settings(database_url="sqlite://", _env_file=None),  # type: ignore[call-arg]
                              registry=registry)
    try:
        with pytest.raises(RegistryError, match="route /loose/thing of plugin 'loose' does "
                                                "not take its plugin context"):
            create_app(services=services, run_scheduler=False)
    finally:
        services.close()
