"""Signatures both ways: what the client sends holds for the reference `standardwebhooks`
package and for ForumKit; what ForumKit sends the forum is checked and typed, and a
tampered or foreign delivery is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks import Webhook

from forumkit.client import (
    ActionDelivery,
    ActionError,
    Client,
    NotifyModerators,
    SignatureError,
    verify_action,
)
from forumkit.outbox.worker import deliver_due
from tests.client.conftest import LiveForumKit
from tests.support.receiver import Received, Receiver, running
from tests.support.world import World, post_created


def test_a_batch_the_client_signs_holds_for_standardwebhooks_and_forumkit_applies_it(
    forumkit: LiveForumKit,
) -> None:
    with Client(forumkit.url, "calm", secret=forumkit.secret) as client:
        result = client.send_events([post_created("e1", "p1")])
    assert (result.applied, result.duplicates, result.rejected) == (1, 0, [])
    [seen] = forumkit.recording.requests
    assert seen.path == "/v1/hooks/calm"
    Webhook(forumkit.secret).verify(seen.body, seen.headers)  # raises when it does not hold


def _delivered_action(world: World) -> Received:
    """An action as ForumKit's outbox delivers it to the forum's callback URL."""
    with running(Receiver()) as receiver:
        answer = world.client.patch(
            "/v1/forums/calm", json={"adapter_settings": {"callback_url": receiver.url + "/fk"}},
            headers=world.auth("calm:admin"))
        assert answer.status_code == 200, answer.text
        world.send([post_created("e1", "p1")])
        assert deliver_due(world.services) == 1
        [request] = receiver.received
    return request


def test_an_action_forumkit_delivers_is_verified_and_read_as_its_type(world: World) -> None:
    request = _delivered_action(world)
    delivery = verify_action(secret=world.secrets["calm"], headers=request.headers,
                             body=request.body)
    assert isinstance(delivery, ActionDelivery)
    assert (delivery.type, delivery.forum, delivery.attempt) == ("notify_moderators", "calm", 1)
    assert delivery.id == request.headers["webhook-id"]
    assert isinstance(delivery.action, NotifyModerators)
    assert delivery.action.post_id == "p1"


def test_a_tampered_foreign_or_stale_delivery_is_refused(world: World) -> None:
    request = _delivered_action(world)
    secret = world.secrets["calm"]
    tampered = request.body.replace(b'"p1"', b'"p9"')
    assert tampered != request.body
    with pytest.raises(SignatureError, match="does not match"):
        verify_action(secret=secret, headers=request.headers, body=tampered)
    with pytest.raises(SignatureError, match="does not match"):
        verify_action(secret=world.secrets["other"], headers=request.headers, body=request.body)
    with pytest.raises(SignatureError, match="seconds from now"):
        verify_action(secret=secret, headers=request.headers, body=request.body,
                      now=datetime.now(UTC) + timedelta(minutes=6))
    with pytest.raises(SignatureError, match="missing"):
        verify_action(secret=secret, headers={}, body=request.body)
    # The old secret, still accepted while a rotation settles.
    delivery = verify_action(secret=world.secrets["other"], also_accepted=[secret],
                             headers=request.headers, body=request.body)
    assert delivery.type == "notify_moderators"


def test_a_signed_delivery_of_an_unknown_action_is_an_action_error(world: World) -> None:
    from forumkit import signing

    secret = world.secrets["calm"]
    for data, problem in ((("a_new_kind", {}), "unknown action type"),
                          (("hide_post", {}), "post_id: Field required")):
        kind, fields = data
        body = json.dumps({"id": "d1", "type": kind, "forum": "calm", "attempt": 1,
                           "created_at": "2026-01-05T02:10:00+00:00", "data": fields}).encode()
        headers = signing.signed_headers(secret=secret, msg_id="d1", now=datetime.now(UTC),
                                         body=body)
        with pytest.raises(ActionError, match=problem):
            verify_action(secret=secret, headers=headers, body=body)


def test_fields_a_newer_forumkit_adds_to_an_action_are_left_out_not_refused() -> None:
    body = json.dumps({"id": "d1", "type": "hide_post", "forum": "calm", "attempt": 2,
                       "created_at": "2026-01-05T02:10:00+00:00",
                       "data": {"post_id": "p1", "severity": "new"}})
    delivery = ActionDelivery.from_json(body)
    assert delivery.action.kind == "hide_post" and delivery.attempt == 2
