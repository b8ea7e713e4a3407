"""The webhook channel: an alert POSTed as JSON, signed the Standard Webhooks way.

The body has the same envelope as the generic adapter's deliveries (id, type, forum,
created_at, attempt, data), so a receiver that reads one reads the other. The delivery id is
the webhook-id on every retry, so the receiver can drop a repeat.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx

from forumkit import signing
from forumkit.adapter import Delivery, DeliveryResult
from forumkit.channel import Channel
from forumkit.channels.message import BadAlert, WebhookTarget, read_alert

if TYPE_CHECKING:
    from forumkit.forums.models import Forum


class WebhookChannel(Channel):
    kind = "webhook"

    def send(self, forum: Forum, delivery: Delivery, client: httpx.Client) -> DeliveryResult:
        try:
            target, message = read_alert(self.kind, delivery, WebhookTarget)
        except BadAlert as exc:
            return exc.result()
        body = json.dumps(
            {
                "id": delivery.id,
                "type": message.event,
                "forum": forum.slug,
                "created_at": delivery.created_at.isoformat(),
                "attempt": delivery.attempt,
                "data": {
                    "title": message.title,
                    "text": message.text,
                    "url": str(message.url) if message.url is not None else None,
                    "fields": message.fields,
                },
            },
            separators=(",", ":"),
        ).encode()
        headers = signing.signed_headers(
            secret=target.secret, msg_id=delivery.id, now=self.clock.now(), body=body
        )
        headers["content-type"] = "application/json"
        response = client.post(str(target.url), content=body, headers=headers)
        return DeliveryResult.from_response(response)
