"""Gratitude rules: what may be given, by whom, on what; what each reader is shown; and
the admin's edit of the forum's set of reactions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from forumkit.context import PluginContext
from forumkit.errors import Forbidden, Unprocessable
from forumkit.forums import service as forum_service
from forumkit.forums.models import Forum
from forumkit.messages import render
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror import service as mirror
from forumkit.mirror.models import Member, Post, Thread
from forumkit.plugins.gratitude import repository as repo
from forumkit.plugins.gratitude.facets import THREAD_PERMISSIONS
from forumkit.plugins.gratitude.settings import GratitudeSettings
from forumkit.registry import Registry

PLUGIN = "gratitude"
Context = PluginContext[GratitudeSettings]


def known_post(session: Session, forum: Forum, post_ext_id: str) -> Post:
    return mirror.live_post(session, forum, post_ext_id)


def may_react(ctx: PluginContext[Any], post: Post, member: Member) -> str | None:
    """Why this member may not thank this post, in words for them; None if they may."""
    if post.author_id is not None and post.author_id == member.id:
        return render(ctx, "gratitude.own_post")
    thread = ctx.session.get(Thread, post.thread_id) if post.thread_id is not None else None
    if thread is not None:
        allowed = ctx.facets.ask(THREAD_PERMISSIONS)(ctx.session, ctx.forum, thread, member,
                                 ctx.now)
        if not allowed.get("can_react", True):
            return str(allowed.get("reason") or render(ctx, "gratitude.reactions_off"))
    return None


@dataclass
class Given:
    post: Post
    member: Member
    kind: str
    changed: bool


def give(ctx: Context, *, post_ext_id: str, platform_member: str, kind: str) -> Given:
    session, forum, settings = ctx.session, ctx.forum, ctx.settings
    if settings.kind(kind) is None:
        raise Unprocessable([{
            "loc": ["body", "kind"], "type": "value_error",
            "msg": f"not a gratitude reaction of this forum; choose from "
                   f"{[k.key for k in settings.kinds]}",
        }])
    post = known_post(session, forum, post_ext_id)
    member = mirror.member_of(session, forum, platform_member, ctx.now)
    refusal = may_react(ctx, post, member)
    if refusal is not None:
        raise Forbidden(refusal)
    assert post.id is not None and member.id is not None
    added = repo.add(session, forum_id=ctx.forum_id, post_id=post.id, member_id=member.id,
                     kind=kind, source="api", at=ctx.now)
    return Given(post=post, member=member, kind=kind, changed=added)


def take_back(
    ctx: Context, *, post_ext_id: str, platform_member: str, kind: str
) -> tuple[Post, Member | None, bool]:
    post = known_post(ctx.session, ctx.forum, post_ext_id)
    assert post.id is not None
    member = mirror_repo.member_for(ctx.session, ctx.forum_id, ctx.forum.member_secret,
                                    platform_member)
    if member is None or member.id is None:
        return post, None, False
    return post, member, repo.remove(ctx.session, post_id=post.id, member_id=member.id,
                                     kind=kind)


def set_kinds(ctx: Context, registry: Registry, kinds: list[dict[str, Any]]
              ) -> GratitudeSettings:
    """Replace the forum's set of reactions, keeping its other settings; audited by the core.

    Reactions of a kind taken out are kept but no longer shown or counted; putting the kind
    back brings them back. Field errors are located as in the body of PUT /gratitude/kinds
    (`["body", "kinds", 0, "key"]`), and nothing is saved when there are any.
    """
    wanted = ctx.settings.model_dump(mode="json")
    wanted["kinds"] = kinds
    try:
        row = forum_service.set_plugin(ctx.session, registry, ctx.forum, PLUGIN, enabled=None,
                                       settings=wanted, actor=ctx.actor, now=ctx.now)
    except Unprocessable as exc:
        if isinstance(exc.detail, str):
            raise
        raise Unprocessable([{**e, "loc": ["body", *e["loc"][2:]]} for e in exc.detail]) from exc
    ctx.settings = GratitudeSettings.model_validate(row.settings)
    return ctx.settings


def shown(
    session: Session, settings: GratitudeSettings, posts: list[Post], viewer: Member | None
) -> dict[int, dict[str, Any]]:
    """What a reader sees of each post's gratitude: counts (unless hidden from them), and
    the reactions they gave themselves, so the forum can draw those buttons pressed."""
    ids = [p.id for p in posts if p.id is not None]
    all_counts = repo.counts(session, ids)
    mine = repo.given_by(session, ids, viewer.id) if viewer and viewer.id else {}
    order = [k.key for k in settings.kinds]
    seen: dict[int, dict[str, Any]] = {}
    for post in posts:
        assert post.id is not None
        is_author = viewer is not None and post.author_id == viewer.id
        visible = settings.counts_visible == "everyone" or is_author
        counts = all_counts.get(post.id, {})
        in_set = {k: counts.get(k, 0) for k in order}
        seen[post.id] = {
            "counts": in_set if visible else None,
            "total": sum(in_set.values()) if visible else None,
            "mine": [k for k in mine.get(post.id, []) if k in order],
            "hidden": not visible,
        }
    return seen


def member_gratitude(
    session: Session, forum: Forum, member_id: int, since: datetime, until: datetime,
    *, settings: GratitudeSettings,
) -> dict[str, Any]:
    """The `member.gratitude` facet: thanks a member's posts received in [since, until).

    Thanks on posts in other people's threads are help the member gave (`kinds`, `givers`);
    thanks on posts in threads they started are support they received, kept apart
    (`support_received`, a count)."""
    assert forum.id is not None
    rows = repo.received(session, forum_id=forum.id, author_id=member_id, since=since,
                         until=until)
    keys = {k.key for k in settings.kinds}
    helping = [(kind, giver) for kind, giver, own in rows if not own and kind in keys]
    by_kind = Counter(kind for kind, _ in helping)
    kinds = [
        {"key": k.key, "emoji": k.emoji, "words": k.words, "count": by_kind[k.key]}
        for k in settings.kinds if by_kind[k.key]
    ]
    return {"kinds": kinds, "givers": sorted({giver for _, giver in helping}),
            "support_received": sum(1 for kind, _, own in rows if own and kind in keys)}


def post_gratitude(
    session: Session, forum: Forum, ids: list[int], *, settings: GratitudeSettings
) -> dict[int, dict[str, int]]:
    """The `post.gratitude` facet: counts by kind, for kinds in the forum's set."""
    keys = {k.key for k in settings.kinds}
    return {
        post_id: {k: n for k, n in counts.items() if k in keys}
        for post_id, counts in repo.counts(session, ids).items()
    }


def gratitude_receivers(
    session: Session, forum: Forum, since: datetime, until: datetime
) -> list[int]:
    """The `forum.gratitude_receivers` facet."""
    assert forum.id is not None
    return repo.receivers(session, forum_id=forum.id, since=since, until=until)
