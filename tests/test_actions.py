"""Actions are typed: a payload that does not fit its kind cannot be made, and what is
delivered is exactly what the OpenAPI document publishes under `webhooks`."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from fastapi import FastAPI
from pydantic import ValidationError

from forumkit.actions import HIDE_POST, MESSAGE_MEMBER, Action, ActionKind
from forumkit.outbox.worker import deliver_due
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created


def test_a_payload_with_a_field_its_kind_does_not_have_cannot_be_made() -> None:
    with pytest.raises(ValidationError, match="post_idd"):
        Action(kind=HIDE_POST, payload={"post_idd": "p1", "reason": "diary"})
    with pytest.raises(ValidationError, match="about_post_id"):
        Action(kind=MESSAGE_MEMBER, payload={"member": "m1", "text": "hello"})
    with pytest.raises(ValidationError, match="kind"):
        Action(kind="launch_rockets", payload={})


def test_a_payload_is_kept_as_the_plugin_gave_it() -> None:
    made = Action(kind=HIDE_POST, payload={"post_id": "p1", "reason": "diary"})
    assert made.payload == {"post_id": "p1", "reason": "diary"}


def test_every_action_kind_is_published_as_a_webhook(app_for_tests: FastAPI) -> None:
    webhooks = app_for_tests.openapi()["webhooks"]
    assert set(webhooks) == {kind.value for kind in ActionKind}


def _schema(doc: dict[str, Any], name: str) -> dict[str, Any]:
    body = doc["webhooks"][name]["post"]["requestBody"]["content"]["application/json"]
    # Resolve the document's references for jsonschema.
    return {**body["schema"], "components": doc["components"]}


def test_a_delivery_to_a_generic_forum_matches_its_published_schema(
    world: World, app_for_tests: FastAPI
) -> None:
    with running(Receiver()) as receiver:
        world.client.patch("/v1/forums/calm", json={"adapter_settings": {
            "callback_url": receiver.url + "/forumkit"}}, headers=world.auth("calm:admin"))
        world.send([post_created("e1", "p1")])  # the test plugin tells the moderators
        assert deliver_due(world.services) == 1
        [request] = receiver.received
    delivered = request.json()
    doc = app_for_tests.openapi()
    schema = _schema(doc, delivered["type"])
    jsonschema.validate(delivered, _local_refs(schema))
    bad = {**delivered, "data": {**delivered["data"], "text": 7}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, _local_refs(schema))


def _local_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The document's `#/components/schemas/X` references, pointed at the copy kept here."""
    import json

    return json.loads(json.dumps(schema).replace("#/components/", "#/components/"))
