"""Routes for the forum's server (scope platform): render hints, compose-check, labels on
posts and readers' preferences. Thin: the work is in hints.py, labels.py and service.py."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import APIRouter, Depends, Path
from sqlmodel import Session

from forumkit.deps import (
    PlatformAccess,
    PlatformReadAccess,
    ReadSessionDep,
    ServicesDep,
    SessionDep,
)
from forumkit.errors import Forbidden, responses
from forumkit.identity import member_key
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror import service as mirror
from forumkit.mirror.models import Post
from forumkit.outbox import service as outbox
from forumkit.plugins.content_warnings import hints, labels, service
from forumkit.plugins.content_warnings import repository as repo
from forumkit.plugins.content_warnings import schemas as s
from forumkit.plugins.content_warnings.labels import Actor
from forumkit.plugins.content_warnings.models import APPLIED, AUTHOR, MODERATOR, SUGGESTED
from forumkit.plugins.content_warnings.taxonomy import (
    Taxonomy,
    TaxonomyCache,
    default_taxonomy,
    ensure_seeded,
)
from forumkit.services import Services

NAME = "content_warnings"
ERRORS = responses(401, 403, 404, 409, 422)
PostId = Annotated[str, Path(max_length=200, description="The platform's post id")]
MemberId = Annotated[str, Path(max_length=200, description="The platform's user id")]


async def taxonomy_cache(app: ServicesDep) -> TaxonomyCache:
    # async: nothing here waits, and a sync dependency would cost a thread hand-off.
    cache: TaxonomyCache = app.registry.plugins[NAME].cache  # type: ignore[attr-defined]
    return cache


CacheDep = Annotated[TaxonomyCache, Depends(taxonomy_cache)]
router = APIRouter()


def for_reading(session: Session, access: PlatformReadAccess,
                cache: TaxonomyCache) -> Taxonomy:
    """The forum's taxonomy, or the defaults it will be seeded with (nothing is written)."""
    assert access.forum.id is not None
    taxonomy = cache.get(session, access.forum.id)
    return taxonomy if taxonomy.labels else default_taxonomy()  # labels are never deleted


def seeded(session: Session, access: PlatformAccess, app: Services,
           cache: TaxonomyCache) -> Taxonomy:
    assert access.forum.id is not None
    ensure_seeded(session, access.forum, app.clock.now(), cache)
    return cache.get(session, access.forum.id)


@router.post("/render-hints", response_model=s.RenderHintsOut, responses=ERRORS,
             summary="How each post of a page should be drawn for this reader")
def render_hints(body: s.RenderHintsIn, access: PlatformReadAccess, session: ReadSessionDep,
                 cache: CacheDep) -> s.RenderHintsOut:
    """Up to 200 posts at once. Posts ForumKit has not seen are listed in `unknown`."""
    found, unknown = hints.render_hints(session, access.forum, cache, body.reader_id,
                                        body.post_ids)
    return s.RenderHintsOut(
        posts={pid: s.PostHint(display=cast(s.Display, h.display), notice=h.notice,
                               labels=[s.LabelRef(key=lb.key, name=lb.name) for lb in h.labels])
               for pid, h in found.items()},
        unknown=unknown,
    )


@router.post("/compose-check", response_model=s.ComposeCheckOut, responses=ERRORS,
             summary="Labels and kinder wording to suggest while a post is written")
def compose_check(body: s.ComposeCheckIn, access: PlatformReadAccess, session: ReadSessionDep,
                  cache: CacheDep) -> s.ComposeCheckOut:
    """Nothing is stored: the text is read for suggestions and dropped."""
    # Read-only, as it is asked while people type: on SQLite it never waits for writers.
    settings = service.forum_settings(session, access.forum)
    if settings is None:
        return s.ComposeCheckOut(suggested_labels=[], language=[])
    taxonomy = for_reading(session, access, cache)
    text = service.compose_text(body.title, body.body)
    return s.ComposeCheckOut(
        suggested_labels=[s.SuggestedLabel(key=x.key, name=taxonomy.by_key[x.key].name,
                                           matched=list(x.matched))
                          for x in service.suggest(settings, taxonomy, text)],
        language=[s.LanguageNoteOut(phrase=n.phrase, suggestion=n.suggestion, why=n.why)
                  for n in service.language_notes(taxonomy, text)],
    )


@router.get("/labels", response_model=list[s.LabelOut], responses=ERRORS,
            summary="The forum's content-warning labels, retired ones too")
def list_labels(access: PlatformReadAccess, session: ReadSessionDep,
                cache: CacheDep) -> list[s.LabelOut]:
    taxonomy = for_reading(session, access, cache)
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
def get_post_labels(post: PostId, access: PlatformReadAccess, session: ReadSessionDep,
                    cache: CacheDep) -> s.PostLabelsOut:
    taxonomy = for_reading(session, access, cache)
    return post_labels_out(session, taxonomy, labels.post_or_404(session, access.forum, post))


@router.put("/posts/{post}/labels", response_model=s.PostLabelsOut, responses=ERRORS,
            summary="The author or a moderator sets the labels of a post")
def put_post_labels(post: PostId, body: s.PostLabelsIn, access: PlatformAccess,
                    session: SessionDep, app: ServicesDep, cache: CacheDep) -> s.PostLabelsOut:
    """`labels` is the whole set the post should carry. An author accepts a suggestion by
    naming it (suggestions left out are dismissed) and may take off only what the forum
    allows; a moderator's new labels need a `reason`, which the author is sent."""
    settings = service.enabled_settings(session, access.forum)
    taxonomy = seeded(session, access, app, cache)
    found = labels.post_or_404(session, access.forum, post)
    now = app.clock.now()
    actor_member = mirror.member_of(session, access.forum, body.actor_id, now)
    actor = Actor(AUTHOR if body.by == "author" else MODERATOR, f"member:{actor_member.id}",
                  actor_member.id)
    if body.by == "author":
        if found.author_id is None or found.author_id != actor_member.id:
            raise Forbidden("only the post's author may set its labels as the author")
        outcome = labels.set_by_author(session, access.forum, settings, taxonomy, found,
                                       actor, body.labels, now)
    else:
        outcome = labels.set_by_moderator(session, access.forum, taxonomy, found, actor,
                                          body.labels, body.reason, now)
    session.flush()
    outbox.enqueue(session, access.forum,
                   labels.actions(session, settings, taxonomy, found, outcome), now)
    return post_labels_out(session, taxonomy, found)


def _preferences_out(settings: service.ContentWarningSettings,
                     chosen: dict[str, str]) -> s.PreferencesOut:
    return s.PreferencesOut(labels=chosen,  # type: ignore[arg-type]
                            member_default=settings.member_default,
                            anonymous_default=settings.anonymous_default)


@router.get("/members/{member}/preferences", response_model=s.PreferencesOut,
            responses=ERRORS, summary="A reader's choices per label, and the forum defaults")
def get_preferences(member: MemberId, access: PlatformReadAccess, session: ReadSessionDep,
                    cache: CacheDep) -> s.PreferencesOut:
    settings = service.enabled_settings(session, access.forum)
    taxonomy = for_reading(session, access, cache)
    assert access.forum.id is not None
    found = mirror_repo.get_member(session, access.forum.id,
                                   member_key(access.forum.member_secret, member))
    return _preferences_out(settings, hints.get_preferences(session, access.forum, found,
                                                            taxonomy))


@router.put("/members/{member}/preferences", response_model=s.PreferencesOut,
            responses=ERRORS, summary="Set a reader's show / blur / hide per label")
def put_preferences(member: MemberId, body: s.PreferencesIn, access: PlatformAccess,
                    session: SessionDep, app: ServicesDep, cache: CacheDep) -> s.PreferencesOut:
    """Replaces the reader's choices; labels left out follow the forum's default."""
    settings = service.enabled_settings(session, access.forum)
    taxonomy = seeded(session, access, app, cache)
    now = app.clock.now()
    reader = mirror.member_of(session, access.forum, member, now)
    chosen = hints.set_preferences(session, access.forum, reader, taxonomy, dict(body.labels),
                                   now)
    return _preferences_out(settings, chosen)
