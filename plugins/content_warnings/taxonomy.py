"""The forum's labels, lexicon and language list: seeding, a per-process cache, admin edits.

The read path must not query the taxonomy for every page, so each process keeps it per
forum for a few seconds. A change made here drops this process's copy at once; other
processes see it when their copy expires (TTL_SECONDS), or at once when a post carries
a label id their copy does not know yet.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert
from sqlmodel import Session, delete

from forumkit.audit import service as audit
from forumkit.db import insert_once
from forumkit.errors import Conflict, NotFound, Unprocessable
from forumkit.forums.models import Forum
from forumkit.plugins.content_warnings import defaults
from forumkit.plugins.content_warnings import repository as repo
from forumkit.plugins.content_warnings.matching import Matcher, words
from forumkit.plugins.content_warnings.models import CwForum, CwLabel, CwLanguageTerm, CwLexiconTerm
from forumkit.plugins.content_warnings.suggesters import Lexicon

TTL_SECONDS = 5.0
KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# session.info: forum id -> its taxonomy as this session changed it (None until read again)
CHANGED = "content_warnings.changed"


@dataclass(frozen=True)
class LabelView:
    id: int
    key: str
    name: str
    description: str
    retired: bool


@dataclass(frozen=True)
class LanguageEntry:
    phrase: str
    suggestion: str
    why: str


@dataclass
class Taxonomy:
    labels: dict[int, LabelView]
    lexicon: Lexicon
    language_entries: list[LanguageEntry]
    by_key: dict[str, LabelView] = field(default_factory=dict)
    rank: dict[int, int] = field(default_factory=dict)  # label id -> place in the list

    def __post_init__(self) -> None:
        self.by_key = {label.key: label for label in self.labels.values()}
        self.rank = {label_id: i for i, label_id in enumerate(self.labels)}
        self._language: Matcher[LanguageEntry] | None = None

    @property
    def language(self) -> Matcher[LanguageEntry]:
        # Built on first use: the read path never needs it.
        if self._language is None:
            self._language = Matcher.build((e.phrase, e) for e in self.language_entries)
        return self._language


def load(session: Session, forum_id: int) -> Taxonomy:
    rows = repo.labels(session, forum_id)
    labels = {r.id: LabelView(r.id, r.key, r.name, r.description, r.retired_at is not None)
              for r in rows if r.id is not None}
    terms: dict[str, list[str]] = {}
    for label_id, phrase in repo.lexicon_rows(session, forum_id):
        label = labels.get(label_id)
        if label is not None and not label.retired:
            terms.setdefault(label.key, []).append(phrase)
    language = [LanguageEntry(t.phrase, t.suggestion, t.why)
                for t in repo.language_terms(session, forum_id)]
    return Taxonomy(labels=labels, lexicon=Lexicon({k: tuple(v) for k, v in terms.items()}),
                    language_entries=language)


def default_taxonomy() -> Taxonomy:
    """The defaults a forum is seeded with, for reading before the forum is seeded (the
    ids are not rows; nothing is written from this)."""
    labels = {-(i + 1): LabelView(-(i + 1), d.key, d.name, d.description, False)
              for i, d in enumerate(defaults.LABELS)}
    return Taxonomy(labels=labels,
                    lexicon=Lexicon({d.key: tuple(dict.fromkeys(d.terms))
                                     for d in defaults.LABELS}),
                    language_entries=[LanguageEntry(*entry) for entry in defaults.LANGUAGE])


class TaxonomyCache:
    def __init__(self, ttl: float = TTL_SECONDS) -> None:
        self.ttl = ttl
        self._items: dict[int, tuple[float, Taxonomy]] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, forum_id: int, *, needs: int | None = None) -> Taxonomy:
        """The forum's taxonomy; `needs` is a label id that must be in it."""
        changed = session.info.get(CHANGED, {})
        if forum_id in changed:
            # Not committed yet: never shared with other sessions, but read once in this
            # one until it changes again (a forum's first batch seeds it, then reads it
            # for each event).
            mine = changed[forum_id]
            if mine is None or not _serves(mine, needs):
                mine = changed[forum_id] = load(session, forum_id)
            return mine
        with self._lock:
            cached = self._items.get(forum_id)
        if cached is not None and cached[0] > time.monotonic() and _serves(cached[1], needs):
            return cached[1]
        taxonomy = load(session, forum_id)
        with self._lock:
            self._items[forum_id] = (time.monotonic() + self.ttl, taxonomy)
        return taxonomy

    def forget(self, session: Session, forum_id: int) -> None:
        session.info.setdefault(CHANGED, {})[forum_id] = None
        with self._lock:
            self._items.pop(forum_id, None)


def _serves(taxonomy: Taxonomy, needs: int | None) -> bool:
    return needs is None or needs in taxonomy.labels


def ensure_seeded(session: Session, forum: Forum, now: datetime, cache: TaxonomyCache) -> None:
    """Give the forum the default labels, lexicon and language list, once."""
    assert forum.id is not None
    seeded = session.info.setdefault("cw_seeded", set())  # asked once per unit of work
    if forum.id in seeded:
        return
    if session.get(CwForum, forum.id) is not None:
        seeded.add(forum.id)
        return
    if not insert_once(session, CwForum, {"forum_id": forum.id, "seeded_at": now}):
        return  # another request seeded it
    # Three statements whatever the size of the defaults: every forum's first event
    # waits for this.
    labels = session.execute(
        insert(CwLabel).returning(CwLabel.id, CwLabel.key),  # type: ignore[call-overload]
        [{"forum_id": forum.id, "key": item.key, "name": item.name,
          "description": item.description, "position": position, "created_at": now}
         for position, item in enumerate(defaults.LABELS)],
    ).all()
    ids = {key: label_id for label_id, key in labels}
    session.execute(insert(CwLexiconTerm), [
        {"forum_id": forum.id, "label_id": ids[item.key], "phrase": phrase}
        for item in defaults.LABELS for phrase in dict.fromkeys(item.terms)
    ])
    session.execute(insert(CwLanguageTerm), [
        {"forum_id": forum.id, "phrase": phrase, "suggestion": suggestion, "why": why}
        for phrase, suggestion, why in defaults.LANGUAGE
    ])
    cache.forget(session, forum.id)


def create_label(
    session: Session, forum: Forum, cache: TaxonomyCache, *, key: str, name: str,
    description: str, actor: str, now: datetime,
) -> CwLabel:
    assert forum.id is not None
    if not KEY.match(key):
        raise Unprocessable([{"loc": ["body", "key"], "type": "value_error",
                              "msg": "use lower-case letters, digits and hyphens"}])
    if repo.label_by_key(session, forum.id, key) is not None:
        raise Conflict(f"a label {key!r} already exists; rename or bring it back instead")
    position = len(repo.labels(session, forum.id))
    label = CwLabel(forum_id=forum.id, key=key, name=name.strip(),
                    description=description.strip(), position=position, created_at=now)
    session.add(label)
    session.flush()
    audit.record(session, forum_id=forum.id, actor=actor, action="content_warnings.label.create",
                 subject=key, at=now, after={"name": label.name,
                                             "description": label.description})
    cache.forget(session, forum.id)
    return label


def update_label(
    session: Session, forum: Forum, cache: TaxonomyCache, key: str, *, name: str | None,
    description: str | None, retired: bool | None, actor: str, now: datetime,
) -> CwLabel:
    label = get_label(session, forum, key)
    before = _label_state(label)
    if name is not None:
        label.name = name.strip()
    if description is not None:
        label.description = description.strip()
    if retired is not None and retired != (label.retired_at is not None):
        label.retired_at = now if retired else None
    session.add(label)
    audit.record(session, forum_id=forum.id, actor=actor, action="content_warnings.label.update",
                 subject=key, at=now, before=before, after=_label_state(label))
    cache.forget(session, label.forum_id)
    return label


def get_label(session: Session, forum: Forum, key: str) -> CwLabel:
    assert forum.id is not None
    label = repo.label_by_key(session, forum.id, key)
    if label is None:
        raise NotFound(f"no label {key!r} in this forum")
    return label


def _label_state(label: CwLabel) -> dict[str, object]:
    return {"name": label.name, "description": label.description,
            "retired": label.retired_at is not None}


def clean_phrases(phrases: list[str], where: str) -> list[str]:
    kept: dict[str, None] = {}
    problems = []
    for i, phrase in enumerate(phrases):
        text = " ".join(phrase.split()).lower()
        if not words(text):
            problems.append({"loc": ["body", where, i], "type": "value_error",
                             "msg": "needs at least one letter or digit"})
        kept[text] = None
    if problems:
        raise Unprocessable(problems)
    return list(kept)


def set_lexicon(
    session: Session, forum: Forum, cache: TaxonomyCache, key: str, phrases: list[str],
    *, actor: str, now: datetime,
) -> list[str]:
    label = get_label(session, forum, key)
    assert label.id is not None
    kept = clean_phrases(phrases, "terms")
    before = [t.phrase for t in repo.lexicon_terms(session, label.id)]
    session.execute(delete(CwLexiconTerm).where(CwLexiconTerm.label_id == label.id))  # type: ignore[arg-type]
    for phrase in kept:
        session.add(CwLexiconTerm(forum_id=label.forum_id, label_id=label.id, phrase=phrase))
    session.flush()
    audit.record(session, forum_id=forum.id, actor=actor,
                 action="content_warnings.lexicon.update", subject=key, at=now,
                 before=before, after=kept)
    cache.forget(session, label.forum_id)
    return kept


def set_language(
    session: Session, forum: Forum, cache: TaxonomyCache, entries: list[LanguageEntry],
    *, actor: str, now: datetime,
) -> list[CwLanguageTerm]:
    assert forum.id is not None
    phrases = clean_phrases([e.phrase for e in entries], "terms")
    if len(phrases) != len(entries):
        raise Unprocessable("each phrase may appear once")
    before = [t.phrase for t in repo.language_terms(session, forum.id)]
    session.execute(delete(CwLanguageTerm).where(CwLanguageTerm.forum_id == forum.id))  # type: ignore[arg-type]
    rows = [CwLanguageTerm(forum_id=forum.id, phrase=phrase, suggestion=e.suggestion.strip(),
                           why=e.why.strip()) for phrase, e in zip(phrases, entries, strict=True)]
    session.add_all(rows)
    session.flush()
    audit.record(session, forum_id=forum.id, actor=actor,
                 action="content_warnings.language.update", subject="language", at=now,
                 before=before, after=phrases)
    cache.forget(session, forum.id)
    return rows
