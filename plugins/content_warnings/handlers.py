"""Events in, actions out: labels the author sent with a post, and suggestions as it arrives.

The core hands the event over only where content warnings are on, with the forum's settings
in the context; the actions returned reach the outbox in the ingest transaction."""

from __future__ import annotations

from forumkit.actions import Action
from forumkit.events import Event, PostCreated, PostEdited
from forumkit.messages import texts_for
from forumkit.plugin import EventContext
from forumkit.plugins.content_warnings import labels, service
from forumkit.plugins.content_warnings.facets import THREAD_RESPONSE_MODE
from forumkit.plugins.content_warnings.labels import Actor, Outcome
from forumkit.plugins.content_warnings.models import AUTHOR, SUGGESTER
from forumkit.plugins.content_warnings.settings import ContentWarningSettings
from forumkit.plugins.content_warnings.taxonomy import TaxonomyCache, ensure_seeded
from forumkit.risk import RiskLevel, assessor_for


def handle(event: Event, ctx: EventContext, cache: TaxonomyCache) -> list[Action]:
    if not isinstance(event, PostCreated | PostEdited) or ctx.post is None:
        return []
    post = ctx.post
    if post.deleted_at is not None:
        return []
    settings: ContentWarningSettings = ctx.settings
    ensure_seeded(ctx.session, ctx.forum, ctx.now, cache)
    taxonomy = cache.get(ctx.session, ctx.forum_id)
    outcome = Outcome()

    author = ctx.member
    if event.post.content_warnings is not None and author is not None and author.id:
        by_author = labels.set_by_author(
            ctx.session, ctx.forum, settings, taxonomy, post,
            Actor(AUTHOR, f"member:{author.id}", author.id),
            list(event.post.content_warnings), ctx.now, strict=False,
        )
        outcome.added += by_author.added
        outcome.removed += by_author.removed

    text = service.compose_text(event.post.title, ctx.body)
    if settings.suggestions != "off" and text:
        proposed = service.suggest(settings, taxonomy, text)
        if proposed:
            by_suggester = labels.suggest(
                ctx.session, ctx.forum, settings, taxonomy, post, proposed,
                Actor(SUGGESTER, f"suggester:{settings.suggester}"), ctx.now,
            )
            outcome.added += by_suggester.added
            outcome.suggested += by_suggester.suggested
    offer = withheld_offer(event, ctx, settings, text) is None
    return labels.actions(ctx.session, settings, taxonomy, post, outcome,
                          texts_for(ctx.session, ctx.forum), offer=offer)


def withheld_offer(
    event: PostCreated | PostEdited, ctx: EventContext, settings: ContentWarningSettings,
    text: str,
) -> str | None:
    """Why the author is not sent the offer of a label after posting, or None. An automatic
    message must never hurt: none where they asked for no replies, on a newcomer's first
    post, on replies, or on a post that may need a moderator."""
    skips = set(settings.no_offer_on)
    post = ctx.post
    assert post is not None
    if post.hidden_at is not None:
        return "hidden"  # a moderator hid it: a cheerful offer now would jar
    if "reply" in skips and not post.is_first_in_thread:
        return "reply"
    mode = event.post.response_mode if post.is_first_in_thread else None
    if mode is None and post.thread_id is not None:
        mode = ctx.facets.one(THREAD_RESPONSE_MODE, ctx.session, ctx.forum, post.thread_id)
    if mode in skips:
        return mode
    if "new_member_first_post" in skips and ctx.member is not None \
            and ctx.member.is_new(ctx.forum.created_at, ctx.now, posts=1):
        return "new_member_first_post"
    if "high_risk" in skips and text and assessor_for("words").assess(text).level == RiskLevel.HIGH:
        return "high_risk"
    return None
