"""A Discourse forum "dc" connected to a local fake Discourse, and webhooks signed as
Discourse signs them."""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from forumkit.actions import Action
from forumkit.adapters.discourse import signature
from forumkit.db import session_scope
from forumkit.events import Event
from forumkit.forums import service as forums
from forumkit.forums.repository import by_slug
from forumkit.identity import member_key
from forumkit.keys import service as keys
from forumkit.keys.models import Scope
from forumkit.mirror.models import Member
from forumkit.outbox import service as outbox
from forumkit.plugin import EventContext
from forumkit.services import Services
from tests.adapters.discourse.fake_discourse import API_KEY, API_USERNAME, FakeDiscourse, running
from tests.support.plugins import PluginForTests

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> dict[str, Any]:
    return copy.deepcopy(json.loads((FIXTURES / f"{name}.json").read_text()))


@dataclass
class Site:
    """The forum "dc" as ForumKit knows it, and a way to send it Discourse's webhooks."""

    client: TestClient
    services: Services
    secret: str
    fake: FakeDiscourse
    admin_key: str
    next_event: int = 900
    sent: list[bytes] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hook(self, event_type: str, event: str, payload: dict[str, Any] | None,
             *, event_id: int | None = None, secret: str | None = None) -> Any:
        """POST a webhook exactly as Discourse's emit_web_hook_event job builds it."""
        body, headers = self.signed(event_type, event, payload, event_id=event_id,
                                    secret=secret)
        return self.client.post("/v1/hooks/dc", content=body, headers=headers)

    def signed(self, event_type: str, event: str, payload: dict[str, Any] | None,
               *, event_id: int | None = None, secret: str | None = None
               ) -> tuple[bytes, dict[str, str]]:
        if event_id is None:
            with self.lock:
                self.next_event += 1
                event_id = self.next_event
        body_obj = {"ping": "OK"} if event_type == "ping" else {event_type: payload}
        body = json.dumps(body_obj, separators=(",", ":")).encode()  # MultiJson.dump
        self.sent.append(body)
        headers = {
            "Accept": "*/*", "Content-Type": "application/json",
            "User-Agent": "Discourse/3.4.0", "X-Discourse-Instance": self.fake.url,
            "X-Discourse-Event-Id": str(event_id), "X-Discourse-Event-Type": event_type,
            "X-Discourse-Event-Signature": signature.sign(secret=secret or self.secret,
                                                          body=body),
        }
        if event_type != "ping":
            headers["X-Discourse-Event"] = event
        return body, headers

    def configure(self, **changes: Any) -> None:
        response = self.client.patch(
            "/v1/forums/dc", json={"adapter_settings": changes},
            headers={"Authorization": f"Bearer {self.admin_key}"},
        )
        assert response.status_code == 200, response.text

    def member(self, platform_id: str) -> Member | None:
        """The mirror's member for a Discourse user id, found by its keyed pseudonym."""
        with session_scope(self.services.engine) as session:
            forum = by_slug(session, "dc")
            assert forum is not None
            key = member_key(forum.member_secret, platform_id)
            return session.exec(select(Member).where(Member.key == key)).first()

    def watch_for_answers(self) -> None:
        """Unanswered-post alerts on with a one-hour peer window, the tests' own plugin off."""
        admin = {"Authorization": f"Bearer {self.admin_key}"}
        self.client.put("/v1/forums/dc/plugins/watch", json={"enabled": False}, headers=admin)
        response = self.client.put(
            "/v1/forums/dc/plugins/unanswered", headers=admin,
            json={"enabled": True, "settings": {"new_member_settling_days": 0, "rule": {
                "peer_window_minutes": 60, "new_member_window_minutes": 30, "escalation": []}}},
        )
        assert response.status_code == 200, response.text

    def queue(self, kind: str, **payload: Any) -> None:
        """Put an action in the outbox, as a plugin's handler would."""
        with session_scope(self.services.engine) as session:
            forum = by_slug(session, "dc")
            assert forum is not None
            outbox.enqueue(session, forum, [Action(kind=kind, payload=payload)],
                           self.services.clock.now())

    def outbox(self, status: str | None = None) -> list[dict[str, Any]]:
        params = {"status": status} if status else {}
        response = self.client.get("/v1/forums/dc/outbox", params=params,
                                   headers={"Authorization": f"Bearer {self.admin_key}"})
        assert response.status_code == 200
        return list(response.json())


class Recorder(PluginForTests):
    """Keeps the core events plugins are handed, to see what the adapter made of a webhook."""

    name = "recorder"

    def __init__(self) -> None:
        self.events: list[Event] = []

    def handle(self, event: Event, ctx: EventContext) -> list[Action]:
        self.events.append(event)
        return []

    def of_type(self, kind: str) -> list[Any]:
        return [e for e in self.events if e.type == kind]


@pytest.fixture
def recorder(services: Services) -> Recorder:
    plugin = Recorder()
    services.registry.add_plugin(plugin)
    return plugin


@pytest.fixture
def fake() -> Iterator[FakeDiscourse]:
    with running(FakeDiscourse()) as server:
        yield server


@pytest.fixture
def site(services: Services, client: TestClient, fake: FakeDiscourse) -> Site:
    now = services.clock.now()
    with session_scope(services.engine) as session:
        forum = forums.create_forum(
            session, services.registry, slug="dc", adapter="discourse", name="Calm Discourse",
            adapter_settings={
                "base_url": fake.url, "api_key": API_KEY, "api_username": API_USERNAME,
                "warning_tags": {"cw-self-harm": "self-harm", "cw-grief": "grief"},
                "diary_tags": ["diary"], "announcement_categories": ["2"],
                "reactions_only_categories": ["9"],
            },
            actor="test", now=now, outbound=services.outbound,
        )
        _, admin = keys.create_key(session, scope=Scope.admin, forum_id=forum.id, now=now)
        secret = forum.webhook_secret
    return Site(client=client, services=services, secret=secret, fake=fake, admin_key=admin)
