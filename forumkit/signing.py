"""Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature).

The signed content is "{id}.{timestamp}.{raw body}", HMAC-SHA256 with the secret's bytes
(the part after "whsec_", base64), sent as "v1,<base64>"; several space-separated signatures
are accepted so a secret can be rotated.

Pure functions, shared by the generic adapter (both ways) and the webhook alert channel.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from datetime import datetime

from forumkit.adapter import SignatureError

PREFIX = "whsec_"


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    raw = secret[len(PREFIX):] if secret.startswith(PREFIX) else secret
    try:
        return base64.b64decode(raw, validate=True)
    except ValueError:
        return raw.encode()


def sign(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    content = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(*, secret: str, msg_id: str, now: datetime, body: bytes) -> dict[str, str]:
    timestamp = int(now.timestamp())
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret=secret, msg_id=msg_id, timestamp=timestamp, body=body),
    }


def verify(
    *, secret: str, headers: Mapping[str, str], body: bytes, now: datetime, tolerance: int = 300
) -> str:
    """Return the webhook-id when the signature holds; raise SignatureError otherwise."""
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
    expected = sign(secret=secret, msg_id=msg_id, timestamp=timestamp, body=body)
    for candidate in given.split():
        if hmac.compare_digest(candidate, expected):
            return msg_id
    raise SignatureError("webhook-signature does not match the body")
