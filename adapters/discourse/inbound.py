"""Discourse webhooks in, core events out.

Events are told apart by X-Discourse-Event-Type (post, topic, user, like, category, ping)
and X-Discourse-Event (post_created, topic_closed_status_updated, post_liked, ...). Anything
ForumKit has no use for is acknowledged and ignored, so an operator may tick more events
than needed. Event ids are built from what happened (a post's id and version, a like's post
and user), not from Discourse's delivery id: Discourse's own retries arrive under a new
delivery id, and must still change nothing the second time. Changes of topics, users and
categories, whose state can go back to what it was, are the exception: one event per
delivery, and a retry is known by its body (DiscourseAdapter.verify).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from forumkit.adapter import PayloadError
from forumkit.adapters.discourse.payloads import (
    PRIVATE_MESSAGE,
    REGULAR_POST,
    CategoryBody,
    DiscourseCategory,
    DiscoursePost,
    DiscourseTopic,
    DiscourseUser,
    LikeBody,
    PostBody,
    TopicBody,
    UserBody,
    latest,
)
from forumkit.adapters.discourse.settings import DiscourseSettings
from forumkit.events import (
    MAX_BODY_CHARS,
    MAX_CATEGORY_CHARS,
    MAX_LABELS,
    MAX_TAG_CHARS,
    MAX_TAGS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    CategoryFields,
    CategoryUpdated,
    Event,
    MemberChanges,
    MemberCreated,
    MemberDeleted,
    MemberFields,
    MemberRef,
    MemberUpdated,
    NewPostFields,
    PostCreated,
    PostDeleted,
    PostEdited,
    PostFields,
    PostRef,
    PostRestored,
    ReactionAdded,
    ReactionFields,
    ThreadFields,
    ThreadUpdated,
)
from forumkit.inputs import cleaned

POST_EVENTS = {"post_created", "post_edited", "post_destroyed", "post_recovered"}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# and topic_<status>_status_updated (closed, archived, visible, ...), read by _is_status_update
TOPIC_EVENTS = {"topic_created", "topic_edited", "topic_revised", "topic_recovered"}
USER_EVENTS = {"user_created", "user_updated", "user_approved", "user_destroyed"}
# category_destroyed is acknowledged and changes nothing: Discourse deletes only a category
# without topics, so no post of ForumKit's carries its id any more.
CATEGORY_EVENTS = {"category_created", "category_updated"}
# A member's zone and language are handed on only when whole: a cut one means nothing.
_MAX_TIMEZONE_CHARS = 64
_MAX_LOCALE_CHARS = 35


def header(headers: Mapping[str, str], name: str) -> str | None:
    lower = {k.lower(): v for k, v in headers.items()}
    return lower.get(name.lower())


def parse(
    settings: DiscourseSettings, headers: Mapping[str, str], body: bytes
) -> list[Event]:
    kind = (header(headers, "X-Discourse-Event-Type") or "").strip()
    name = (header(headers, "X-Discourse-Event") or "").strip()
    delivery = (header(headers, "X-Discourse-Event-Id") or "").strip()
    root = settings.root() or (header(headers, "X-Discourse-Instance") or "").rstrip("/")
    if not kind:
        raise PayloadError("missing X-Discourse-Event-Type header")
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise PayloadError(
            "the body is not JSON (set the webhook's content type to application/json)"
        ) from exc
    if not isinstance(data, dict) or kind not in data:
        raise PayloadError(f"the body has no {kind!r} object for X-Discourse-Event-Type {kind}")
    if kind == "ping":
        return []
    reader = Reader(settings, root)
    try:
        if kind == "post":
            post = _read(PostBody, data).post
            _agrees(name, post)
            return reader.post(name, post)
        if kind == "topic" and (name in TOPIC_EVENTS or _is_status_update(name)):
            return reader.topic(name, delivery, _read(TopicBody, data).topic)
        if kind == "user" and name in USER_EVENTS:
            return reader.user(name, delivery, _read(UserBody, data).user)
        if kind == "category" and name in CATEGORY_EVENTS:
            return reader.category(name, delivery, _read(CategoryBody, data).category)
        if kind == "like":
            if name != "post_liked":
                raise PayloadError(f"X-Discourse-Event {name} is not a like event Discourse "
                                   "sends (post_liked)")
            return reader.like(_read(LikeBody, data))
    except ValidationError as exc:
        # What Discourse sent, read, does not make an event (a time out of range, ...).
        raise PayloadError(_problems(exc)) from None
    return []


def _agrees(name: str, post: DiscoursePost) -> None:
    """Refuse a post event whose name the signed body contradicts.

    Discourse signs the body, not the X-Discourse-Event header, so the header alone must not
    decide what happens to a post: a captured post_created body sent as post_destroyed would
    otherwise delete the post. The body says whether the post is deleted, and a new post is
    at its first version; a header that says otherwise was not sent by Discourse.
    """
    if name not in POST_EVENTS:
        raise PayloadError(f"X-Discourse-Event {name} is not a post event Discourse sends "
                           f"({', '.join(sorted(POST_EVENTS))})")
    deleted = post.deleted_at is not None
    if name == "post_destroyed" and not deleted:
        raise PayloadError(f"X-Discourse-Event {name} does not match the body: the post in "
                           "the body is not deleted (deleted_at is null)")
    if name != "post_destroyed" and deleted:
        raise PayloadError(f"X-Discourse-Event {name} does not match the body: the post in "
                           "the body is deleted (deleted_at is set)")
    if name == "post_created" and (post.version or 1) > 1:
        raise PayloadError(f"X-Discourse-Event {name} does not match the body: the post in "
                           f"the body was edited (version {post.version})")


def _is_status_update(name: str) -> bool:
    return name.startswith("topic_") and name.endswith("_status_updated")


def _read(model: type[Any], data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise PayloadError(_problems(exc)) from None


def _problems(exc: ValidationError) -> str:
    # Field paths and messages only: pydantic's input values could hold a username.
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:10]
    )


def _clip(text: str | None, limit: int) -> str | None:
    """Discourse retries a refused webhook four times, then gives up on it: text longer than
    an event holds is cut to fit, and characters no database keeps are replaced, so that the
    post still arrives."""
    return None if text is None else cleaned(text)[:limit]


def _clip_tags(tags: list[str]) -> list[str]:
    clipped = [tag for tag in (_clip(t, MAX_TAG_CHARS) for t in tags) if tag]
    return list(dict.fromkeys(clipped))[:MAX_TAGS]


class Reader:
    def __init__(self, settings: DiscourseSettings, root: str) -> None:
        self.settings = settings
        self.root = root

    # Posts

    def post(self, name: str, post: DiscoursePost) -> list[Event]:
        if post.is_private or post.post_type != REGULAR_POST:
            return []
        pid = str(post.id)
        if name == "post_destroyed":
            at = latest(post.deleted_at, post.updated_at) or post.created_at
            return [PostDeleted(id=f"post_destroyed:{pid}:{_stamp(at)}", type="post.deleted",
                                occurred_at=at, post=PostRef(id=pid))]
        fields = self._post_fields(post)
        if name == "post_created":
            return [PostCreated(id=f"post_created:{pid}", type="post.created",
                                occurred_at=post.created_at,
                                post=NewPostFields.model_validate(fields))]
        at = post.updated_at or post.created_at
        version = f"{post.version or 0}:{_stamp(at)}"
        edited = PostEdited(id=f"{name}:{pid}:{version}", type="post.edited", occurred_at=at,
                            post=PostFields.model_validate(fields))
        if name == "post_recovered":
            return [PostRestored(id=f"post_recovered:{pid}:{_stamp(at)}", type="post.restored",
                                 occurred_at=at, post=PostRef(id=pid)), edited]
        return [edited]

    def _post_fields(self, post: DiscoursePost) -> dict[str, Any]:
        first = post.post_number == 1
        category = str(post.category_id) if post.category_id is not None else None
        fields: dict[str, Any] = {
            "id": str(post.id), "thread_id": str(post.topic_id), "author_id": str(post.user_id),
            "is_first_in_thread": first, "category_id": category,
            "body": _clip(post.raw, MAX_BODY_CHARS),
            "url": self._url(post.topic_slug, post.topic_id, post.post_number),
            "author_is_staff": post.is_staff,
        }
        if first:
            fields["title"] = _clip(post.topic_title, MAX_TITLE_CHARS)
        if category is not None:
            fields["is_announcement"] = category in self.settings.announcement_categories
            mode = self._mode(tags=[], category=category)
            if mode is not None:
                fields["response_mode"] = mode
        return fields

    # Topics: tags, category and state live on the topic, not on its posts.

    def topic(self, name: str, delivery: str, topic: DiscourseTopic) -> list[Event]:
        if topic.archetype == PRIVATE_MESSAGE:
            return []
        category = str(topic.category_id) if topic.category_id is not None else None
        labels = [label for tag in topic.tags if (label := self.settings.label_for_tag(tag))]
        fields = ThreadFields(
            id=str(topic.id), category_id=category, tags=_clip_tags(topic.tags),
            title=_clip(topic.title, MAX_TITLE_CHARS), url=self._url(topic.slug, topic.id, None),
            content_warnings=list(dict.fromkeys(labels))[:MAX_LABELS],
            response_mode=self._mode(tags=topic.tags, category=category),
            thread_closed=topic.closed or topic.archived,
            is_announcement=(category in self.settings.announcement_categories
                             if category is not None else None),
        )
        if not delivery:
            raise PayloadError("a topic event without X-Discourse-Event-Id")
        # A topic's state can go back and forth (closed, opened, closed again), so each
        # delivery is its own event; a retried delivery sets the same state twice, harmlessly.
        # The topic payload carries no time of change; thread facts apply whatever their time.
        return [ThreadUpdated(id=f"{name}:{topic.id}:{delivery}", type="thread.updated",
                              occurred_at=topic.created_at or _EPOCH, thread=fields)]

    def _mode(self, *, tags: list[str], category: str | None) -> str | None:
        s = self.settings
        if set(tags) & set(s.diary_tags) or (category and category in s.diary_categories):
            return "diary"
        if set(tags) & set(s.reactions_only_tags) or (
            category and category in s.reactions_only_categories
        ):
            return "reactions_only"
        return None  # no opinion: a mode set in ForumKit stays

    # Members, subforums and likes

    def user(self, name: str, delivery: str, user: DiscourseUser) -> list[Event]:
        uid = str(user.id)
        if name == "user_created":
            return [MemberCreated(
                id=f"user_created:{uid}", type="member.created",
                occurred_at=user.created_at or _EPOCH,
                member=MemberFields(id=uid, is_staff=user.is_staff),
            )]
        if name == "user_destroyed":
            # The account is deleted once: a repeat of it, under any delivery, is a duplicate.
            # Discourse sends the user as they were and no time of deletion; the core erases
            # them at their place among the events, whatever the time.
            return [MemberDeleted(id=f"user_destroyed:{uid}", type="member.deleted",
                                  occurred_at=_EPOCH, member=MemberRef(id=uid))]
        if not delivery:
            raise PayloadError(f"a {name} event without X-Discourse-Event-Id")
        # A user's record changes again and again, and may come back to what it was (staff,
        # then not), so each delivery is its own event, as for topics. The payload says
        # nothing of when the change was made; the account's creation is the one time it
        # carries, and a member first heard of here has been one since then.
        return [MemberUpdated(
            id=f"{name}:{uid}:{delivery}", type="member.updated",
            occurred_at=user.created_at or _EPOCH,
            member=MemberChanges(
                id=uid, is_staff=user.is_staff, joined_at=user.created_at,
                timezone=_whole(user.timezone, _MAX_TIMEZONE_CHARS),
                locale=_whole(user.locale, _MAX_LOCALE_CHARS),
            ),
        )]

    def category(self, name: str, delivery: str, category: DiscourseCategory) -> list[Event]:
        label = " ".join((_clip(category.name, MAX_CATEGORY_CHARS) or "").split())
        if not label:
            return []  # Discourse requires a name; without one there is nothing to learn
        if not delivery:
            raise PayloadError(f"a {name} event without X-Discourse-Event-Id")
        # Discourse's category payload carries no time, and its posts carry no category name:
        # every name from Discourse has the same time, so the one that arrives last is kept.
        return [CategoryUpdated(
            id=f"{name}:{category.id}:{delivery}", type="category.updated", occurred_at=_EPOCH,
            category=CategoryFields(id=str(category.id), name=label),
        )]

    def like(self, body: LikeBody) -> list[Event]:
        post = body.like.post
        if post.is_private:
            return []
        return [ReactionAdded(
            id=f"post_liked:{post.id}:{body.like.user.id}", type="reaction.added",
            occurred_at=post.updated_at or post.created_at,
            reaction=ReactionFields(post_id=str(post.id), member_id=str(body.like.user.id),
                                    kind=self.settings.like_kind),
        )]

    def _url(self, slug: str | None, topic_id: int, post_number: int | None) -> str | None:
        if not self.root:
            return None
        path = f"{self.root}/t/{slug or '-'}/{topic_id}"
        if len(path) > MAX_URL_CHARS - 20:
            path = f"{self.root}/t/-/{topic_id}"  # Discourse finds a topic by id alone
        url = f"{path}/{post_number}" if post_number else path
        return url if len(url) <= MAX_URL_CHARS else None


def _stamp(at: datetime) -> str:
    return at.isoformat()


def _whole(text: str | None, limit: int) -> str | None:
    value = cleaned(text).strip() if text else ""
    return value if value and len(value) <= limit else None
