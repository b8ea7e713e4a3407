"""Labels on posts: who may add or take off which label, the history, and what to tell whom.

Three sources: the author (when posting or later), a moderator (with a reason the author is
told), and the suggester. A moderator's label stays until a moderator takes it off; an
author takes off their own or the suggester's labels only where the forum allows it.
Each change is kept in the history with who, when, from which source and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from forumkit.actions import MESSAGE_MEMBER, SET_POST_TAGS, Action
from forumkit.errors import Conflict, Forbidden, NotFound, Unprocessable
from forumkit.forums.models import Forum
from forumkit.messages import Texts, render, texts_for
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror.models import Member, Post, Thread
from forumkit.plugins.content_warnings import repository as repo
from forumkit.plugins.content_warnings.models import (
    APPLIED,
    AUTHOR,
    DISMISSED,
    MODERATOR,
    REMOVED,
    SUGGESTED,
    CwHistory,
    CwPostLabel,
)
from forumkit.plugins.content_warnings.settings import ContentWarningSettings
from forumkit.plugins.content_warnings.suggesters import Suggestion
from forumkit.plugins.content_warnings.taxonomy import LabelView, Taxonomy


@dataclass(frozen=True)
class Actor:
    source: str  # author, moderator, suggester
    name: str  # member:<id>, key:<id>, suggester:<name>
    member_id: int | None = None


@dataclass
class Outcome:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    suggested: list[Suggestion] = field(default_factory=list)
    moderator_added: list[str] = field(default_factory=list)
    reason: str | None = None


@dataclass
class PostLabels:
    """The labels of one post as this module sees them: rows by label key."""

    post: Post
    rows: dict[str, CwPostLabel]

    @classmethod
    def load(cls, session: Session, post: Post, taxonomy: Taxonomy) -> PostLabels:
        assert post.id is not None
        rows = {}
        for row in repo.post_labels(session, post.id):
            label = taxonomy.labels.get(row.label_id)
            if label is not None:
                rows[label.key] = row
        return cls(post=post, rows=rows)

    def applied(self) -> set[str]:
        return {k for k, r in self.rows.items() if r.state == APPLIED}


def _labels(taxonomy: Taxonomy, keys: Iterable[str], *, strict: bool,
            keep: set[str]) -> list[LabelView]:
    """The labels named; unknown keys and retired labels not already on the post are refused
    (422 when `strict`, skipped otherwise)."""
    found, problems = [], []
    for i, key in enumerate(dict.fromkeys(keys)):
        label = taxonomy.by_key.get(key)
        if label is None:
            problems.append({"loc": ["body", "labels", i], "type": "value_error",
                             "msg": f"no label {key!r} in this forum"})
        elif label.retired and key not in keep:
            problems.append({"loc": ["body", "labels", i], "type": "value_error",
                             "msg": f"the label {key!r} is retired and cannot be added"})
        else:
            found.append(label)
    if problems and strict:
        raise Unprocessable(problems)
    return found


def _set(
    session: Session, forum: Forum, current: PostLabels, label: LabelView, *, state: str,
    actor: Actor, change: str, now: datetime, reason: str | None = None,
    matched: Iterable[str] = (), source: str | None = None,
) -> None:
    assert forum.id is not None and current.post.id is not None
    row = current.rows.get(label.key)
    if row is None:
        # insert-or-ignore, so two requests labelling the same post at once both succeed.
        row = repo.insert_post_label(session, {
            "forum_id": forum.id, "post_id": current.post.id, "label_id": label.id,
            "state": state, "source": source or actor.source, "actor": actor.name,
            "matched": [], "updated_at": now})
        current.rows[label.key] = row
    row.state = state
    row.source = source or actor.source
    row.actor = actor.name
    row.reason = reason
    row.matched = list(matched) if matched else row.matched
    row.updated_at = now
    session.add(row)
    session.add(CwHistory(
        forum_id=forum.id, post_id=current.post.id, label_key=label.key, change=change,
        source=actor.source, actor=actor.name, actor_member_id=actor.member_id,
        reason=reason, matched=list(matched), at=now,
    ))


def set_by_author(
    session: Session, forum: Forum, settings: ContentWarningSettings, taxonomy: Taxonomy,
    post: Post, actor: Actor, keys: list[str], now: datetime, *, strict: bool = True,
) -> Outcome:
    """The author names the labels they want on their post.

    Through the API (`strict`), a label the author may not take off is refused with 403 and
    pending suggestions they left out are dismissed. From a platform event, labels arrive
    as the author's own list: only labels the author added are taken off when left out,
    and what the rules refuse is left as it is.
    """
    current = PostLabels.load(session, post, taxonomy)
    wanted = _labels(taxonomy, keys, strict=strict, keep=current.applied())
    wanted_keys = {label.key for label in wanted}
    outcome = Outcome()
    refused = []
    for key, row in current.rows.items():
        if row.state != APPLIED or key in wanted_keys:
            continue
        if not strict and row.source != AUTHOR:
            continue
        if row.source == MODERATOR:
            refused.append(f"a moderator added {key!r}; only a moderator can take it off")
        elif not settings.author_may_remove:
            refused.append(f"this forum does not let authors take labels off ({key!r})")
    if refused and strict:
        raise Forbidden("; ".join(refused))
    for key, row in list(current.rows.items()):
        label = taxonomy.by_key[key]
        if key in wanted_keys:
            continue
        if row.state == APPLIED and (strict or row.source == AUTHOR) and not refused:
            _set(session, forum, current, label, state=REMOVED, actor=actor,
                 change="removed", now=now, source=row.source)
            outcome.removed.append(key)
        elif row.state == SUGGESTED and strict:
            _set(session, forum, current, label, state=DISMISSED, actor=actor,
                 change="dismissed", now=now, source=row.source)
    for label in wanted:
        existing = current.rows.get(label.key)
        if existing is not None and existing.state == APPLIED:
            continue
        _set(session, forum, current, label, state=APPLIED, actor=actor, change="added",
             now=now)
        outcome.added.append(label.key)
    return outcome


def set_by_moderator(
    session: Session, forum: Forum, taxonomy: Taxonomy, post: Post, actor: Actor,
    keys: list[str], reason: str | None, now: datetime,
) -> Outcome:
    """A moderator names the labels the post should carry; new ones need a reason."""
    current = PostLabels.load(session, post, taxonomy)
    wanted = _labels(taxonomy, keys, strict=True, keep=current.applied())
    new = [label for label in wanted if label.key not in current.applied()]
    reason = (reason or "").strip() or None
    if new and reason is None:
        raise Unprocessable([{"loc": ["body", "reason"], "type": "missing",
                              "msg": "a moderator adding a label gives the author a reason"}])
    outcome = Outcome(reason=reason)
    wanted_keys = {label.key for label in wanted}
    for key, row in list(current.rows.items()):
        if row.state == APPLIED and key not in wanted_keys:
            _set(session, forum, current, taxonomy.by_key[key], state=REMOVED, actor=actor,
                 change="removed", now=now, reason=reason, source=row.source)
            outcome.removed.append(key)
    for label in new:
        _set(session, forum, current, label, state=APPLIED, actor=actor, change="added",
             now=now, reason=reason)
        outcome.added.append(label.key)
        outcome.moderator_added.append(label.key)
    return outcome


def suggest(
    session: Session, forum: Forum, settings: ContentWarningSettings, taxonomy: Taxonomy,
    post: Post, suggestions: list[Suggestion], actor: Actor, now: datetime,
) -> Outcome:
    """Labels the suggester proposes: applied at once where the forum chose so, else kept
    for the author. A label once on the post, dismissed or taken off is not proposed again."""
    current = PostLabels.load(session, post, taxonomy)
    outcome = Outcome()
    for suggestion in suggestions:
        label = taxonomy.by_key.get(suggestion.key)
        if label is None or label.retired or label.key in current.rows:
            continue
        terms = suggestion.terms or suggestion.matched
        if settings.suggestions == "auto" and label.key in settings.auto_labels:
            _set(session, forum, current, label, state=APPLIED, actor=actor, change="added",
                 now=now, matched=terms)
            outcome.added.append(label.key)
        else:
            _set(session, forum, current, label, state=SUGGESTED, actor=actor,
                 change="suggested", now=now, matched=terms)
            outcome.suggested.append(suggestion)
    return outcome


def resolve_suggestion(
    session: Session, forum: Forum, taxonomy: Taxonomy, post: Post, key: str, *,
    confirm: bool, actor: Actor, reason: str | None, now: datetime,
) -> Outcome:
    """A moderator confirms a pending suggestion (it becomes their label) or dismisses it."""
    current = PostLabels.load(session, post, taxonomy)
    row = current.rows.get(key)
    if row is None or row.state != SUGGESTED:
        raise Conflict(f"the label {key!r} is not waiting as a suggestion on this post")
    label = taxonomy.by_key[key]
    if not confirm:
        _set(session, forum, current, label, state=DISMISSED, actor=actor, change="dismissed",
             now=now, reason=reason, source=row.source)
        return Outcome()
    if label.retired:
        raise Conflict(f"the label {key!r} is retired")
    reason = (reason or "").strip() or render(texts_for(session, forum),
                                              "content_warnings.moderator_reason")
    _set(session, forum, current, label, state=APPLIED, actor=actor, change="added", now=now,
         reason=reason, matched=row.matched)
    return Outcome(added=[key], moderator_added=[key], reason=reason)


def actions(
    session: Session, settings: ContentWarningSettings, taxonomy: Taxonomy, post: Post,
    outcome: Outcome, texts: Texts, offer: bool = True,
) -> list[Action]:
    """What the platform is asked to do after labels changed; `offer`: whether the author
    may be sent the gentle offer of the labels suggested (handlers.withheld_offer)."""
    made: list[Action] = []
    thread = session.get(Thread, post.thread_id) if post.thread_id else None
    if settings.mirror_tags and (outcome.added or outcome.removed):
        made.append(Action(kind=SET_POST_TAGS, payload={
            "post_id": post.ext_id, "thread_id": thread.ext_id if thread else None,
            "add": list(outcome.added), "remove": list(outcome.removed),
        }))
    author = session.get(Member, post.author_id) if post.author_id else None
    if not settings.message_author or author is None:
        return made
    names = [taxonomy.by_key[k].name for k in outcome.moderator_added]
    if names:
        made.append(Action(kind=MESSAGE_MEMBER, payload={
            "about_post_id": post.ext_id, "member": author.key,
            "text": texts.render("content_warnings.moderator_added", labels=names,
                                 reason=outcome.reason or ""),
            "labels": list(outcome.moderator_added),
        }))
    if outcome.suggested and offer:
        suggested_keys = ",".join(sorted(s.key for s in outcome.suggested))
        # The writer's own words are never quoted back to them: only the labels' names.
        parts = [taxonomy.by_key[s.key].name for s in outcome.suggested]
        made.append(Action(kind=MESSAGE_MEMBER, payload={
            "about_post_id": post.ext_id, "member": author.key,
            "text": texts.render("content_warnings.offer", labels="; ".join(parts)),
            "labels": [s.key for s in outcome.suggested],
        }, dedupe_key=f"content_warnings:suggested:{post.id}:{suggested_keys}"))
    return made


def post_or_404(session: Session, forum: Forum, ext_id: str) -> Post:
    assert forum.id is not None
    post = mirror_repo.get_post(session, forum.id, ext_id)
    if post is None:
        raise NotFound(f"no post {ext_id!r} is known in this forum")
    return post
