"""`forumkit forum rotate-secret`: a new secret at once, the old one accepted for 24 hours."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta

import pytest
from standardwebhooks import Webhook, WebhookVerificationError
from typer.testing import CliRunner

from forumkit import cli
from forumkit.outbox.worker import deliver_due
from forumkit.services import Services
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created


@pytest.fixture
def rotate(services: Services, monkeypatch: pytest.MonkeyPatch):
    """Runs the command in this process, on the test database and clock."""
    monkeypatch.setattr(cli, "_services", lambda: services)

    def run(slug: str) -> dict:
        result = CliRunner().invoke(cli.app, ["forum", "rotate-secret", slug])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run


def _post(world: World, secret: str, msg_id: str, event_id: str) -> int:
    body = json.dumps({"events": [post_created(event_id, "p-" + event_id)]})
    now = world.services.clock.now()
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, now, body),
        "content-type": "application/json",
    }
    return world.client.post("/v1/hooks/calm", content=body, headers=headers).status_code


def test_rotate_secret_prints_a_new_secret_the_package_loads(world: World, rotate, clock
                                                            ) -> None:
    shown = rotate("calm")
    assert shown["slug"] == "calm"
    assert shown["adapter"] == "generic"
    secret = shown["webhook_secret"]
    assert secret != world.secrets["calm"]
    assert len(base64.b64decode(secret.removeprefix("whsec_"), validate=True)) == 32
    Webhook(secret)
    until = datetime.fromisoformat(shown["previous_secret_accepted_until"])
    assert until == clock.now() + timedelta(hours=24)


def test_both_secrets_are_accepted_for_24_hours_then_only_the_new_one(
    world: World, rotate, clock
) -> None:
    old = world.secrets["calm"]
    new = rotate("calm")["webhook_secret"]
    assert _post(world, new, "msg_1", "e1") == 200
    assert _post(world, old, "msg_2", "e2") == 200
    clock.advance(timedelta(hours=23, minutes=59))
    assert _post(world, old, "msg_3", "e3") == 200
    clock.advance(timedelta(minutes=1))
    assert _post(world, old, "msg_4", "e4") == 401
    assert _post(world, new, "msg_5", "e5") == 200


def test_rotating_again_keeps_only_the_secret_just_replaced(world: World, rotate) -> None:
    first = world.secrets["calm"]
    second = rotate("calm")["webhook_secret"]
    third = rotate("calm")["webhook_secret"]
    assert _post(world, third, "msg_1", "e1") == 200
    assert _post(world, second, "msg_2", "e2") == 200
    assert _post(world, first, "msg_3", "e3") == 401


def test_actions_are_signed_with_the_new_secret_only(world: World, rotate) -> None:
    old = world.secrets["calm"]
    new = rotate("calm")["webhook_secret"]
    with running(Receiver()) as receiver:
        response = world.client.patch(
            "/v1/forums/calm",
            json={"adapter_settings": {"callback_url": receiver.url + "/forumkit"}},
            headers=world.auth("calm:admin"),
        )
        assert response.status_code == 200, response.text
        world.send([post_created("e1", "p1")])
        assert deliver_due(world.services) == 1
        [request] = receiver.received
    assert request.headers["webhook-signature"].count("v1,") == 1
    assert Webhook(new).verify(request.body, request.headers)["data"]["post_id"] == "p1"
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(request.body, request.headers)


def test_the_rotation_is_in_the_audit_log_without_either_secret(world: World, rotate) -> None:
    old = world.secrets["calm"]
    new = rotate("calm")["webhook_secret"]
    response = world.client.get("/v1/forums/calm/audit", headers=world.auth("calm:admin"))
    assert response.status_code == 200
    entry = response.json()[0]
    assert (entry["action"], entry["actor"], entry["subject"]) == (
        "forum.rotate_secret", "cli", "calm"
    )
    assert "previous_secret_accepted_until" in entry["after"]
    text = response.text
    for secret in (old, new):
        assert secret not in text and secret.removeprefix("whsec_") not in text


def test_rotating_an_unknown_forum_fails_clearly(services: Services, monkeypatch) -> None:
    monkeypatch.setattr(cli, "_services", lambda: services)
    result = CliRunner().invoke(cli.app, ["forum", "rotate-secret", "nowhere"])
    assert result.exit_code == 2
    assert "no forum 'nowhere'" in result.stderr
