"""Member pseudonyms: a keyed hash of the platform's user id, never the id itself."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def member_key(member_secret: str, platform_user_id: str) -> str:
    return hmac.new(member_secret.encode(), platform_user_id.encode(), hashlib.sha256).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)
