"""Routes for admins (the taxonomy, the lexicon, the language list) and moderators (posts
whose suggested labels wait for a decision). Every admin change is in the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from forumkit.deps import AdminAccess, ModeratorAccess, ServicesDep, SessionDep
from forumkit.links import safe_link
from forumkit.outbox import service as outbox
from forumkit.plugins.content_warnings import labels, service, taxonomy
from forumkit.plugins.content_warnings import repository as repo
from forumkit.plugins.content_warnings import schemas as s
from forumkit.plugins.content_warnings.labels import Actor
from forumkit.plugins.content_warnings.models import MODERATOR, CwLabel
from forumkit.plugins.content_warnings.routes import ERRORS, CacheDep, PostId, post_labels_out
from forumkit.plugins.content_warnings.taxonomy import LanguageEntry, ensure_seeded

router = APIRouter()
LabelKey = Annotated[str, Path(max_length=64, description="The label's key")]


def _label_out(label: CwLabel) -> s.LabelOut:
    return s.LabelOut(key=label.key, name=label.name, description=label.description,
                      retired=label.retired_at is not None)


@router.post("/labels", response_model=s.LabelOut, status_code=201, responses=ERRORS,
             summary="Add a content-warning label (admin)")
def create_label(body: s.LabelIn, access: AdminAccess, session: SessionDep,
                 app: ServicesDep, cache: CacheDep) -> s.LabelOut:
    now = app.clock.now()
    ensure_seeded(session, access.forum, now, cache)
    label = taxonomy.create_label(session, access.forum, cache, key=body.key, name=body.name,
                                  description=body.description, actor=access.actor, now=now)
    return _label_out(label)


@router.patch("/labels/{key}", response_model=s.LabelOut, responses=ERRORS,
              summary="Rename, describe, retire or bring back a label (admin)")
def update_label(key: LabelKey, body: s.LabelUpdate, access: AdminAccess, session: SessionDep,
                 app: ServicesDep, cache: CacheDep) -> s.LabelOut:
    now = app.clock.now()
    ensure_seeded(session, access.forum, now, cache)
    label = taxonomy.update_label(session, access.forum, cache, key, name=body.name,
                                  description=body.description, retired=body.retired,
                                  actor=access.actor, now=now)
    return _label_out(label)


@router.get("/labels/{key}/lexicon", response_model=s.LexiconOut, responses=ERRORS,
            summary="The words and phrases that suggest a label (admin)")
def get_lexicon(key: LabelKey, access: AdminAccess, session: SessionDep, app: ServicesDep,
                cache: CacheDep) -> s.LexiconOut:
    ensure_seeded(session, access.forum, app.clock.now(), cache)
    label = taxonomy.get_label(session, access.forum, key)
    assert label.id is not None
    return s.LexiconOut(label=key, terms=[t.phrase for t in repo.lexicon_terms(session,
                                                                               label.id)])


@router.put("/labels/{key}/lexicon", response_model=s.LexiconOut, responses=ERRORS,
            summary="Replace the words and phrases that suggest a label (admin)")
def put_lexicon(key: LabelKey, body: s.LexiconIn, access: AdminAccess, session: SessionDep,
                app: ServicesDep, cache: CacheDep) -> s.LexiconOut:
    now = app.clock.now()
    ensure_seeded(session, access.forum, now, cache)
    kept = taxonomy.set_lexicon(session, access.forum, cache, key, body.terms,
                                actor=access.actor, now=now)
    return s.LexiconOut(label=key, terms=kept)


@router.get("/language", response_model=s.LanguageOut, responses=ERRORS,
            summary="The inclusive-language list compose-check uses (admin)")
def get_language(access: AdminAccess, session: SessionDep, app: ServicesDep,
                 cache: CacheDep) -> s.LanguageOut:
    ensure_seeded(session, access.forum, app.clock.now(), cache)
    assert access.forum.id is not None
    return s.LanguageOut(terms=[s.LanguageNoteOut(phrase=t.phrase, suggestion=t.suggestion,
                                                  why=t.why)
                                for t in repo.language_terms(session, access.forum.id)])


@router.put("/language", response_model=s.LanguageOut, responses=ERRORS,
            summary="Replace the inclusive-language list (admin)")
def put_language(body: s.LanguageIn, access: AdminAccess, session: SessionDep,
                 app: ServicesDep, cache: CacheDep) -> s.LanguageOut:
    now = app.clock.now()
    ensure_seeded(session, access.forum, now, cache)
    rows = taxonomy.set_language(
        session, access.forum, cache,
        [LanguageEntry(t.phrase, t.suggestion, t.why) for t in body.terms],
        actor=access.actor, now=now)
    return s.LanguageOut(terms=[s.LanguageNoteOut(phrase=r.phrase, suggestion=r.suggestion,
                                                  why=r.why) for r in rows])


@router.get("/content-warnings/suggestions", response_model=list[s.SuggestionOut],
            responses=ERRORS, summary="Suggested labels no one has confirmed (moderator)")
def list_suggestions(access: ModeratorAccess, session: SessionDep, app: ServicesDep,
                     cache: CacheDep,
                     limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[s.SuggestionOut]:
    assert access.forum.id is not None
    ensure_seeded(session, access.forum, app.clock.now(), cache)
    tax = cache.get(session, access.forum.id)
    made = []
    for row, post in repo.pending_suggestions(session, access.forum.id, limit=limit):
        label = tax.labels.get(row.label_id)
        if label is not None:
            made.append(s.SuggestionOut(post_id=post.ext_id, url=safe_link(post.url),
                                        label=label.key, name=label.name, matched=row.matched,
                                        since=row.updated_at))
    return made


def _resolve(post: str, key: str, confirm: bool, body: s.ResolveIn | None,
             access: ModeratorAccess, session: SessionDep, app: ServicesDep,
             cache: CacheDep) -> s.PostLabelsOut:
    settings = service.enabled_settings(session, access.forum)
    assert access.forum.id is not None
    tax = cache.get(session, access.forum.id)
    found = labels.post_or_404(session, access.forum, post)
    now = app.clock.now()
    outcome = labels.resolve_suggestion(
        session, access.forum, tax, found, key, confirm=confirm,
        actor=Actor(MODERATOR, access.actor), reason=body.reason if body else None, now=now)
    session.flush()
    outbox.enqueue(session, access.forum, labels.actions(session, settings, tax, found, outcome),
                   now)
    return post_labels_out(session, tax, found)


@router.post("/posts/{post}/suggestions/{key}/confirm", response_model=s.PostLabelsOut,
             responses=ERRORS, summary="Apply a suggested label; the author is told (moderator)")
def confirm_suggestion(post: PostId, key: LabelKey, access: ModeratorAccess,
                       session: SessionDep, app: ServicesDep, cache: CacheDep,
                       body: s.ResolveIn | None = None) -> s.PostLabelsOut:
    return _resolve(post, key, True, body, access, session, app, cache)


@router.post("/posts/{post}/suggestions/{key}/dismiss", response_model=s.PostLabelsOut,
             responses=ERRORS, summary="Turn down a suggested label (moderator)")
def dismiss_suggestion(post: PostId, key: LabelKey, access: ModeratorAccess,
                       session: SessionDep, app: ServicesDep, cache: CacheDep,
                       body: s.ResolveIn | None = None) -> s.PostLabelsOut:
    return _resolve(post, key, False, body, access, session, app, cache)
