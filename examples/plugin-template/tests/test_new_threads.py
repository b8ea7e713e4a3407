"""The template's own tests: the plugin in a ForumKit of its own, through the API, the way
a forum and its admin use it. Copy them with the template."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from forumkit_new_threads import NewThreadsPlugin
from forumkit_new_threads.models import NewThread
from sqlmodel import select

from forumkit.app import create_app
from forumkit.clock import FrozenClock
from forumkit.db import session_scope
from forumkit.forums import service as forums
from forumkit.keys import service as keys
from forumkit.keys.models import Scope
from forumkit.migrate import upgrade
from forumkit.outbox.models import OutboxItem
from forumkit.registry import Registry
from forumkit.scheduler import all_jobs, run_job
from forumkit.services import Services
from forumkit.settings import Settings

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Forum:
    def __init__(self, client: TestClient, services: Services, keys: dict[Scope, str]):
        self.client, self.services, self.keys = client, services, keys

    def call(self, method: str, path: str, scope: Scope, **kw: object) -> dict:  # type: ignore[type-arg]
        response = self.client.request(method, f"/v1/forums/calm{path}",
                                       headers={"Authorization": f"Bearer {self.keys[scope]}"},
                                       **kw)  # type: ignore[arg-type]
        assert response.status_code < 300, response.text
        return response.json()  # type: ignore[no-any-return]

    def post(self, event_id: str, post_id: str, thread: str, first: bool, at: datetime) -> None:
        self.call("POST", "/events", Scope.platform, json={"events": [{
            "id": event_id, "type": "post.created", "occurred_at": at.isoformat(),
            "post": {"id": post_id, "thread_id": thread, "author_id": "u1",
                     "is_first_in_thread": first}}]})


def _registry() -> Registry:
    registry = Registry.discover(plugins=False)  # the adapters and channels, this plugin alone
    registry.add_plugin(NewThreadsPlugin())
    return registry


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated once (the core's revisions, then this plugin's branch)."""
    path = tmp_path_factory.mktemp("db") / "forumkit.db"
    upgrade(f"sqlite:///{path}", registry=_registry())
    return path


@pytest.fixture
def forum(migrated: Path, tmp_path: Path) -> Iterator[Forum]:
    shutil.copyfile(migrated, tmp_path / "forumkit.db")  # a fresh copy for each test
    url = f"sqlite:///{tmp_path / 'forumkit.db'}"
    registry = _registry()
    settings = Settings(database_url=url, run_scheduler=False,
                        _env_file=None)  # type: ignore[call-arg]
    services = Services.build(settings, registry=registry, clock=FrozenClock(NOW))
    with session_scope(services.engine) as session:
        made = forums.create_forum(session, registry, slug="calm", adapter="generic",
                                   name="Calm", adapter_settings={}, actor="test", now=NOW)
        plain = {scope: keys.create_key(session, scope=scope, forum_id=made.id, now=NOW)[1]
                 for scope in Scope}
    with TestClient(create_app(services=services, run_scheduler=False)) as client:
        yield Forum(client, services, plain)
    services.close()


def test_it_is_off_until_an_admin_switches_it_on(forum: Forum) -> None:
    response = forum.client.get("/v1/forums/calm/new-threads/count",
                                headers={"Authorization": f"Bearer {forum.keys[Scope.moderator]}"})
    assert response.status_code == 404
    assert response.json() == {"detail": "the new_threads feature is switched off for this forum"}


def test_new_threads_are_counted_and_moderators_told_when_asked(forum: Forum) -> None:
    forum.call("PUT", "/plugins/new_threads", Scope.admin,
               json={"enabled": True, "settings": {"notify_moderators": True}})
    forum.post("e1", "p1", "t1", True, NOW - timedelta(days=2))
    forum.post("e2", "p2", "t1", False, NOW - timedelta(days=1))  # a reply starts nothing
    forum.post("e3", "p3", "t2", True, NOW - timedelta(days=10))
    assert forum.call("GET", "/new-threads/count", Scope.moderator) == {"days": 7, "started": 1}
    assert forum.call("GET", "/new-threads/count?days=30", Scope.moderator)["started"] == 2
    with session_scope(forum.services.engine) as session:
        notes = session.exec(select(OutboxItem)).all()
        assert [n.payload["thread_id"] for n in notes] == ["t1", "t2"]


def test_the_job_forgets_old_threads_and_erasure_forgets_the_author(forum: Forum) -> None:
    forum.call("PUT", "/plugins/new_threads", Scope.admin,
               json={"enabled": True, "settings": {"keep_days": 5}})
    forum.post("e1", "p1", "t1", True, NOW - timedelta(days=2))
    forum.post("e2", "p2", "t2", True, NOW - timedelta(days=10))
    [forget] = [spec for spec in all_jobs(forum.services) if spec.name == "new_threads.forget"]
    run_job(forum.services, forget)
    assert forum.call("GET", "/new-threads/count?days=30", Scope.moderator)["started"] == 1
    assert forum.call("DELETE", "/members/u1", Scope.platform)["erased"] is True
    with session_scope(forum.services.engine) as session:
        assert [t.author_id for t in session.exec(select(NewThread))] == [None]
