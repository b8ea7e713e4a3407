"""Routes: the pre-check (`GET permissions`) and a thread's mode (read it, set it).

Mounted under /v1/forums/{forum}/. Platform ids in paths and bodies; members are looked up
by their keyed pseudonym, never stored by platform id.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from forumkit.audit import service as audit
from forumkit.deps import (
    Access,
    ModeratorAccess,
    PlatformAccess,
    PlatformReadAccess,
    ReadSessionDep,
    ServicesDep,
    SessionDep,
)
from forumkit.errors import Forbidden, NotFound, Unprocessable, responses
from forumkit.forums.models import Forum
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror import service as mirror
from forumkit.mirror.models import Thread
from forumkit.outbox import service as outbox
from forumkit.plugins.response_modes import repository as repo
from forumkit.plugins.response_modes import service
from forumkit.plugins.response_modes.settings import Mode, ResponseModesSettings

router = APIRouter()
PlatformId = Annotated[str, Path(min_length=1, max_length=200, description="The platform's id")]


class PermissionsOut(BaseModel):
    can_reply: bool = Field(description="This member may reply in the thread now")
    can_react: bool = Field(description="This member may react to its posts now")
    reason: str | None = Field(description="Why not, in words to show the member")
    response_mode: str = Field(description="The thread's mode in force now")
    opens_at: AwareDatetime | None = Field(
        default=None, description="For a held thread: when replies open, if the author chose"
    )
    post_response_mode: str | None = Field(
        default=None, description="With post_id: that post's own mode, if it has one"
    )


class ModeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actor_id: str = Field(min_length=1, max_length=200,
                          description="Who asks: the thread's author, or a moderator")
    actor_is_staff: bool = Field(
        default=False, description="The platform vouches that the actor is a moderator"
    )
    mode: Mode
    opens_at: AwareDatetime | None = Field(
        default=None, description="For held: when replies open; empty: when the author opens"
    )
    allow_reactions: bool | None = Field(
        default=None, description="For diary: let readers react (default: the forum's choice)"
    )


class ChangeOut(BaseModel):
    from_mode: str | None
    to_mode: str
    allow_reactions: bool
    opens_at: AwareDatetime | None
    by: str = Field(description="author, moderator, schedule, or where a new thread's mode "
                                "came from: post, tag, category, forum")
    at: AwareDatetime


class ModeOut(BaseModel):
    thread_id: str
    response_mode: str
    allow_reactions: bool
    opens_at: AwareDatetime | None
    changes: list[ChangeOut] = Field(description="Newest first")


@router.get("/permissions", response_model=PermissionsOut,
            responses=responses(401, 403, 404, 422),
            summary="May this member reply or react in this thread now?")
def get_permissions(
    access: PlatformReadAccess, session: ReadSessionDep, app: ServicesDep,
    thread_id: Annotated[str, Query(min_length=1, max_length=200)],
    member_id: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    member_is_staff: Annotated[bool, Query(description="The member is a moderator")] = False,
    post_id: Annotated[str | None, Query(
        min_length=1, max_length=200,
        description="The post the member would answer or react to, where posts have modes",
    )] = None,
) -> PermissionsOut:
    """Ask before accepting a reply or a reaction. A thread ForumKit has not seen takes the
    forum's default mode."""
    forum = access.forum
    assert forum.id is not None
    now = app.clock.now()
    thread = mirror_repo.get_thread(session, forum.id, thread_id)
    member = (mirror_repo.member_for(session, forum.id, forum.member_secret, member_id)
              if member_id is not None else None)
    post = mirror_repo.get_post(session, forum.id, post_id) if post_id is not None else None
    if post is not None and (thread is None or post.thread_id != thread.id):
        raise Unprocessable([{"loc": ["query", "post_id"], "type": "value_error",
                              "msg": "this post is not in that thread"}])
    answer = service.permissions(session, forum, thread, member, now,
                                 is_staff=member_is_staff, post=post)
    own = service.post_state_of(session, post) if post is not None else None
    return PermissionsOut(**answer.as_dict(), opens_at=answer.opens_at,
                          post_response_mode=own.effective(now) if own else None)


@router.get("/threads/{thread}/response-mode", response_model=ModeOut,
            responses=responses(401, 403, 404), summary="A thread's mode and its changes")
def get_mode(thread: PlatformId, access: PlatformAccess, session: SessionDep) -> ModeOut:
    found, settings = _thread(session, access.forum, thread)
    return _out(session, found, settings)


@router.put("/threads/{thread}/response-mode", response_model=ModeOut,
            responses=responses(401, 403, 404, 422),
            summary="Change how a thread takes replies, for its author or a moderator")
def put_mode(thread: PlatformId, body: ModeIn, access: PlatformAccess,
             session: SessionDep, app: ServicesDep) -> ModeOut:
    """The platform acts for `actor_id`: the thread's author, or a moderator (a member the
    platform marks as staff, here with `actor_is_staff` or in its events). Replies already
    in the thread stay; only later ones follow the new mode."""
    return _set(thread, body, access, session, app, moderator_key=False)


@router.get("/moderation/threads/{thread}/response-mode", response_model=ModeOut,
            responses=responses(401, 403, 404), summary="A thread's mode, for moderators")
def get_mode_moderator(thread: PlatformId, access: ModeratorAccess,
                       session: SessionDep) -> ModeOut:
    found, settings = _thread(session, access.forum, thread)
    return _out(session, found, settings)


@router.put("/moderation/threads/{thread}/response-mode", response_model=ModeOut,
            responses=responses(401, 403, 404, 422),
            summary="Change how a thread takes replies, as a moderator")
def put_mode_moderator(thread: PlatformId, body: ModeIn, access: ModeratorAccess,
                       session: SessionDep, app: ServicesDep) -> ModeOut:
    """With a moderator key: `actor_id` names the moderator, for the record. The change is
    also written to the forum's audit log."""
    return _set(thread, body, access, session, app, moderator_key=True)


def _set(thread: str, body: ModeIn, access: Access, session: SessionDep, app: ServicesDep,
         *, moderator_key: bool) -> ModeOut:
    forum = access.forum
    assert forum.id is not None
    found, settings = _thread(session, forum, thread)
    now = app.clock.now()
    _check_opens_at(body, settings, now)
    actor = mirror_repo.member_for(session, forum.id, forum.member_secret, body.actor_id)
    # A moderator key always acts as a moderator, even for a thread a moderator started.
    is_author = not moderator_key and actor is not None and actor.id == found.author_id
    moderator = moderator_key or body.actor_is_staff or bool(actor and actor.is_staff)
    if not (is_author or moderator):
        raise Forbidden("only the thread's author or a moderator may change how it takes "
                        "replies")
    if actor is None:
        actor = mirror.member_of(session, forum, body.actor_id, now)
    before = service.current_state(session, found, settings)
    after, actions = service.set_mode(
        session, forum, found, mode=body.mode, opens_at=body.opens_at,
        allow_reactions=body.allow_reactions, by="author" if is_author else "moderator",
        actor=actor.id, now=now, settings=settings, capabilities=app.registry.capabilities(forum),
    )
    outbox.enqueue(session, forum, actions, now)
    if not is_author and after != before:
        audit.record(
            session, forum_id=forum.id, actor=access.actor, action="response_mode.set",
            subject=f"thread:{found.ext_id}", at=now,
            before={"mode": before.mode}, after={
                "mode": after.mode, "allow_reactions": after.allow_reactions,
                "opens_at": after.opens_at.isoformat() if after.opens_at else None,
            },
        )
    return _out(session, found, settings)


def _thread(session: SessionDep, forum: Forum, ext_id: str
            ) -> tuple[Thread, ResponseModesSettings]:
    assert forum.id is not None
    settings = service.settings_for(session, forum)
    if settings is None:
        raise NotFound("response modes are switched off for this forum")
    found = mirror_repo.get_thread(session, forum.id, ext_id)
    if found is None:
        raise NotFound(f"no thread {ext_id!r} has been seen in this forum")
    return found, settings


def _check_opens_at(body: ModeIn, settings: ResponseModesSettings, now: AwareDatetime) -> None:
    if body.opens_at is None:
        return
    where = ["body", "opens_at"]
    if body.mode != "held":
        raise Unprocessable([{"loc": where, "type": "value_error",
                              "msg": "opens_at is only for mode 'held'"}])
    if body.opens_at <= now:
        raise Unprocessable([{"loc": where, "type": "value_error",
                              "msg": "opens_at must be in the future"}])
    if body.opens_at > now + timedelta(days=settings.max_hold_days):
        raise Unprocessable([{"loc": where, "type": "value_error",
                              "msg": f"opens_at may be at most {settings.max_hold_days} days "
                                     "ahead"}])


def _out(session: SessionDep, thread: Thread, settings: ResponseModesSettings) -> ModeOut:
    assert thread.id is not None
    state = service.current_state(session, thread, settings)
    changes = [
        ChangeOut(from_mode=c.from_mode, to_mode=c.to_mode, allow_reactions=c.allow_reactions,
                  opens_at=c.opens_at, by=c.by, at=c.at)
        for c in repo.changes_of(session, thread.id)
    ]
    return ModeOut(thread_id=thread.ext_id, response_mode=state.mode,
                   allow_reactions=state.allow_reactions, opens_at=state.opens_at,
                   changes=changes)
