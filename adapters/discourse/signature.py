"""Discourse's webhook signature: X-Discourse-Event-Signature is "sha256=" followed by the
hex HMAC-SHA256 of the raw body, keyed with the webhook's secret (Discourse's
emit_web_hook_event job). Discourse signs no timestamp and no header, so replays are caught
by the body: `receipt_id` is what ForumKit remembers of each signed body it received."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence

from forumkit.adapter import SignatureError

HEADER = "x-discourse-event-signature"


def sign(*, secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


# Events whose receipt is kept apart from other events' of the same body: a user_destroyed
# body is the user as they were, which may equal a body received before as user_created.
_OWN_RECEIPT = frozenset({"user_destroyed"})


def receipt_id(body: bytes, event: str = "") -> str:
    """The webhook receipt of a signed body: its SHA-256, never the body itself. The same
    body is one receipt whatever X-Discourse-Event says, but for the events of _OWN_RECEIPT,
    whose receipt is the body's under that event's name."""
    if event.strip() in _OWN_RECEIPT:
        return f"{event.strip()}:sha256:" + hashlib.sha256(body).hexdigest()
    return "sha256:" + hashlib.sha256(body).hexdigest()


def verify(
    *, secret: str, headers: Mapping[str, str], body: bytes, also_accepted: Sequence[str] = ()
) -> None:
    """Return quietly when the body was signed with the secret (or one of `also_accepted`,
    e.g. the secret before a rotation); raise SignatureError if not."""
    given = {k.lower(): v for k, v in headers.items()}.get(HEADER)
    if not given:
        raise SignatureError(f"missing {HEADER} header (set a secret on the Discourse webhook)")
    if not given.startswith("sha256="):
        raise SignatureError(f"{HEADER} is not a sha256= signature")
    given = given.strip().lower()
    for accepted in (secret, *also_accepted):
        if hmac.compare_digest(given, sign(secret=accepted, body=body)):
            return
    raise SignatureError(f"{HEADER} does not match the body")
