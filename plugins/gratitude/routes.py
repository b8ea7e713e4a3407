"""Gratitude routes: give and take back reactions, read them, and edit the forum's set."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from forumkit.deps import (
    AdminAccess,
    PlatformAccess,
    PlatformReadAccess,
    ReadSessionDep,
    ServicesDep,
    SessionDep,
)
from forumkit.errors import Unprocessable, responses
from forumkit.events import PlatformId
from forumkit.forums import service as forum_service
from forumkit.mirror import repository as mirror_repo
from forumkit.plugins.gratitude import service
from forumkit.plugins.gratitude.settings import GratitudeKind

router = APIRouter()
PostId = Annotated[str, Path(max_length=200, description="The platform's post id")]
KindPath = Annotated[str, Path(max_length=64, description="A gratitude kind key")]


class ReactionIn(BaseModel):
    member_id: PlatformId = Field(description="The member giving the reaction")
    kind: str = Field(min_length=1, max_length=64, description="A gratitude kind key")


class Shown(BaseModel):
    counts: dict[str, int] | None = Field(
        description="Reactions by kind, in the set's order; null when hidden from this reader")
    total: int | None
    mine: list[str] = Field(description="Kinds this reader gave the post themselves")
    hidden: bool = Field(description="The forum shows counts only to the post's author")


class ReactionOut(Shown):
    post_id: str
    kind: str
    changed: bool = Field(description="False when nothing changed (already given, or not there)")


class ShownIn(BaseModel):
    reader_id: PlatformId | None = None
    post_ids: list[Annotated[str, Field(max_length=200)]] = Field(min_length=1, max_length=500)


class ShownOut(BaseModel):
    posts: dict[str, Shown]
    unknown: list[str]


class KindsIn(BaseModel):
    kinds: list[GratitudeKind]


class KindsOut(BaseModel):
    kinds: list[GratitudeKind]
    counts_visible: str
    native_kinds: dict[str, str]


def _out(post_ext_id: str, kind: str, changed: bool, shown: dict[str, Any]) -> ReactionOut:
    return ReactionOut(post_id=post_ext_id, kind=kind, changed=changed, **shown)


@router.post("/posts/{post}/reactions", response_model=ReactionOut, status_code=201,
             responses=responses(401, 403, 404, 422), summary="Give a gratitude reaction")
def give(post: PostId, body: ReactionIn, access: PlatformAccess, session: SessionDep,
         app: ServicesDep, response: Response) -> ReactionOut:
    """One of each kind per member per post: giving it again changes nothing (200, `changed`
    false). Refused (403, with words for the member) on their own post, or where the
    thread's response mode takes no reactions."""
    given = service.give(session, access.forum, app.registry.facets, post_ext_id=post,
                         platform_member=body.member_id, kind=body.kind, now=app.clock.now())
    if not given.changed:
        response.status_code = 200
    settings = service.settings_of(session, access.forum)
    shown = service.shown(session, settings, [given.post], given.member)
    assert given.post.id is not None
    return _out(post, body.kind, given.changed, shown[given.post.id])


@router.delete("/posts/{post}/reactions/{kind}", response_model=ReactionOut,
               responses=responses(401, 403, 404, 422), summary="Take a reaction back")
def take_back(post: PostId, kind: KindPath, access: PlatformAccess, session: SessionDep,
              member_id: Annotated[str, Query(min_length=1, max_length=200)]) -> ReactionOut:
    """Safe to repeat: taking back a reaction that is not there changes nothing."""
    found, member, removed = service.take_back(session, access.forum, post_ext_id=post,
                                               platform_member=member_id, kind=kind)
    settings = service.settings_of(session, access.forum)
    shown = service.shown(session, settings, [found], member)
    assert found.id is not None
    return _out(post, kind, removed, shown[found.id])


@router.get("/posts/{post}/reactions", response_model=Shown,
            responses=responses(401, 403, 404), summary="A post's gratitude, for one reader")
def read_one(post: PostId, access: PlatformReadAccess, session: ReadSessionDep,
             reader_id: Annotated[str | None, Query(max_length=200)] = None) -> Shown:
    settings = service.require_on(session, access.forum)
    found = service.known_post(session, access.forum, post)
    reader = _reader(session, access.forum, reader_id)
    assert found.id is not None
    return Shown(**service.shown(session, settings, [found], reader)[found.id])


@router.post("/gratitude/shown", response_model=ShownOut, responses=responses(401, 403, 404, 422),
             summary="Gratitude of many posts, for one reader (while drawing a page)")
def read_many(body: ShownIn, access: PlatformReadAccess, session: ReadSessionDep) -> ShownOut:
    assert access.forum.id is not None
    settings = service.require_on(session, access.forum)
    posts = [p for p in mirror_repo.posts_by_ext_ids(session, access.forum.id, body.post_ids)
             if p.created_at is not None and p.deleted_at is None]
    reader = _reader(session, access.forum, body.reader_id)
    shown = service.shown(session, settings, posts, reader)
    known = {p.ext_id: Shown(**shown[p.id]) for p in posts if p.id is not None}
    return ShownOut(posts=known, unknown=[i for i in body.post_ids if i not in known])


@router.get("/gratitude/kinds", response_model=KindsOut, responses=responses(401, 403, 404),
            summary="The forum's gratitude reactions, to draw their buttons")
def kinds(access: PlatformReadAccess, session: ReadSessionDep) -> KindsOut:
    settings = service.require_on(session, access.forum)
    return KindsOut(kinds=settings.kinds, counts_visible=settings.counts_visible,
                    native_kinds=settings.native_kinds)


@router.put("/gratitude/kinds", response_model=KindsOut, responses=responses(401, 403, 404, 422),
            summary="Replace the forum's set of gratitude reactions (admin)")
def set_kinds(body: KindsIn, access: AdminAccess, session: SessionDep,
              app: ServicesDep) -> KindsOut:
    """Reactions of a kind taken out of the set are kept but no longer shown or counted;
    putting the kind back brings them back. The change is in the audit log."""
    current = service.settings_of(session, access.forum).model_dump(mode="json")
    current["kinds"] = [k.model_dump(mode="json") for k in body.kinds]
    try:
        forum_service.set_plugin(session, app.registry, access.forum, service.PLUGIN,
                                 enabled=None, settings=current, actor=access.actor,
                                 now=app.clock.now())
    except Unprocessable as exc:
        if isinstance(exc.detail, str):
            raise
        raise Unprocessable([{**e, "loc": ["body", *e["loc"][2:]]} for e in exc.detail]) from exc
    session.flush()
    settings = service.settings_of(session, access.forum)
    return KindsOut(kinds=settings.kinds, counts_visible=settings.counts_visible,
                    native_kinds=settings.native_kinds)


def _reader(session: Any, forum: Any, platform_id: str | None) -> Any:
    if platform_id is None:
        return None
    return mirror_repo.member_for(session, forum.id, forum.member_secret, platform_id)
