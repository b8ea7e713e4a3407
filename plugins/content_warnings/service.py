"""Glue between the routes, the handlers and the modules that do the work: the forum's
settings for this plugin, suggestions for a text, compose-check and the facets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from forumkit.errors import Conflict
from forumkit.forums.models import Forum
from forumkit.forums.service import plugin_config
from forumkit.plugins.content_warnings import repository as repo
from forumkit.plugins.content_warnings import suggesters
from forumkit.plugins.content_warnings.settings import ContentWarningSettings
from forumkit.plugins.content_warnings.suggesters import Suggestion
from forumkit.plugins.content_warnings.taxonomy import Taxonomy, TaxonomyCache

MAX_TEXT = 200_000


def forum_settings(session: Session, forum: Forum) -> ContentWarningSettings | None:
    """The forum's settings, or None when content warnings are off for it."""
    on, settings = plugin_config(session, forum, repo.PLUGIN, ContentWarningSettings)
    return settings if on else None


def enabled_settings(session: Session, forum: Forum) -> ContentWarningSettings:
    settings = forum_settings(session, forum)
    if settings is None:
        raise Conflict("content warnings are switched off for this forum")
    return settings


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


def text_labels(
    session: Session, forum: Forum, text: str, cache: TaxonomyCache
) -> list[dict[str, Any]]:
    """The `text.labels` facet: labels a text would be suggested, with the words why."""
    settings = forum_settings(session, forum)
    if settings is None or forum.id is None:
        return []
    taxonomy = cache.get(session, forum.id)
    return [{"key": s.key, "matched": list(s.matched)} for s in suggest(settings, taxonomy, text)]


def post_labels(
    session: Session, forum: Forum, ids: list[int], cache: TaxonomyCache
) -> dict[int, list[str]]:
    """The `post.labels` facet: applied label keys per mirror post id."""
    if forum.id is None or forum_settings(session, forum) is None:
        return {}
    taxonomy = cache.get(session, forum.id)
    found: dict[int, list[str]] = {}
    for post_id, label_ids in repo.applied_by_post(session, ids).items():
        for label_id in label_ids:
            if label_id not in taxonomy.labels:
                taxonomy = cache.get(session, forum.id, needs=label_id)
            if label_id in taxonomy.labels:
                found.setdefault(post_id, []).append(taxonomy.labels[label_id].key)
    return found
