"""Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature).

The signed content is "{id}.{timestamp}.{raw body}", HMAC-SHA256 with the secret's key,
sent as "v1,<base64>"; several space-separated signatures are accepted, and a receiver may
accept more than one secret, so a secret can be rotated.

A secret is "whsec_" + standard base64 (with padding) of 24 to 64 random bytes, and those
bytes are the key. Forums created before ForumKit issued such secrets have "whsec_" + URL-safe
text; that text itself stays their key, so they keep working until rotated.

Pure functions, shared by the generic adapter (both ways), the webhook alert channel and
the client library (forumkit.client): this module imports nothing of the server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime


class SignatureError(Exception):
    """The webhook's signature is missing, wrong or too old."""


PREFIX = "whsec_"
KEY_BYTES = 32
KEY_RANGE = range(24, 65)  # key lengths the specification allows, in bytes


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def key_of(secret: str) -> bytes:
    """The HMAC key of a secret, for signing and verifying alike.

    The bytes of the standard base64 after "whsec_" when they are 24 to 64 bytes long (the
    Standard Webhooks format); otherwise, for secrets issued before, the text after "whsec_"
    as it is.
    """
    text = secret.removeprefix(PREFIX)
    try:
        key = base64.b64decode(text, validate=True)
    except ValueError:
        return text.encode()
    return key if len(key) in KEY_RANGE else text.encode()


def sign(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    content = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key_of(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(*, secret: str, msg_id: str, now: datetime, body: bytes) -> dict[str, str]:
    timestamp = int(now.timestamp())
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret=secret, msg_id=msg_id, timestamp=timestamp, body=body),
    }


def verify(
    *, secret: str, headers: Mapping[str, str], body: bytes, now: datetime, tolerance: int = 300,
    also_accepted: Sequence[str] = (),
) -> str:
    """Return the webhook-id when a signature holds for the secret (or for one of
    `also_accepted`, e.g. the secret before a rotation); raise SignatureError otherwise."""
    lower = {k.lower(): v for k, v in headers.items()}
    msg_id = lower.get("webhook-id")
    stamp = lower.get("webhook-timestamp")
    given = lower.get("webhook-signature")
    if not msg_id or not stamp or not given:
        raise SignatureError(
            "missing webhook-id, webhook-timestamp or webhook-signature header"
        )
    try:
        timestamp = int(stamp)
    except ValueError:
        raise SignatureError("webhook-timestamp is not a whole number of seconds") from None
    if abs(now.timestamp() - timestamp) > tolerance:
        raise SignatureError(f"webhook-timestamp is more than {tolerance} seconds from now")
    for accepted in (secret, *also_accepted):
        expected = sign(secret=accepted, msg_id=msg_id, timestamp=timestamp, body=body)
        for candidate in given.split():
            if hmac.compare_digest(candidate, expected):
                return msg_id
    raise SignatureError("webhook-signature does not match the body")
