"""A small world for route tests: two forums, keys of each scope, helpers to send events."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event

from forumkit.db import session_scope
from forumkit.forums import service as forums
from forumkit.keys import service as keys
from forumkit.keys.models import Scope
from forumkit.services import Services


def seed_forums(services: Services) -> tuple[dict[str, str], dict[str, str]]:
    """Forums calm and other, a key of each scope for each, and an operator key: the keys
    ("calm:platform" -> key) and the forums' webhook secrets (slug -> secret)."""
    made_keys: dict[str, str] = {}
    secrets: dict[str, str] = {}
    now = services.clock.now()
    with session_scope(services.engine) as session:
        for slug in ("calm", "other"):
            forum = forums.create_forum(
                session, services.registry, slug=slug, adapter="generic", name=slug.title(),
                adapter_settings={}, actor="test", now=now,
            )
            secrets[slug] = forum.webhook_secret
            for scope in Scope:
                _, plain = keys.create_key(session, scope=scope, forum_id=forum.id, now=now)
                made_keys[f"{slug}:{scope.value}"] = plain
        _, operator = keys.create_key(session, scope=Scope.admin, forum_id=None, now=now)
        made_keys["operator"] = operator
    return made_keys, secrets


@dataclass
class World:
    services: Services
    client: TestClient
    keys: dict[str, str] = field(default_factory=dict)  # "calm:platform" -> key
    secrets: dict[str, str] = field(default_factory=dict)  # slug -> webhook secret

    @classmethod
    def build(cls, services: Services, client: TestClient) -> World:
        made_keys, secrets = seed_forums(services)
        return cls(services, client, made_keys, secrets)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    @contextmanager
    def statements(self) -> Iterator[list[str]]:
        """The SQL statements the service runs inside the block, in order."""
        seen: list[str] = []

        def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            seen.append(statement)

        event.listen(self.services.engine, "before_cursor_execute", record)
        try:
            yield seen
        finally:
            event.remove(self.services.engine, "before_cursor_execute", record)

    def send(self, events: list[dict[str, Any]], forum: str = "calm") -> Any:
        return self.client.post(
            f"/v1/forums/{forum}/events", json={"events": events},
            headers=self.auth(f"{forum}:platform"),
        )


def post_created(
    event_id: str, post_id: str, *, thread: str = "t1", author: str = "u42",
    at: datetime | str = "2026-01-05T02:10:00Z", first: bool = True, **fields: Any,
) -> dict[str, Any]:
    post = {"id": post_id, "thread_id": thread, "author_id": author,
            "is_first_in_thread": first, "title": "Can't sleep" if first else None,
            "body": "I have not slept properly in days", **fields}
    return {"id": event_id, "type": "post.created", "occurred_at": _iso(at), "post": post}


def _iso(at: datetime | str) -> str:
    return at if isinstance(at, str) else at.isoformat()
