"""Starting, finding and ending browser sessions."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from forumkit.keys.models import ApiKey
from forumkit.web.models import WebSession

LIFETIME = timedelta(hours=12)
COOKIE = "fk_session"
# Before there is a session, the sign-in form is protected by a token that must match the
# one in this cookie (set when the form is shown), so another site cannot sign someone in.
SIGN_IN_COOKIE = "fk_sign_in"
SIGN_IN_PATH = "/ui/sign-in"
SIGN_IN_FORM_LIFETIME = timedelta(hours=1)


def form_token() -> str:
    return secrets.token_urlsafe(24)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(session: Session, key: ApiKey, now: datetime) -> tuple[WebSession, str]:
    assert key.id is not None
    token = secrets.token_urlsafe(32)
    row = WebSession(
        token_hash=_hash(token), api_key_id=key.id, csrf_token=secrets.token_urlsafe(24),
        created_at=now, expires_at=now + LIFETIME,
    )
    session.add(row)
    session.execute(delete(WebSession).where(col(WebSession.expires_at) < now))
    return row, token


def find(session: Session, token: str, now: datetime) -> tuple[WebSession, ApiKey] | None:
    row = session.exec(select(WebSession).where(WebSession.token_hash == _hash(token))).first()
    if row is None or row.expires_at <= now:
        return None
    key = session.get(ApiKey, row.api_key_id)
    if key is None or key.revoked_at is not None:
        return None
    return row, key


def end(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(col(WebSession.token_hash) == _hash(token)))
