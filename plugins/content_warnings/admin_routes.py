"""Routes for admins (the taxonomy, the lexicon, the language list) and moderators (posts
whose suggested labels wait for a decision). Every admin change is in the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from forumkit.inputs import Text
from forumkit.links import safe_link
from forumkit.plugins.content_warnings import schemas as s
from forumkit.plugins.content_warnings import service
from forumkit.plugins.content_warnings.deps import (
    AdminContext,
    CacheDep,
    ModeratorContext,
    ModeratorReadContext,
)
from forumkit.plugins.content_warnings.models import CwLabel
from forumkit.plugins.content_warnings.routes import ERRORS, PostId, post_labels_out
from forumkit.plugins.content_warnings.taxonomy import LanguageEntry

router = APIRouter()
LabelKey = Annotated[Text, Path(max_length=64, description="The label's key")]


def _label_out(label: CwLabel) -> s.LabelOut:
    return s.LabelOut(key=label.key, name=label.name, description=label.description,
                      retired=label.retired_at is not None)


def _language_out(entries: list[LanguageEntry]) -> s.LanguageOut:
    return s.LanguageOut(terms=[s.LanguageNoteOut(phrase=e.phrase, suggestion=e.suggestion,
                                                  why=e.why) for e in entries])


@router.post("/labels", response_model=s.LabelOut, status_code=201, responses=ERRORS,
             summary="Add a content-warning label (admin)")
def create_label(body: s.LabelIn, ctx: AdminContext, cache: CacheDep) -> s.LabelOut:
    return _label_out(service.create_label(ctx, cache, key=body.key, name=body.name,
                                           description=body.description))


@router.patch("/labels/{key}", response_model=s.LabelOut, responses=ERRORS,
              summary="Rename, describe, retire or bring back a label (admin)")
def update_label(key: LabelKey, body: s.LabelUpdate, ctx: AdminContext,
                 cache: CacheDep) -> s.LabelOut:
    return _label_out(service.update_label(ctx, cache, key, name=body.name,
                                           description=body.description,
                                           retired=body.retired))


@router.get("/labels/{key}/lexicon", response_model=s.LexiconOut, responses=ERRORS,
            summary="The words and phrases that suggest a label (admin)")
def get_lexicon(key: LabelKey, ctx: AdminContext, cache: CacheDep) -> s.LexiconOut:
    return s.LexiconOut(label=key, terms=service.lexicon(ctx, cache, key))


@router.put("/labels/{key}/lexicon", response_model=s.LexiconOut, responses=ERRORS,
            summary="Replace the words and phrases that suggest a label (admin)")
def put_lexicon(key: LabelKey, body: s.LexiconIn, ctx: AdminContext,
                cache: CacheDep) -> s.LexiconOut:
    return s.LexiconOut(label=key, terms=service.set_lexicon(ctx, cache, key, body.terms))


@router.get("/language", response_model=s.LanguageOut, responses=ERRORS,
            summary="The inclusive-language list compose-check uses (admin)")
def get_language(ctx: AdminContext, cache: CacheDep) -> s.LanguageOut:
    return _language_out(service.language(ctx, cache))


@router.put("/language", response_model=s.LanguageOut, responses=ERRORS,
            summary="Replace the inclusive-language list (admin)")
def put_language(body: s.LanguageIn, ctx: AdminContext, cache: CacheDep) -> s.LanguageOut:
    entries = [LanguageEntry(t.phrase, t.suggestion, t.why) for t in body.terms]
    return _language_out(service.set_language(ctx, cache, entries))


@router.get("/content-warnings/suggestions", response_model=list[s.SuggestionOut],
            responses=ERRORS, summary="Suggested labels no one has confirmed (moderator)")
def list_suggestions(ctx: ModeratorReadContext, cache: CacheDep,
                     limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[s.SuggestionOut]:
    return [s.SuggestionOut(post_id=post.ext_id, url=safe_link(post.url), label=label.key,
                            name=label.name, matched=row.matched, since=row.updated_at)
            for row, post, label in service.pending_suggestions(ctx, cache, limit=limit)]


@router.post("/posts/{post}/suggestions/{key}/confirm", response_model=s.PostLabelsOut,
             responses=ERRORS, summary="Apply a suggested label; the author is told (moderator)")
def confirm_suggestion(post: PostId, key: LabelKey, ctx: ModeratorContext, cache: CacheDep,
                       body: s.ResolveIn | None = None) -> s.PostLabelsOut:
    taxonomy, found = service.resolve_suggestion(ctx, cache, post, key, confirm=True,
                                                 reason=body.reason if body else None)
    return post_labels_out(ctx.session, taxonomy, found)


@router.post("/posts/{post}/suggestions/{key}/dismiss", response_model=s.PostLabelsOut,
             responses=ERRORS, summary="Turn down a suggested label (moderator)")
def dismiss_suggestion(post: PostId, key: LabelKey, ctx: ModeratorContext, cache: CacheDep,
                       body: s.ResolveIn | None = None) -> s.PostLabelsOut:
    taxonomy, found = service.resolve_suggestion(ctx, cache, post, key, confirm=False,
                                                 reason=body.reason if body else None)
    return post_labels_out(ctx.session, taxonomy, found)
