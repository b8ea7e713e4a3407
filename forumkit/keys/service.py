"""Making, finding and revoking API keys. The plain key is returned once and never stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Protocol

from sqlmodel import Session, col, func, select

from forumkit.audit import service as audit
from forumkit.errors import Conflict, NotFound
from forumkit.keys.models import ApiKey, Scope

MAX_KEYS_PER_FORUM = 50  # keys that work, per forum: a leak or a loop cannot mint thousands


def hash_key(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def create_key(
    session: Session, *, scope: Scope, forum_id: int | None, now: datetime, label: str = ""
) -> tuple[ApiKey, str]:
    plain = "fk_" + secrets.token_urlsafe(32)
    key = ApiKey(
        key_hash=hash_key(plain), prefix=plain[:10], forum_id=forum_id, scope=scope.value,
        label=label, created_at=now,
    )
    session.add(key)
    session.flush()
    return key, plain


def find_active(session: Session, plain: str) -> ApiKey | None:
    key = session.exec(select(ApiKey).where(ApiKey.key_hash == hash_key(plain))).first()
    if key is None or key.revoked_at is not None:
        return None
    return key


def list_keys(session: Session, forum_id: int | None) -> list[ApiKey]:
    query = select(ApiKey).where(ApiKey.forum_id == forum_id).order_by(col(ApiKey.id))
    return list(session.exec(query))


def revoke(session: Session, key_id: int, forum_id: int | None, now: datetime) -> ApiKey | None:
    key = session.get(ApiKey, key_id)
    if key is None or (forum_id is not None and key.forum_id != forum_id):
        return None
    if key.revoked_at is None:
        key.revoked_at = now
        session.add(key)
    return key


class Holder(Protocol):
    """What decides a key's reach: a row of api_key, or the read path's copy of one."""

    @property
    def forum_id(self) -> int | None: ...

    @property
    def scope(self) -> str: ...


def allows(key: Holder, scope: Scope) -> bool:
    """Operator keys may do everything; an admin key may also do a moderator's work."""
    if key.forum_id is None:
        return True
    if key.scope == scope.value:
        return True
    return key.scope == Scope.admin.value and scope == Scope.moderator


def issue(
    session: Session, *, forum_id: int, scope: Scope, label: str, actor: str, now: datetime
) -> tuple[ApiKey, str]:
    """An admin makes a key for their forum (API and pages alike); the audit log says so.
    A forum holds at most MAX_KEYS_PER_FORUM keys that work (409 beyond: revoke one)."""
    active = session.exec(select(func.count()).select_from(ApiKey).where(
        ApiKey.forum_id == forum_id, col(ApiKey.revoked_at).is_(None))).one()
    if active >= MAX_KEYS_PER_FORUM:
        raise Conflict(f"this forum has {active} keys that work, the most it may hold; "
                       "revoke one it no longer uses first")
    key, plain = create_key(session, scope=scope, forum_id=forum_id, now=now, label=label)
    audit.record(session, forum_id=forum_id, actor=actor, action="key.create",
                 subject=f"key:{key.id}", at=now, after={"scope": key.scope, "label": key.label})
    return key, plain


def withdraw(session: Session, *, key_id: int, forum_id: int, actor: str,
             now: datetime) -> ApiKey:
    """An admin revokes a key of their forum; NotFound when the forum has no such key."""
    key = revoke(session, key_id, forum_id, now)
    if key is None:
        raise NotFound(f"no key {key_id} in this forum")
    audit.record(session, forum_id=forum_id, actor=actor, action="key.revoke",
                 subject=f"key:{key.id}", at=now)
    return key
