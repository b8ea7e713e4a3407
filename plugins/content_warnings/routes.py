"""Routes for the forum's server (scope platform): render hints, compose-check, labels on
posts and readers' preferences. Thin: the work is in service.py, hints.py and labels.py."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from sqlmodel import Session

from forumkit.errors import responses
from forumkit.inputs import Text
from forumkit.messages import texts_for
from forumkit.mirror.models import Post
from forumkit.plain_json import PlainJSON
from forumkit.plugins.content_warnings import hints, labels, service, support
from forumkit.plugins.content_warnings import repository as repo
from forumkit.plugins.content_warnings import schemas as s
from forumkit.plugins.content_warnings.deps import CacheDep, PlatformContext, ReadContext
from forumkit.plugins.content_warnings.models import APPLIED, SUGGESTED
from forumkit.plugins.content_warnings.settings import ContentWarningSettings
from forumkit.plugins.content_warnings.taxonomy import Taxonomy

ERRORS = responses(401, 403, 404, 409, 422)
PostId = Annotated[Text, Path(max_length=200, description="The platform's post id")]
MemberId = Annotated[Text, Path(max_length=200, description="The platform's user id")]
router = APIRouter()


@router.post("/render-hints", response_model=s.RenderHintsOut, responses=ERRORS,
             summary="How each post of a page, and each thread title of a list, should be "
                     "drawn for this reader")
def render_hints(body: s.RenderHintsIn, ctx: ReadContext, cache: CacheDep) -> PlainJSON:
    """Up to 200 posts and 200 threads at once. Posts ForumKit has not seen are listed in
    `unknown`, threads in `unknown_threads`."""
    page = hints.render_hints(ctx.session, ctx.forum, ctx.settings, cache, body.reader_id,
                              body.post_ids, body.thread_ids)
    needing = support.posts_needing(ctx.session, ctx.forum_id, ctx.settings, list(page.posts))
    threads_needing = {tid for tid, h in page.threads.items()
                       if support.thread_needs(ctx.settings, [lb.key for lb in h.labels])}
    offered = (_support_out(support.offered(ctx.settings, texts_for(ctx.session, ctx.forum)))
               if needing or threads_needing else None)
    # Plain data in the shape of s.RenderHintsOut: no model per post on the busiest route.
    return PlainJSON({
        "posts": {pid: _hint_out(h, pid in needing) for pid, h in page.posts.items()},
        "unknown": page.unknown,
        "support": offered.model_dump(mode="json") if offered is not None else None,
        "threads": {tid: _hint_out(h, tid in threads_needing)
                    for tid, h in page.threads.items()},
        "unknown_threads": page.unknown_threads,
    })


def _hint_out(hint: hints.Hint, needs_support: bool) -> dict[str, Any]:
    return {"display": hint.display,
            "labels": [{"key": lb.key, "name": lb.name} for lb in hint.labels],
            "notice": hint.notice, "support": needs_support}


def _support_out(found: support.Support | None) -> s.SupportOut | None:
    if found is None:
        return None
    return s.SupportOut(line=found.line, resources=[
        s.SupportResourceOut(**r.model_dump()) for r in found.resources])


@router.post("/compose-check", response_model=s.ComposeCheckOut, responses=ERRORS,
             summary="Labels and kinder wording to suggest while a post is written")
def compose_check(body: s.ComposeCheckIn, ctx: ReadContext,
                  cache: CacheDep) -> s.ComposeCheckOut:
    """Nothing is stored: the text is read for suggestions and dropped."""
    # Read-only, as it is asked while people type: on SQLite it never waits for writers.
    check = service.compose_check(ctx, cache, body.title, body.body)
    return s.ComposeCheckOut(
        suggested_labels=[s.SuggestedLabel(key=x.key, name=check.taxonomy.by_key[x.key].name,
                                           matched=list(x.matched))
                          for x in check.suggestions],
        language=[s.LanguageNoteOut(phrase=n.phrase, suggestion=n.suggestion, why=n.why)
                  for n in check.language],
        support=_support_out(support.for_draft(
            ctx.settings, service.compose_text(body.title, body.body),
            texts_for(ctx.session, ctx.forum, lazy=True))),
    )


@router.get("/labels", response_model=list[s.LabelOut], responses=ERRORS,
            summary="The forum's content-warning labels, retired ones too")
def list_labels(ctx: ReadContext, cache: CacheDep) -> list[s.LabelOut]:
    taxonomy = service.reading_taxonomy(ctx, cache)
    return [s.LabelOut(key=lb.key, name=lb.name, description=lb.description,
                       retired=lb.retired) for lb in taxonomy.labels.values()]


def post_labels_out(session: Session, taxonomy: Taxonomy, post: Post) -> s.PostLabelsOut:
    assert post.id is not None
    applied, pending = [], []
    for row in repo.post_labels(session, post.id):
        label = taxonomy.labels.get(row.label_id)
        if label is None:
            continue
        if row.state == APPLIED:
            applied.append(s.PostLabelOut(key=label.key, name=label.name, source=row.source,
                                          reason=row.reason, since=row.updated_at,
                                          retired=label.retired))
        elif row.state == SUGGESTED:
            pending.append(s.PendingOut(key=label.key, name=label.name, matched=row.matched,
                                        since=row.updated_at))
    history = [s.HistoryOut(at=h.at, label=h.label_key, change=h.change, source=h.source,
                            reason=h.reason, matched=h.matched)
               for h in repo.history(session, post.id)]
    return s.PostLabelsOut(post_id=post.ext_id, labels=applied, suggested=pending,
                           history=history)


@router.get("/posts/{post}/labels", response_model=s.PostLabelsOut, responses=ERRORS,
            summary="A post's labels, pending suggestions and the history of changes")
def get_post_labels(post: PostId, ctx: ReadContext, cache: CacheDep) -> s.PostLabelsOut:
    taxonomy = service.reading_taxonomy(ctx, cache)
    found = labels.post_or_404(ctx.session, ctx.forum, post)
    return post_labels_out(ctx.session, taxonomy, found)


@router.put("/posts/{post}/labels", response_model=s.PostLabelsOut, responses=ERRORS,
            summary="The author or a moderator sets the labels of a post")
def put_post_labels(post: PostId, body: s.PostLabelsIn, ctx: PlatformContext,
                    cache: CacheDep) -> s.PostLabelsOut:
    """`labels` is the whole set the post should carry. An author accepts a suggestion by
    naming it (suggestions left out are dismissed) and may take off only what the forum
    allows; a moderator's new labels need a `reason`, which the author is sent."""
    taxonomy, found = service.set_post_labels(ctx, cache, post, by=body.by,
                                              actor_id=body.actor_id, keys=body.labels,
                                              reason=body.reason)
    return post_labels_out(ctx.session, taxonomy, found)


def _preferences_out(settings: ContentWarningSettings, chosen: dict[str, str]) -> s.PreferencesOut:
    return s.PreferencesOut(labels=chosen,  # type: ignore[arg-type]
                            member_default=settings.member_default,
                            anonymous_default=settings.anonymous_default)


@router.get("/members/{member}/preferences", response_model=s.PreferencesOut,
            responses=ERRORS, summary="A reader's choices per label, and the forum defaults")
def get_preferences(member: MemberId, ctx: ReadContext, cache: CacheDep) -> s.PreferencesOut:
    return _preferences_out(ctx.settings, service.preferences(ctx, cache, member))


@router.put("/members/{member}/preferences", response_model=s.PreferencesOut,
            responses=ERRORS, summary="Set a reader's show / blur / hide per label")
def put_preferences(member: MemberId, body: s.PreferencesIn, ctx: PlatformContext,
                    cache: CacheDep) -> s.PreferencesOut:
    """Replaces the reader's choices; labels left out follow the forum's default."""
    chosen = service.set_preferences(ctx, cache, member, dict(body.labels))
    return _preferences_out(ctx.settings, chosen)
