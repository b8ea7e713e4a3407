"""The generic adapter, for a forum with its own code.

Inbound: the native event batch (API.md) signed the Standard Webhooks way.
Outbound: each action POSTed as JSON to the forum's callback URL, signed the same way,
with the delivery id as webhook-id so the forum can drop repeats.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from forumkit import adapter as contract
from forumkit import signing
from forumkit.adapter import Delivery, DeliveryResult, PayloadError, Verified
from forumkit.adapters.generic.settings import GenericSettings
from forumkit.events import Event, EventBatch, ImportFlag, IncomingBatch, Rejected, split


class GenericAdapter(contract.Adapter):
    kind = "generic"
    settings_model = GenericSettings
    capabilities = frozenset(
        {
            contract.PRE_CHECK, contract.HIDE_POST, contract.SET_THREAD_REPLIES,
            contract.POST_TAGS, contract.NOTIFY_MODERATORS, contract.MESSAGE_MEMBER,
        }
    )
    tolerance_seconds = 300

    @classmethod
    def capabilities_for(cls, settings: Any) -> frozenset[str]:
        if isinstance(settings, GenericSettings) and not settings.pre_check:
            return cls.capabilities - {contract.PRE_CHECK}
        return cls.capabilities

    def verify(self, headers: Mapping[str, str], body: bytes, now: datetime) -> Verified:
        msg_id = signing.verify(
            secret=self.forum.webhook_secret, headers=headers, body=body, now=now,
            tolerance=self.tolerance_seconds, also_accepted=self.forum.older_secrets(now),
        )
        return Verified(message_id=msg_id, refuse_replay=True)

    def parse(self, headers: Mapping[str, str], body: bytes) -> list[Event]:
        try:
            return list(EventBatch.model_validate_json(body).events)
        except ValidationError as exc:
            raise PayloadError(_describe(exc)) from exc

    def parse_partially(
        self, headers: Mapping[str, str], body: bytes
    ) -> tuple[list[Event], list[Rejected]]:
        try:
            return split(IncomingBatch.model_validate_json(body).events)
        except ValidationError as exc:
            raise PayloadError(_describe(exc)) from exc

    def is_import(self, headers: Mapping[str, str], body: bytes) -> bool:
        if b'"import"' not in body:  # most webhooks: no need to read the body again
            return False
        try:
            return ImportFlag.model_validate_json(body).importing
        except ValidationError as exc:
            raise PayloadError(_describe(exc)) from exc

    def perform(self, delivery: Delivery) -> DeliveryResult:
        settings: GenericSettings = self.forum.settings
        if settings.callback_url is None:
            return DeliveryResult(
                ok=False, retry=False, error="the forum has no callback_url to deliver to"
            )
        body = json.dumps(
            {
                "id": delivery.id,
                "type": delivery.kind,
                "forum": delivery.forum_slug,
                "created_at": delivery.created_at.isoformat(),
                "attempt": delivery.attempt,
                "data": delivery.payload,
            },
            separators=(",", ":"),
        ).encode()
        headers = signing.signed_headers(
            secret=self.forum.webhook_secret, msg_id=delivery.id, now=datetime.now(UTC),
            body=body,
        )
        headers["content-type"] = "application/json"
        response = self.client.post(str(settings.callback_url), content=body, headers=headers)
        return DeliveryResult.from_response(response)


def _describe(exc: ValidationError) -> str:
    problems = [
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:20]
    ]
    return "; ".join(problems)
