"""The use cases of content warnings, one function each, shared by the API routes and the
pages: labels on a post, suggestions waiting for a moderator, readers' preferences, editing
the taxonomy, compose-check, and the facets other plugins read.

Each takes the plugin's context for the forum (settings, session, clock, actor) and emits
the actions a change calls for; the route or page that owns the unit of work commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from forumkit.context import PluginContext
from forumkit.errors import Forbidden
from forumkit.forums.models import Forum
from forumkit.identity import member_key
from forumkit.messages import texts_for
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror import service as mirror
from forumkit.mirror.models import Post
from forumkit.plugins.content_warnings import hints, labels, suggesters, taxonomy
from forumkit.plugins.content_warnings import repository as repo
from forumkit.plugins.content_warnings.labels import Actor
from forumkit.plugins.content_warnings.models import AUTHOR, MODERATOR, CwLabel, CwPostLabel
from forumkit.plugins.content_warnings.settings import ContentWarningSettings
from forumkit.plugins.content_warnings.suggesters import Suggestion
from forumkit.plugins.content_warnings.taxonomy import (
    LabelView,
    LanguageEntry,
    Taxonomy,
    TaxonomyCache,
    default_taxonomy,
    ensure_seeded,
)

MAX_TEXT = 200_000
Context = PluginContext[ContentWarningSettings]


def reading_taxonomy(ctx: Context, cache: TaxonomyCache) -> Taxonomy:
    """The forum's taxonomy, or the defaults it will be seeded with (nothing is written)."""
    found = cache.get(ctx.session, ctx.forum_id)
    return found if found.labels else default_taxonomy()  # labels are never deleted


def seeded_taxonomy(ctx: Context, cache: TaxonomyCache) -> Taxonomy:
    """The forum's taxonomy, seeded with the defaults on the forum's first write."""
    ensure_seeded(ctx.session, ctx.forum, ctx.now, cache)
    return cache.get(ctx.session, ctx.forum_id)


# Labels on posts.

def set_post_labels(
    ctx: Context, cache: TaxonomyCache, post_id: str, *, by: str, actor_id: str,
    keys: list[str], reason: str | None,
) -> tuple[Taxonomy, Post]:
    """The author or a moderator sets the whole set of labels a post should carry."""
    tax = seeded_taxonomy(ctx, cache)
    post = labels.post_or_404(ctx.session, ctx.forum, post_id)
    member = mirror.member_of(ctx.session, ctx.forum, actor_id, ctx.now)
    actor = Actor(AUTHOR if by == AUTHOR else MODERATOR, f"member:{member.id}", member.id)
    if by == AUTHOR:
        if post.author_id is None or post.author_id != member.id:
            raise Forbidden("only the post's author may set its labels as the author")
        outcome = labels.set_by_author(ctx.session, ctx.forum, ctx.settings, tax, post, actor,
                                       keys, ctx.now)
    else:
        outcome = labels.set_by_moderator(ctx.session, ctx.forum, tax, post, actor, keys,
                                          reason, ctx.now)
    ctx.session.flush()
    ctx.emit(labels.actions(ctx.session, ctx.settings, tax, post, outcome,
                            texts_for(ctx.session, ctx.forum)))
    return tax, post


def resolve_suggestion(
    ctx: Context, cache: TaxonomyCache, post_id: str, key: str, *, confirm: bool,
    reason: str | None,
) -> tuple[Taxonomy, Post]:
    """A moderator confirms a suggested label (the author is told why) or dismisses it."""
    tax = cache.get(ctx.session, ctx.forum_id)
    post = labels.post_or_404(ctx.session, ctx.forum, post_id)
    outcome = labels.resolve_suggestion(
        ctx.session, ctx.forum, tax, post, key, confirm=confirm,
        actor=Actor(MODERATOR, ctx.actor), reason=reason, now=ctx.now)
    ctx.session.flush()
    ctx.emit(labels.actions(ctx.session, ctx.settings, tax, post, outcome,
                            texts_for(ctx.session, ctx.forum)))
    return tax, post


def pending_suggestions(
    ctx: Context, cache: TaxonomyCache, *, limit: int
) -> list[tuple[CwPostLabel, Post, LabelView]]:
    """Suggested labels no one has confirmed, newest first. Nothing is seeded: a forum that
    was never seeded has no labels on posts yet."""
    tax = cache.get(ctx.session, ctx.forum_id)
    return [(row, post, tax.labels[row.label_id])
            for row, post in repo.pending_suggestions(ctx.session, ctx.forum_id, limit=limit)
            if row.label_id in tax.labels]


# Readers' preferences.

def preferences(ctx: Context, cache: TaxonomyCache, member_id: str) -> dict[str, str]:
    found = mirror_repo.get_member(ctx.session, ctx.forum_id,
                                   member_key(ctx.forum.member_secret, member_id))
    return hints.get_preferences(ctx.session, ctx.forum, found, reading_taxonomy(ctx, cache))


def set_preferences(
    ctx: Context, cache: TaxonomyCache, member_id: str, wishes: dict[str, str]
) -> dict[str, str]:
    """Replace a reader's choices; labels left out follow the forum's default."""
    tax = seeded_taxonomy(ctx, cache)
    reader = mirror.member_of(ctx.session, ctx.forum, member_id, ctx.now)
    return hints.set_preferences(ctx.session, ctx.forum, reader, tax, wishes, ctx.now)


# The taxonomy: labels, their word lists and the kinder-wording list (admins).

def create_label(
    ctx: Context, cache: TaxonomyCache, *, key: str, name: str, description: str
) -> CwLabel:
    ensure_seeded(ctx.session, ctx.forum, ctx.now, cache)
    return taxonomy.create_label(ctx.session, ctx.forum, cache, key=key, name=name,
                                 description=description, actor=ctx.actor, now=ctx.now)


def update_label(
    ctx: Context, cache: TaxonomyCache, key: str, *, name: str | None = None,
    description: str | None = None, retired: bool | None = None,
    terms: list[str] | None = None,
) -> CwLabel:
    """Rename, describe, retire or bring back a label; with `terms`, replace its words too."""
    ensure_seeded(ctx.session, ctx.forum, ctx.now, cache)
    label = taxonomy.update_label(ctx.session, ctx.forum, cache, key, name=name,
                                  description=description, retired=retired, actor=ctx.actor,
                                  now=ctx.now)
    if terms is not None:
        taxonomy.set_lexicon(ctx.session, ctx.forum, cache, key, terms, actor=ctx.actor,
                             now=ctx.now)
    return label


def lexicon(ctx: Context, cache: TaxonomyCache, key: str) -> list[str]:
    ensure_seeded(ctx.session, ctx.forum, ctx.now, cache)
    label = taxonomy.get_label(ctx.session, ctx.forum, key)
    assert label.id is not None
    return [t.phrase for t in repo.lexicon_terms(ctx.session, label.id)]


def set_lexicon(ctx: Context, cache: TaxonomyCache, key: str, terms: list[str]) -> list[str]:
    ensure_seeded(ctx.session, ctx.forum, ctx.now, cache)
    return taxonomy.set_lexicon(ctx.session, ctx.forum, cache, key, terms, actor=ctx.actor,
                                now=ctx.now)


def language(ctx: Context, cache: TaxonomyCache) -> list[LanguageEntry]:
    ensure_seeded(ctx.session, ctx.forum, ctx.now, cache)
    return [LanguageEntry(t.phrase, t.suggestion, t.why)
            for t in repo.language_terms(ctx.session, ctx.forum_id)]


def set_language(
    ctx: Context, cache: TaxonomyCache, entries: list[LanguageEntry]
) -> list[LanguageEntry]:
    ensure_seeded(ctx.session, ctx.forum, ctx.now, cache)
    rows = taxonomy.set_language(ctx.session, ctx.forum, cache, entries, actor=ctx.actor,
                                 now=ctx.now)
    return [LanguageEntry(r.phrase, r.suggestion, r.why) for r in rows]


# Suggestions for a text: compose-check, new posts and the text.labels facet.

def suggest(settings: ContentWarningSettings, taxonomy: Taxonomy, text: str) -> list[Suggestion]:
    if not text.strip():
        return []
    suggester = suggesters.get(settings.suggester)
    return [s for s in suggester.suggest(text[:MAX_TEXT], taxonomy.lexicon)
            if s.key in taxonomy.by_key and not taxonomy.by_key[s.key].retired]


@dataclass
class LanguageNote:
    phrase: str
    suggestion: str
    why: str


def language_notes(taxonomy: Taxonomy, text: str) -> list[LanguageNote]:
    """Kinder wording for each stigmatising phrase, once per phrase as written. Where two
    entries match the same words ("commit suicide" also matches "committed suicide"), the
    entry written exactly so wins."""
    notes: dict[str, LanguageNote] = {}
    for match in taxonomy.language.find(text[:MAX_TEXT]):
        entry, written = match.value, match.text.lower()
        if written not in notes or entry.phrase == written:
            notes[written] = LanguageNote(match.text, entry.suggestion, entry.why)
    return list(notes.values())


def compose_text(title: str | None, body: str | None) -> str:
    return "\n".join(part for part in (title, body) if part)


@dataclass
class ComposeCheck:
    taxonomy: Taxonomy
    suggestions: list[Suggestion]
    language: list[LanguageNote]


def compose_check(
    ctx: Context, cache: TaxonomyCache, title: str | None, body: str | None
) -> ComposeCheck:
    """Labels and kinder wording for a text being written; nothing is stored or seeded."""
    tax = reading_taxonomy(ctx, cache)
    text = compose_text(title, body)
    return ComposeCheck(tax, suggest(ctx.settings, tax, text), language_notes(tax, text))


def text_labels(
    session: Session, forum: Forum, text: str, cache: TaxonomyCache,
    settings: ContentWarningSettings,
) -> list[dict[str, Any]]:
    """The `text.labels` facet: labels a text would be suggested, with the words why (the
    core gives the forum's settings, so its choice of suggester)."""
    if forum.id is None:
        return []
    tax = cache.get(session, forum.id)
    return [{"key": s.key, "matched": list(s.matched)} for s in suggest(settings, tax, text)]


def post_labels(
    session: Session, forum: Forum, ids: list[int], cache: TaxonomyCache
) -> dict[int, list[str]]:
    """The `post.labels` facet: applied label keys per mirror post id."""
    if forum.id is None:
        return {}
    tax = cache.get(session, forum.id)
    found: dict[int, list[str]] = {}
    for post_id, label_ids in repo.applied_by_post(session, ids).items():
        for label_id in label_ids:
            if label_id not in tax.labels:
                tax = cache.get(session, forum.id, needs=label_id)
            if label_id in tax.labels:
                found.setdefault(post_id, []).append(tax.labels[label_id].key)
    return found
