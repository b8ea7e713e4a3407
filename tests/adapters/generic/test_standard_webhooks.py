"""Generic forums' secrets work with the reference `standardwebhooks` package both ways, and
secrets issued before the Standard Webhooks format keep working as they did."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import UTC, datetime

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from forumkit.db import session_scope
from forumkit.forums.repository import by_slug
from forumkit.outbox.worker import deliver_due
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created


def _signed_by_standardwebhooks(world: World, secret: str, msg_id: str = "msg_1"
                                ) -> tuple[bytes, dict[str, str]]:
    body = json.dumps({"events": [post_created("e1", "p1")]})
    now = world.services.clock.now()
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, now, body),
        "content-type": "application/json",
    }
    return body.encode(), headers


def _connect(world: World, url: str) -> None:
    response = world.client.patch(
        "/v1/forums/calm", json={"adapter_settings": {"callback_url": url + "/forumkit"}},
        headers=world.auth("calm:admin"),
    )
    assert response.status_code == 200, response.text


def _set_secret(world: World, secret: str) -> None:
    with session_scope(world.services.engine) as session:
        forum = by_slug(session, "calm")
        assert forum is not None
        forum.webhook_secret = secret
        session.add(forum)


def test_a_new_forums_secret_loads_in_standardwebhooks(world: World) -> None:
    secret = world.secrets["calm"]
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"), validate=True)) == 32
    Webhook(secret)  # raises on a secret it cannot read


def test_a_body_signed_with_standardwebhooks_is_accepted(world: World) -> None:
    body, headers = _signed_by_standardwebhooks(world, world.secrets["calm"])
    response = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json() == {"applied": 1, "duplicates": 0}


def test_a_body_signed_with_another_forums_secret_is_refused(world: World) -> None:
    body, headers = _signed_by_standardwebhooks(world, world.secrets["other"])
    response = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert response.status_code == 401
    assert "does not match" in response.json()["detail"]


def test_actions_sent_to_the_forum_verify_with_standardwebhooks(world: World) -> None:
    with running(Receiver()) as receiver:
        _connect(world, receiver.url)
        world.send([post_created("e1", "p1")])
        assert deliver_due(world.services) == 1
        [request] = receiver.received
    # Verified against the wall clock, as a forum's server would.
    delivered = Webhook(world.secrets["calm"]).verify(request.body, request.headers)
    assert delivered["type"] == "notify_moderators"
    assert delivered["data"]["post_id"] == "p1"
    with pytest.raises(WebhookVerificationError):
        Webhook(world.secrets["other"]).verify(request.body, request.headers)


LEGACY = "whsec_" + secrets.token_urlsafe(32)  # the format forums were given before


def _hmac_of_text(secret: str, msg_id: str, timestamp: str, body: bytes) -> str:
    content = f"{msg_id}.{timestamp}.".encode() + body
    text = secret.removeprefix("whsec_").encode()
    return "v1," + base64.b64encode(hmac.new(text, content, hashlib.sha256).digest()).decode()


def test_a_forum_with_a_secret_issued_before_still_verifies_as_it_did(world: World) -> None:
    _set_secret(world, LEGACY)
    body = json.dumps({"events": [post_created("e1", "p1")]}).encode()
    stamp = str(int(world.services.clock.now().timestamp()))
    headers = {"webhook-id": "msg_1", "webhook-timestamp": stamp,
               "webhook-signature": _hmac_of_text(LEGACY, "msg_1", stamp, body)}
    response = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json() == {"applied": 1, "duplicates": 0}


def test_a_forum_with_a_secret_issued_before_gets_actions_signed_as_before(
    world: World
) -> None:
    _set_secret(world, LEGACY)
    with running(Receiver()) as receiver:
        _connect(world, receiver.url)
        world.send([post_created("e1", "p1")])
        assert deliver_due(world.services) == 1
        [request] = receiver.received
    stamp = request.headers["webhook-timestamp"]
    assert abs(int(stamp) - datetime.now(UTC).timestamp()) < 60
    assert request.headers["webhook-signature"] == _hmac_of_text(
        LEGACY, request.headers["webhook-id"], stamp, request.body
    )
