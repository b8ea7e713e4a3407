"""The outbound address policy on every connection: deliveries to real local receivers."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from forumkit import actions
from forumkit.actions import Action
from forumkit.app import create_app
from forumkit.db import session_scope
from forumkit.forums import service as forums
from forumkit.forums.repository import by_slug
from forumkit.outbound import OutboundPolicy, system_resolver
from forumkit.outbox.service import enqueue
from forumkit.outbox.worker import adapter_for, deliver_due
from forumkit.services import Services
from forumkit.settings import Settings
from tests.conftest import make_registry
from tests.support.alerts import outbox, queue_alert
from tests.support.receiver import Receiver, running
from tests.support.world import World

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins

SECRET = "whsec_" + "c2VjcmV0LWZvci1hbGVydHMtMTIzNDU2Nzg="
DEAD_BY_POLICY = "refused by the outbound address policy; a permanent failure, not retried"
PRIVATE = "10.20.30.40"

# What the tests' fake DNS answers; other names go to the system's resolver.
NAMES = {
    "alerts.example": ["127.0.0.1"],
    "rebound.example": ["127.0.0.1", PRIVATE],
    "metadata.example": ["169.254.169.254"],
}


@pytest.fixture
def allow(request: pytest.FixtureRequest) -> list[str]:
    return list(getattr(request, "param", []))


@pytest.fixture
def settings(db: str, allow: list[str]) -> Settings:
    return Settings(
        database_url=db, run_scheduler=False, outbox_backoff_base_seconds=1.0,
        outbox_max_attempts=4, outbound_allow=allow, _env_file=None,  # type: ignore[call-arg]
    )


def fake_dns(host: str, port: int) -> list[str]:
    return NAMES[host] if host in NAMES else system_resolver(host, port)


@pytest.fixture
def services(settings: Settings, clock: Any) -> Iterator[Services]:
    built = Services.build(settings, registry=make_registry(), clock=clock)
    built.outbound = replace(built.outbound, resolve=fake_dns)
    yield built
    built.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running(Receiver()) as server:
        yield server


def _port(receiver: Receiver) -> str:
    return receiver.url.rsplit(":", 1)[1]


def _webhook(url: str) -> dict[str, str]:
    return {"url": url, "secret": SECRET}


def _store_adapter_settings(world: World, slug: str, adapter: str, values: dict) -> None:
    """Settings saved while the operator allowed loopback, kept after the allowance went."""
    allowed = OutboundPolicy.from_allowances(["127.0.0.1/32"])
    with session_scope(world.services.engine) as session:
        forum = by_slug(session, slug)
        if forum is None:
            forum = forums.create_forum(
                session, world.services.registry, slug=slug, adapter=adapter, name=slug,
                adapter_settings=values, actor="test", now=world.services.clock.now(),
                outbound=allowed,
            )
        else:
            forums.update_adapter_settings(
                session, world.services.registry, forum, values, name=None, actor="test",
                now=world.services.clock.now(), outbound=allowed,
            )
        enqueue(session, forum, [Action(kind=actions.NOTIFY_MODERATORS,
                                        payload={"text": "A post waits", "thread_id": "7"})],
                world.services.clock.now())


def test_alerts_to_loopback_are_refused_before_any_connection(
    world: World, receiver: Receiver, clock: Any,
) -> None:
    port = _port(receiver)
    urls = [
        f"http://127.0.0.1:{port}/hook", f"http://2130706433:{port}/hook",
        f"http://0x7f.1:{port}/hook", f"http://0:{port}/hook", f"http://localhost:{port}/hook",
        f"http://localhost.:{port}/hook", f"http://[::ffff:127.0.0.1]:{port}/hook",
    ]
    for url in urls:
        queue_alert(world, "webhook", _webhook(url))
    queue_alert(world, "slack", {"url": f"http://127.0.0.1:{port}/slack"})
    assert deliver_due(world.services) == len(urls) + 1
    clock.advance(timedelta(hours=6))
    assert deliver_due(world.services) == 0, "a refusal is not retried"
    assert receiver.received == []
    dead = outbox(world, "dead")
    assert len(dead) == len(urls) + 1
    assert {(item["attempts"], item["last_error"]) for item in dead} == {(1, DEAD_BY_POLICY)}


@pytest.mark.parametrize("allow", [["127.0.0.1/32"]], indirect=True)
def test_an_allowed_address_is_delivered_to(world: World, receiver: Receiver) -> None:
    port = _port(receiver)
    queue_alert(world, "webhook", _webhook(f"http://127.0.0.1:{port}/a"))
    queue_alert(world, "webhook", _webhook(f"http://2130706433:{port}/b"))
    queue_alert(world, "slack", {"url": f"http://127.0.0.1:{port}/c"})
    assert deliver_due(world.services) == 3
    assert sorted(r.path for r in receiver.received) == ["/a", "/b", "/c"]
    assert [i["status"] for i in outbox(world)] == ["delivered"] * 3


@pytest.mark.parametrize("allow", [["127.0.0.1/32"]], indirect=True)
def test_a_name_is_resolved_checked_and_called_by_its_name(
    world: World, receiver: Receiver,
) -> None:
    port = _port(receiver)
    queue_alert(world, "webhook", _webhook(f"http://alerts.example:{port}/hook"))
    assert deliver_due(world.services) == 1
    [request] = receiver.received
    assert request.headers["Host"] == f"alerts.example:{port}"
    assert [i["status"] for i in outbox(world)] == ["delivered"]


@pytest.mark.parametrize("allow", [["127.0.0.1/32"]], indirect=True)
def test_a_name_that_resolves_to_a_private_address_is_refused(
    world: World, receiver: Receiver, caplog: pytest.LogCaptureFixture,
) -> None:
    port = _port(receiver)
    # Saved while it resolved to a public address: names are not resolved when saved.
    saved = world.client.put(
        "/v1/forums/calm/plugins/unanswered",
        json={"settings": {"channels": {
            "moderators": {"kind": "adapter"},
            "ops": {"kind": "webhook", "url": f"http://rebound.example:{port}/hook",
                    "secret": SECRET},
        }}},
        headers=world.auth("calm:admin"),
    )
    assert saved.status_code == 200, saved.text
    # One of its addresses is the allowed receiver, the other private: nothing is sent.
    queue_alert(world, "webhook", _webhook(f"http://rebound.example:{port}/hook"))
    queue_alert(world, "slack", {"url": f"http://metadata.example:{port}/latest"})
    with caplog.at_level(logging.DEBUG):
        assert deliver_due(world.services) == 2
    assert receiver.received == []
    dead = outbox(world, "dead")
    assert [item["last_error"] for item in dead] == [DEAD_BY_POLICY] * 2
    # Neither the answer nor the log says what the name resolved to.
    shown = str(dead) + caplog.text
    for address in (PRIVATE, "169.254.169.254", "127.0.0.1"):
        assert address not in shown


def test_the_generic_adapters_callback_url_is_checked_on_each_connection(
    world: World, receiver: Receiver,
) -> None:
    _store_adapter_settings(world, "calm", "generic", {"callback_url": receiver.url + "/cb"})
    assert deliver_due(world.services) == 1
    assert receiver.received == []
    [dead] = outbox(world, "dead")
    assert dead["last_error"] == DEAD_BY_POLICY


def test_the_discourse_base_url_is_checked_on_each_connection(
    world: World, receiver: Receiver,
) -> None:
    _store_adapter_settings(world, "dc", "discourse",
                            {"base_url": receiver.url, "api_key": "k" * 16})
    assert deliver_due(world.services) == 1
    assert receiver.received == []
    [dead] = _dead_of(world, "dc")
    assert dead["last_error"] == DEAD_BY_POLICY


def test_the_discourse_check_says_the_policy_refused(world: World, receiver: Receiver) -> None:
    _store_adapter_settings(world, "dc", "discourse",
                            {"base_url": receiver.url, "api_key": "k" * 16})
    with session_scope(world.services.engine) as session:
        forum = by_slug(session, "dc")
        assert forum is not None
        lines = adapter_for(world.services, forum).check()  # type: ignore[attr-defined]
    assert [(line.ok, line.what) for line in lines] == [
        (False, f"cannot reach {receiver.url}: refused by the outbound address policy"),
    ]
    assert receiver.received == []


def _dead_of(world: World, slug: str) -> list[dict]:
    response = world.client.get(f"/v1/forums/{slug}/outbox", params={"status": "dead"},
                                headers=world.auth("operator"))
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("allow", [["127.0.0.1/32"]], indirect=True)
def test_redirects_are_not_followed(world: World) -> None:
    with running(Receiver()) as elsewhere, running(
        Receiver(script=[(307, {"Location": elsewhere.url + "/stolen"})])
    ) as first:
        queue_alert(world, "webhook", _webhook(first.url + "/hook"))
        assert deliver_due(world.services) == 1
        assert len(first.received) == 1
        assert elsewhere.received == []
    [dead] = outbox(world, "dead")
    assert dead["last_error"] == "HTTP 307; a permanent failure, not retried"


def test_once_the_operator_allows_the_address_a_retried_delivery_arrives(
    world: World, receiver: Receiver, db: str, clock: Any,
) -> None:
    queue_alert(world, "webhook", _webhook(receiver.url + "/hook"))
    deliver_due(world.services)
    [dead] = outbox(world, "dead")
    assert dead["last_error"] == DEAD_BY_POLICY
    allowing = Services.build(
        Settings(database_url=db, run_scheduler=False, outbound_allow=["127.0.0.1/32"],
                 _env_file=None),  # type: ignore[call-arg]
        registry=make_registry(), clock=clock,
    )
    try:
        with TestClient(create_app(services=allowing, run_scheduler=False)) as client:
            retried = client.post(f"/v1/forums/calm/outbox/{dead['id']}/retry",
                                  headers=world.auth("calm:admin"))
            assert retried.status_code == 200, retried.text
            assert deliver_due(allowing) == 1
    finally:
        allowing.close()
    assert [r.path for r in receiver.received] == ["/hook"]
    assert [i["status"] for i in outbox(world)] == ["delivered"]
