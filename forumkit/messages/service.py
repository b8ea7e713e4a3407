"""Admins' overrides: a forum's own words for any message, checked and audited.

An override keeps the message's placeholders exactly (none missing, none added: a text
that dropped `{opens_at}` would tell a member nothing of when), stays within the length a
message may have, and may not use the words safe-messaging guidance warns against
(catalogue.UNSAFE_PHRASES). Saving or removing one is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from forumkit.audit import service as audit
from forumkit.errors import NotFound, Unprocessable
from forumkit.forums.models import Forum
from forumkit.messages.catalogue import (
    CATALOGUE,
    MAX_TEXT,
    Message,
    UnknownMessage,
    placeholders,
    unsafe_phrase,
)
from forumkit.messages.models import MessageOverride
from forumkit.messages.texts import forget_overrides, overrides_of, texts_for


@dataclass
class Listed:
    message: Message
    owner: str
    text: str  # what the forum sends now: its override, its translation or the English
    override: MessageOverride | None


def message_or_404(message_id: str) -> Message:
    try:
        return CATALOGUE.get(message_id)
    except UnknownMessage:
        raise NotFound(f"no message {message_id!r} in the catalogue") from None


def listing(session: Session, forum: Forum) -> list[Listed]:
    assert forum.id is not None
    rows = {r.message_id: r for r in session.exec(
        select(MessageOverride).where(col(MessageOverride.forum_id) == forum.id))}
    texts = texts_for(session, forum)
    return [Listed(m, CATALOGUE.owner(m.id), texts.text_of(m), rows.get(m.id))
            for m in CATALOGUE.all()]


def problems(message: Message, text: str, loc: tuple[str, ...] = ("body", "text")
             ) -> list[dict[str, object]]:
    """Why this text cannot stand for this message, as field errors (empty when it can)."""
    found: list[dict[str, object]] = []

    def problem(msg: str) -> None:
        found.append({"loc": list(loc), "type": "value_error", "msg": msg})

    if not text.strip() or len(text) > MAX_TEXT:
        problem(f"write 1 to {MAX_TEXT} characters")
        return found
    try:
        names = placeholders(text)
    except ValueError as exc:
        problem(str(exc))
        return found
    missing = sorted(message.placeholders - names)
    unknown = sorted(names - message.placeholders)
    if missing:
        problem("keep every placeholder of the message: missing "
                + ", ".join(f"{{{n}}}" for n in missing))
    if unknown:
        problem("use only the placeholders of the message ("
                + (", ".join(f"{{{n}}}" for n in sorted(message.placeholders)) or "none")
                + "): unknown " + ", ".join(f"{{{n}}}" for n in unknown))
    phrase = unsafe_phrase(message.id, text)
    if phrase is not None:
        problem(f"safe-messaging guidance advises against {phrase!r} (see docs/messages.md)")
    return found


def set_override(session: Session, forum: Forum, message_id: str, text: str, *, actor: str,
                 now: datetime) -> MessageOverride:
    assert forum.id is not None
    message = message_or_404(message_id)
    wrong = problems(message, text)
    if wrong:
        raise Unprocessable(wrong)
    row = session.exec(select(MessageOverride).where(
        col(MessageOverride.forum_id) == forum.id,
        col(MessageOverride.message_id) == message.id)).first()
    before = {"text": row.text} if row is not None else None
    if row is None:
        row = MessageOverride(forum_id=forum.id, message_id=message.id, text=text,
                              updated_at=now, updated_by=actor)
    row.text, row.updated_at, row.updated_by = text, now, actor
    session.add(row)
    session.flush()
    forget_overrides(session, forum.id)
    audit.record(session, forum_id=forum.id, actor=actor, action="message.override",
                 subject=f"message:{message.id}", at=now, before=before, after={"text": text})
    return row


def reset(session: Session, forum: Forum, message_id: str, *, actor: str,
          now: datetime) -> bool:
    """Back to the default; False when the forum had no override of it."""
    assert forum.id is not None
    message = message_or_404(message_id)
    row = session.exec(select(MessageOverride).where(
        col(MessageOverride.forum_id) == forum.id,
        col(MessageOverride.message_id) == message.id)).first()
    if row is None:
        return False
    audit.record(session, forum_id=forum.id, actor=actor, action="message.reset",
                 subject=f"message:{message.id}", at=now, before={"text": row.text})
    session.delete(row)
    session.flush()
    forget_overrides(session, forum.id)
    return True


__all__ = ["listing", "message_or_404", "overrides_of", "problems", "reset", "set_override"]
