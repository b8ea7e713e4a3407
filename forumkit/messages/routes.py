"""Admin routes of the message catalogue: each message with the forum's override; set one
(placeholders checked) or go back to the default."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from forumkit.deps import AdminAccess, ServicesDep, SessionDep
from forumkit.errors import responses
from forumkit.inputs import Input, Text
from forumkit.messages import service
from forumkit.messages.catalogue import MAX_TEXT
from forumkit.messages.translations import available

router = APIRouter(tags=["admin"])
MessageId = Annotated[Text, Path(max_length=100, description="e.g. response_modes.held_until")]


class OverrideOut(BaseModel):
    text: str
    updated_at: datetime
    updated_by: str


class MessageOut(BaseModel):
    id: str
    owner: str = Field(description="core, or the plugin that declares it")
    audience: str = Field(description="member, moderators or platform: who reads it")
    where: str = Field(description="Where it is sent")
    note: str = Field(description="What the placeholders hold")
    placeholders: list[str]
    default: str = Field(description="The English text")
    text: str = Field(description="What this forum sends now (override, translation or "
                      "default)")
    override: OverrideOut | None


class MessagesOut(BaseModel):
    locale: str
    timezone: str
    translations: list[str] = Field(description="Locales with a translation catalogue")
    messages: list[MessageOut]


class OverrideIn(Input):
    text: str = Field(min_length=1, max_length=MAX_TEXT)


def _out(item: service.Listed) -> MessageOut:
    m, row = item.message, item.override
    return MessageOut(
        id=m.id, owner=item.owner, audience=m.audience, where=m.where, note=m.note,
        placeholders=sorted(m.placeholders), default=m.text, text=item.text,
        override=OverrideOut(text=row.text, updated_at=row.updated_at,
                             updated_by=row.updated_by) if row is not None else None,
    )


@router.get("/v1/forums/{forum}/messages", response_model=MessagesOut,
            responses=responses(401, 403, 404),
            summary="Every message ForumKit sends, with this forum's overrides")
def list_messages(access: AdminAccess, session: SessionDep) -> MessagesOut:
    forum = access.forum
    return MessagesOut(locale=forum.locale, timezone=forum.timezone, translations=available(),
                       messages=[_out(i) for i in service.listing(session, forum)])


@router.put("/v1/forums/{forum}/messages/{message_id}", response_model=MessageOut,
            responses=responses(401, 403, 404, 422),
            summary="Use this forum's own words for a message (same placeholders)")
def put_message(message_id: MessageId, body: OverrideIn, access: AdminAccess,
                session: SessionDep, app: ServicesDep) -> MessageOut:
    service.set_override(session, access.forum, message_id, body.text, actor=access.actor,
                         now=app.clock.now())
    return _one(session, access, message_id)


@router.delete("/v1/forums/{forum}/messages/{message_id}", response_model=MessageOut,
               responses=responses(401, 403, 404),
               summary="Go back to the default text of a message (nothing to do: the same)")
def delete_message(message_id: MessageId, access: AdminAccess, session: SessionDep,
                   app: ServicesDep) -> MessageOut:
    service.reset(session, access.forum, message_id, actor=access.actor, now=app.clock.now())
    return _one(session, access, message_id)


def _one(session: SessionDep, access: AdminAccess, message_id: str) -> MessageOut:
    return next(_out(i) for i in service.listing(session, access.forum)
                if i.message.id == message_id)
