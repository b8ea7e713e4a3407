"""Standard Webhooks signing for a forum's requests, and checking ForumKit's deliveries.

The signature itself is ForumKit's own (forumkit.signing): the same function signs what
ForumKit sends and checks what it receives, so the two sides cannot drift apart.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from forumkit import signing
from forumkit.client.models import ActionDelivery
from forumkit.signing import SignatureError

__all__ = ["SignatureError", "signed_headers", "verify_action"]

TOLERANCE_SECONDS = 300  # ForumKit refuses a webhook-timestamp further than this from now


def signed_headers(*, secret: str, body: bytes, now: datetime | None = None,
                   msg_id: str | None = None) -> dict[str, str]:
    """The webhook-id, webhook-timestamp and webhook-signature headers for a request body.

    Each request gets a fresh id unless one is given: ForumKit refuses an id it has seen.
    """
    return signing.signed_headers(
        secret=secret, msg_id=msg_id or f"msg_{uuid.uuid4().hex}",
        now=now or datetime.now(UTC), body=body,
    )


def verify_action(*, secret: str, headers: Mapping[str, str], body: bytes,
                  now: datetime | None = None, also_accepted: Sequence[str] = (),
                  tolerance: int = TOLERANCE_SECONDS) -> ActionDelivery:
    """Check a delivery from ForumKit and read its action.

    `headers` as received (any case), `body` the raw bytes before any JSON parsing.
    `also_accepted`: other secrets to accept, e.g. the old one while a rotation settles.
    Raises SignatureError when the signature is missing, wrong or stale, and ActionError
    when it holds but the body is not an action this library knows.
    """
    msg_id = signing.verify(secret=secret, headers=headers, body=body,
                            now=now or datetime.now(UTC), tolerance=tolerance,
                            also_accepted=also_accepted)
    delivery = ActionDelivery.from_json(body)
    if delivery.id != msg_id:  # the signed id names this very delivery
        raise SignatureError("webhook-id does not match the delivery's id")
    return delivery
