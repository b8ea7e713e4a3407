"""Routes: the pre-check (`GET permissions`) and a thread's mode (read it, set it).

Mounted under /v1/forums/{forum}/. Platform ids in paths and bodies; members are looked up
by their keyed pseudonym, never stored by platform id.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)

from forumkit.context import PluginContext
from forumkit.deps import plugin_context
from forumkit.errors import NotFound, Unprocessable, responses
from forumkit.events import MAX_CATEGORY_CHARS, MAX_TAG_CHARS, MAX_TAGS
from forumkit.inputs import Input, Text, check_text
from forumkit.keys.models import Scope
from forumkit.messages import texts_for
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror.models import Thread
from forumkit.plain_json import PlainJSON
from forumkit.plugins.response_modes import repository as repo
from forumkit.plugins.response_modes import service
from forumkit.plugins.response_modes.settings import Mode, ResponseModesSettings

PLUGIN = "response_modes"
Context = PluginContext[ResponseModesSettings]
Platform = Annotated[Context, plugin_context(PLUGIN, Scope.platform)]
PlatformReader = Annotated[Context, plugin_context(PLUGIN, Scope.platform, read_only=True)]
Moderator = Annotated[Context, plugin_context(PLUGIN, Scope.moderator)]
ModeratorReader = Annotated[Context, plugin_context(PLUGIN, Scope.moderator, read_only=True)]

router = APIRouter()
PlatformId = Annotated[Text, Path(min_length=1, max_length=200, description="The platform's id")]
# Hints about a thread ForumKit has not seen, limited as events limit the same fields (the
# lengths checked before the characters, so a refusal says "at most 100 characters").
CategoryHint = Annotated[str, StringConstraints(min_length=1, max_length=MAX_CATEGORY_CHARS),
                         AfterValidator(check_text)]
TagHint = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TAG_CHARS),
                    AfterValidator(check_text)]
AuthorHint = Annotated[str, StringConstraints(min_length=1, max_length=200),
                       AfterValidator(check_text)]
UNSEEN = "Only for a thread ForumKit has not seen, ignored otherwise: "


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


class ModeIn(Input):
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
    ctx: PlatformReader,
    thread_id: Annotated[Text, Query(min_length=1, max_length=200)],
    member_id: Annotated[Text | None, Query(min_length=1, max_length=200)] = None,
    member_is_staff: Annotated[bool, Query(description="The member is a moderator")] = False,
    post_id: Annotated[Text | None, Query(
        min_length=1, max_length=200,
        description="The post the member would answer or react to, where posts have modes",
    )] = None,
    timezone: Annotated[Text | None, Query(
        min_length=1, max_length=64,
        description="The member's IANA time zone, for times in `reason` (the forum's "
                    "otherwise; one ForumKit does not know is ignored); not stored",
    )] = None,
    category_id: Annotated[CategoryHint | None, Query(
        description=UNSEEN + "its subforum")] = None,
    tags: Annotated[list[TagHint] | None, Query(
        max_length=MAX_TAGS, description=UNSEEN + "its tags; repeat the parameter for each",
    )] = None,
    author_id: Annotated[AuthorHint | None, Query(
        description=UNSEEN + "the platform id of who started it")] = None,
) -> PlainJSON:
    """Ask before accepting a reply or a reaction. A thread ForumKit has not seen is
    answered as it will be once seen with the `category_id`, `tags` and `author_id` given
    (its mode from `tag_modes`, `category_modes`, or the forum's `default_mode`); for a
    thread ForumKit has seen, what it knows wins and these are ignored."""
    session, forum, now = ctx.session, ctx.forum, ctx.now
    thread = mirror_repo.get_thread(session, ctx.forum_id, thread_id)
    member = (mirror_repo.member_for(session, ctx.forum_id, forum.member_secret, member_id)
              if member_id is not None else None)
    post = mirror_repo.get_post(session, ctx.forum_id, post_id) if post_id is not None else None
    if post is not None and (thread is None or post.thread_id != thread.id):
        raise Unprocessable([{"loc": ["query", "post_id"], "type": "value_error",
                              "msg": "this post is not in that thread"}])
    started = False
    if thread is None:
        thread = service.unseen_thread(ctx.forum_id, thread_id, category_id=category_id,
                                       tags=tags or [])
        started = member_id is not None and member_id == author_id
    answer = service.permissions(session, ctx.settings, thread, member, now,
                                 texts=texts_for(session, forum, zone=timezone, lazy=True),
                                 is_staff=member_is_staff, is_author=started, post=post)
    own = service.post_state_of(session, post) if post is not None else None
    # Plain data in the shape of PermissionsOut, asked before every reply: no model to build.
    return PlainJSON({**answer.as_dict(), "opens_at": answer.opens_at,
                      "post_response_mode": own.effective(now) if own else None})


@router.get("/threads/{thread}/response-mode", response_model=ModeOut,
            responses=responses(401, 403, 404), summary="A thread's mode and its changes")
def get_mode(thread: PlatformId, ctx: PlatformReader) -> ModeOut:
    return _out(ctx, _thread(ctx, thread))


@router.put("/threads/{thread}/response-mode", response_model=ModeOut,
            responses=responses(401, 403, 404, 422),
            summary="Change how a thread takes replies, for its author or a moderator")
def put_mode(thread: PlatformId, body: ModeIn, ctx: Platform) -> ModeOut:
    """The platform acts for `actor_id`: the thread's author, or a moderator (a member the
    platform marks as staff, here with `actor_is_staff` or in its events). Replies already
    in the thread stay; only later ones follow the new mode."""
    return _set(ctx, thread, body, moderator_key=False)


@router.get("/moderation/threads/{thread}/response-mode", response_model=ModeOut,
            responses=responses(401, 403, 404), summary="A thread's mode, for moderators")
def get_mode_moderator(thread: PlatformId, ctx: ModeratorReader) -> ModeOut:
    return _out(ctx, _thread(ctx, thread))


@router.put("/moderation/threads/{thread}/response-mode", response_model=ModeOut,
            responses=responses(401, 403, 404, 422),
            summary="Change how a thread takes replies, as a moderator")
def put_mode_moderator(thread: PlatformId, body: ModeIn, ctx: Moderator) -> ModeOut:
    """With a moderator key: `actor_id` names the moderator, for the record. The change is
    also written to the forum's audit log."""
    return _set(ctx, thread, body, moderator_key=True)


def _set(ctx: Context, thread: str, body: ModeIn, *, moderator_key: bool) -> ModeOut:
    found = _thread(ctx, thread)
    _check_opens_at(body, ctx.settings, ctx.now)
    service.change_mode(ctx, found, actor_id=body.actor_id, actor_is_staff=body.actor_is_staff,
                        mode=body.mode, opens_at=body.opens_at,
                        allow_reactions=body.allow_reactions, moderator_key=moderator_key)
    return _out(ctx, found)


def _thread(ctx: Context, ext_id: str) -> Thread:
    found = mirror_repo.get_thread(ctx.session, ctx.forum_id, ext_id)
    if found is None:
        raise NotFound(f"no thread {ext_id!r} has been seen in this forum")
    return found


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


def _out(ctx: Context, thread: Thread) -> ModeOut:
    assert thread.id is not None
    state = service.current_state(ctx.session, thread, ctx.settings)
    changes = [
        ChangeOut(from_mode=c.from_mode, to_mode=c.to_mode, allow_reactions=c.allow_reactions,
                  opens_at=c.opens_at, by=c.by, at=c.at)
        for c in repo.changes_of(ctx.session, thread.id)
    ]
    return ModeOut(thread_id=thread.ext_id, response_mode=state.mode,
                   allow_reactions=state.allow_reactions, opens_at=state.opens_at,
                   changes=changes)
