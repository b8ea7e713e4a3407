"""The outbound address policy when an admin saves a URL: refused addresses get a 422."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from forumkit.app import create_app
from forumkit.services import Services
from forumkit.settings import Settings
from tests.conftest import make_registry
from tests.support.receiver import Receiver, running
from tests.support.world import World

REFUSED = "refused by the outbound address policy"
SECRET = "whsec_" + "c2VjcmV0LWZvci1hbGVydHMtMTIzNDU2Nzg="

# Loopback, "this host", private, link-local and cloud metadata addresses, in the spellings
# a URL parser or the C resolver turns into them.
REFUSED_URLS = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8080/",
    "http://localhost/",
    "http://LocalHost:9000/",
    "http://localhost./",
    "http://api.localhost/",
    "http://[::1]/",
    "http://0.0.0.0/",
    "http://0/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0x7f.1/",
    "http://017700000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://127.0.0.1./",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::127.0.0.1]/",
    "http://[::]/",
    "http://169.254.169.254/",
    "http://10.0.0.5/",
    "http://172.16.3.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://[2002:7f00:1::]/",
]


@pytest.fixture
def allow(request: pytest.FixtureRequest) -> list[str]:
    return list(getattr(request, "param", []))


@pytest.fixture
def settings(db: str, allow: list[str]) -> Settings:
    return Settings(
        database_url=db, run_scheduler=False, outbound_allow=allow,
        _env_file=None,  # type: ignore[call-arg]
    )


def _channel(world: World, kind: str, url: str) -> Any:
    target = {"kind": kind, "url": url, **({"secret": SECRET} if kind == "webhook" else {})}
    return world.client.put(
        "/v1/forums/calm/plugins/unanswered",
        json={"settings": {"channels": {"moderators": {"kind": "adapter"}, "ops": target}}},
        headers=world.auth("calm:admin"),
    )


def _callback(world: World, url: str) -> Any:
    return world.client.patch(
        "/v1/forums/calm", json={"adapter_settings": {"callback_url": url}},
        headers=world.auth("calm:admin"),
    )


def _discourse(world: World, url: str, slug: str = "dc") -> Any:
    return world.client.post(
        "/v1/forums",
        json={"slug": slug, "adapter": "discourse",
              "adapter_settings": {"base_url": url, "api_key": "k" * 16}},
        headers=world.auth("operator"),
    )


def _refusal(response: Any, loc: list[str]) -> None:
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == loc
    assert REFUSED in error["msg"]
    assert "FORUMKIT_OUTBOUND_ALLOW" in error["msg"]


def test_a_webhook_channel_to_a_local_address_is_refused_in_every_spelling(world: World) -> None:
    accepted = []
    for url in REFUSED_URLS:
        response = _channel(world, "webhook", url)
        if response.status_code != 422:
            accepted.append(url)
        else:
            _refusal(response, ["body", "settings", "channels", "ops", "url"])
    assert accepted == []
    plugins = world.client.get("/v1/forums/calm/plugins", headers=world.auth("calm:admin"))
    [unanswered] = [p for p in plugins.json() if p["name"] == "unanswered"]
    assert "ops" not in unanswered["settings"]["channels"]


def test_a_slack_channel_to_a_local_address_is_refused(world: World) -> None:
    accepted = [url for url in REFUSED_URLS if _channel(world, "slack", url).status_code != 422]
    assert accepted == []
    _refusal(_channel(world, "slack", "http://[::ffff:127.0.0.1]:3000/hooks"),
             ["body", "settings", "channels", "ops", "url"])


def test_a_generic_callback_url_to_a_local_address_is_refused(world: World) -> None:
    accepted = [url for url in REFUSED_URLS if _callback(world, url).status_code != 422]
    assert accepted == []
    _refusal(_callback(world, "http://2130706433/forumkit"),
             ["body", "adapter_settings", "callback_url"])
    forum = world.client.get("/v1/forums/calm", headers=world.auth("calm:admin")).json()
    assert forum["adapter_settings"].get("callback_url") is None


def test_a_discourse_base_url_to_a_local_address_is_refused(world: World) -> None:
    accepted = [url for url in REFUSED_URLS if _discourse(world, url).status_code != 422]
    assert accepted == []
    _refusal(_discourse(world, "http://169.254.169.254"),
             ["body", "adapter_settings", "base_url"])
    forums = world.client.get("/v1/forums", headers=world.auth("operator")).json()
    assert "dc" not in [f["slug"] for f in forums]


def test_public_addresses_and_names_are_accepted(world: World) -> None:
    # A name is resolved when it is called, not when it is saved.
    assert _channel(world, "webhook", "https://alerts.example.org/hook").status_code == 200
    assert _channel(world, "slack", "https://hooks.slack.com/services/T/B/X").status_code == 200
    assert _callback(world, "https://forum.example.org/forumkit").status_code == 200
    assert _callback(world, "http://93.184.215.14:8080/forumkit").status_code == 200
    assert _discourse(world, "https://discourse.example.org").status_code == 201


@pytest.mark.parametrize("allow", [["127.0.0.1/32"]], indirect=True)
def test_an_address_the_operator_allows_is_accepted_in_any_spelling(world: World) -> None:
    for url in ("http://127.0.0.1:8080/", "http://2130706433/", "http://127.1/"):
        assert _channel(world, "webhook", url).status_code == 200, url
        assert _callback(world, url + "forumkit").status_code == 200, url
    assert _discourse(world, "http://127.0.0.1:3000").status_code == 201
    # The allowance is that one address, not loopback or private addresses at large.
    _refusal(_channel(world, "webhook", "http://127.0.0.2/"),
             ["body", "settings", "channels", "ops", "url"])
    _refusal(_callback(world, "http://localhost/"), ["body", "adapter_settings", "callback_url"])
    _refusal(_callback(world, "http://10.0.0.5/"), ["body", "adapter_settings", "callback_url"])


@pytest.mark.parametrize("allow", [["10.1.0.0/16", "Forum.Internal."]], indirect=True)
def test_allowed_networks_and_host_names(world: World) -> None:
    assert _callback(world, "http://10.1.200.3/forumkit").status_code == 200
    assert _callback(world, "http://forum.internal/forumkit").status_code == 200
    assert _callback(world, "http://localhost/").status_code == 422
    assert _callback(world, "http://10.2.0.1/forumkit").status_code == 422


def test_the_allowance_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORUMKIT_OUTBOUND_ALLOW", " 127.0.0.1/32, 10.0.5.7/24 ,Forum.Internal.")
    assert Settings(_env_file=None).outbound_allow == [  # type: ignore[call-arg]
        "127.0.0.1/32", "10.0.5.0/24", "forum.internal",
    ]
    monkeypatch.setenv("FORUMKIT_OUTBOUND_ALLOW", "")
    assert Settings(_env_file=None).outbound_allow == []  # type: ignore[call-arg]
    monkeypatch.delenv("FORUMKIT_OUTBOUND_ALLOW")
    assert Settings(_env_file=None).outbound_allow == []  # type: ignore[call-arg]


def test_a_malformed_allowance_stops_the_service_from_starting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORUMKIT_OUTBOUND_ALLOW", "127.0.0.1/32,not a host!")
    with pytest.raises(ValidationError, match="not a host name, an IP address or a CIDR"):
        Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize("allow", [["127.0.0.1/32"]], indirect=True)
def test_saved_settings_still_load_when_the_allowance_is_dropped(world: World, db: str) -> None:
    # The check on each connection is what refuses them then (tests/test_outbound_delivery),
    # so dropping an allowance does not break the plugin's settings page.
    with running(Receiver()) as receiver:
        assert _channel(world, "webhook", receiver.url + "/hook").status_code == 200
    strict = Services.build(
        Settings(database_url=db, run_scheduler=False, _env_file=None),  # type: ignore[call-arg]
        registry=make_registry(),
    )
    try:
        with TestClient(create_app(services=strict, run_scheduler=False)) as client:
            plugins = client.get("/v1/forums/calm/plugins", headers=world.auth("calm:admin"))
    finally:
        strict.close()
    assert plugins.status_code == 200
    [unanswered] = [p for p in plugins.json() if p["name"] == "unanswered"]
    assert unanswered["settings"]["channels"]["ops"]["url"].startswith("http://127.0.0.1:")
