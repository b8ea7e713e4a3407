"""Gratitude routes: give and take back reactions, read them, and edit the forum's set."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from forumkit.context import PluginContext
from forumkit.deps import ServicesDep, plugin_context
from forumkit.errors import responses
from forumkit.events import PlatformId
from forumkit.inputs import Input, Text
from forumkit.keys.models import Scope
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror.models import Member
from forumkit.plugins.gratitude import service
from forumkit.plugins.gratitude.service import PLUGIN
from forumkit.plugins.gratitude.settings import GratitudeKind, GratitudeSettings

router = APIRouter()
Platform = Annotated[PluginContext[GratitudeSettings], plugin_context(PLUGIN, Scope.platform)]
PlatformReader = Annotated[PluginContext[GratitudeSettings],
                           plugin_context(PLUGIN, Scope.platform, read_only=True)]
Admin = Annotated[PluginContext[GratitudeSettings], plugin_context(PLUGIN, Scope.admin)]
PostId = Annotated[Text, Path(max_length=200, description="The platform's post id")]
KindPath = Annotated[Text, Path(max_length=64, description="A gratitude kind key")]


class ReactionIn(Input):
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


class ShownIn(Input):
    reader_id: PlatformId | None = None
    post_ids: list[Annotated[str, Field(max_length=200)]] = Field(min_length=1, max_length=500)


class ShownOut(BaseModel):
    posts: dict[str, Shown]
    unknown: list[str]


class KindsIn(Input):
    kinds: list[GratitudeKind]


class KindsOut(BaseModel):
    kinds: list[GratitudeKind]
    counts_visible: str
    native_kinds: dict[str, str]


def _out(post_ext_id: str, kind: str, changed: bool, shown: dict[str, Any]) -> ReactionOut:
    return ReactionOut(post_id=post_ext_id, kind=kind, changed=changed, **shown)


@router.post("/posts/{post}/reactions", response_model=ReactionOut, status_code=201,
             responses=responses(401, 403, 404, 422), summary="Give a gratitude reaction")
def give(post: PostId, body: ReactionIn, ctx: Platform, response: Response) -> ReactionOut:
    """One of each kind per member per post: giving it again changes nothing (200, `changed`
    false). Refused (403, with words for the member) on their own post, or where the
    thread's response mode takes no reactions."""
    given = service.give(ctx, post_ext_id=post, platform_member=body.member_id, kind=body.kind)
    if not given.changed:
        response.status_code = 200
    shown = service.shown(ctx.session, ctx.settings, [given.post], given.member)
    assert given.post.id is not None
    return _out(post, body.kind, given.changed, shown[given.post.id])


@router.delete("/posts/{post}/reactions/{kind}", response_model=ReactionOut,
               responses=responses(401, 403, 404, 422), summary="Take a reaction back")
def take_back(post: PostId, kind: KindPath, ctx: Platform,
              member_id: Annotated[Text, Query(min_length=1, max_length=200)]) -> ReactionOut:
    """Safe to repeat: taking back a reaction that is not there changes nothing."""
    found, member, removed = service.take_back(ctx, post_ext_id=post, platform_member=member_id,
                                               kind=kind)
    shown = service.shown(ctx.session, ctx.settings, [found], member)
    assert found.id is not None
    return _out(post, kind, removed, shown[found.id])


@router.get("/posts/{post}/reactions", response_model=Shown,
            responses=responses(401, 403, 404), summary="A post's gratitude, for one reader")
def read_one(post: PostId, ctx: PlatformReader,
             reader_id: Annotated[Text | None, Query(max_length=200)] = None) -> Shown:
    found = service.known_post(ctx.session, ctx.forum, post)
    reader = _reader(ctx, reader_id)
    assert found.id is not None
    return Shown(**service.shown(ctx.session, ctx.settings, [found], reader)[found.id])


@router.post("/gratitude/shown", response_model=ShownOut, responses=responses(401, 403, 404, 422),
             summary="Gratitude of many posts, for one reader (while drawing a page)")
def read_many(body: ShownIn, ctx: PlatformReader) -> ShownOut:
    posts = [p for p in mirror_repo.posts_by_ext_ids(ctx.session, ctx.forum_id, body.post_ids)
             if p.created_at is not None and p.deleted_at is None]
    reader = _reader(ctx, body.reader_id)
    shown = service.shown(ctx.session, ctx.settings, posts, reader)
    known = {p.ext_id: Shown(**shown[p.id]) for p in posts if p.id is not None}
    return ShownOut(posts=known, unknown=[i for i in body.post_ids if i not in known])


@router.get("/gratitude/kinds", response_model=KindsOut, responses=responses(401, 403, 404),
            summary="The forum's gratitude reactions, to draw their buttons")
def kinds(ctx: PlatformReader) -> KindsOut:
    return _kinds_out(ctx.settings)


@router.put("/gratitude/kinds", response_model=KindsOut, responses=responses(401, 403, 404, 422),
            summary="Replace the forum's set of gratitude reactions (admin)")
def set_kinds(body: KindsIn, ctx: Admin, app: ServicesDep) -> KindsOut:
    """Reactions of a kind taken out of the set are kept but no longer shown or counted;
    putting the kind back brings them back. The change is in the audit log."""
    # The services are needed for the registry: the core validates and saves the settings.
    saved = service.set_kinds(ctx, app.registry, [k.model_dump(mode="json") for k in body.kinds])
    return _kinds_out(saved)


def _kinds_out(settings: GratitudeSettings) -> KindsOut:
    return KindsOut(kinds=settings.kinds, counts_visible=settings.counts_visible,
                    native_kinds=settings.native_kinds)


def _reader(ctx: PluginContext[GratitudeSettings], platform_id: str | None) -> Member | None:
    if platform_id is None:
        return None
    return mirror_repo.member_for(ctx.session, ctx.forum_id, ctx.forum.member_secret,
                                 platform_id)
