"""Core actions carried out through Discourse's REST API (Api-Key and Api-Username headers).

One delivery may take a few calls (look a post's author up, then message them); a failed
call ends the delivery with Discourse's answer, and the outbox retries it later (after the
Retry-After Discourse gives with a 429). Usernames are read from Discourse at delivery time
for the one call that needs them and are never kept or logged.

Flags Discourse reads as the string "true" (whisper, queue_for_review, enabled) are sent as
strings: Discourse's controllers compare them with == "true", so a JSON true would be
ignored - a whisper would become a public post.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx

from forumkit import actions
from forumkit.adapter import Delivery, DeliveryResult
from forumkit.adapters.discourse.settings import DiscourseSettings
from forumkit.messages import ENGLISH, Texts

TITLE_LIMIT = 200  # Discourse's max_topic_title_length defaults to 255


class Failed(Exception):
    """A call failed; carries the result to report."""

    def __init__(self, result: DeliveryResult) -> None:
        super().__init__(result.error)
        self.result = result


class DiscourseApi:
    def __init__(self, settings: DiscourseSettings, client: httpx.Client,
                 texts: Texts = ENGLISH) -> None:
        self.settings = settings
        self.client = client
        self.texts = texts  # the forum's words for what the adapter adds (a title, labels)

    def headers(self) -> dict[str, str]:
        return {
            "Api-Key": self.settings.api_key or "", "Api-Username": self.settings.api_username,
            "Accept": "application/json",
        }

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        root = self.settings.root()
        assert root is not None
        response = self.client.request(
            method, root + path, json=body, headers=self.headers(),
        )
        if not response.is_success:
            raise Failed(_failure(response, f"{method} {_shape(path)}"))
        return response

    def json(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.call(method, path, body)
        try:
            data = response.json()
        except ValueError:
            raise Failed(DeliveryResult(ok=False, error=f"{method} {_shape(path)}: not JSON")
                         ) from None
        return data if isinstance(data, dict) else {}

    # The calls ForumKit makes

    def post(self, post_id: str) -> dict[str, Any]:
        return self.json("GET", f"/posts/{_int(post_id)}.json")

    def topic(self, topic_id: str) -> dict[str, Any]:
        return self.json("GET", f"/t/{_int(topic_id)}.json")

    def private_message(self, recipients: str, title: str, raw: str) -> None:
        self.call("POST", "/posts.json", {
            "title": title[:TITLE_LIMIT], "raw": raw, "archetype": "private_message",
            "target_recipients": recipients,
        })


def perform(settings: DiscourseSettings, client: httpx.Client, delivery: Delivery
            ) -> DeliveryResult:
    if settings.root() is None or not settings.api_key:
        return DeliveryResult(ok=False, retry=False,
                              error="set base_url and api_key for this forum first")
    handler = HANDLERS.get(delivery.kind)
    if handler is None:
        return DeliveryResult(ok=False, retry=False,
                              error=f"Discourse cannot carry out {delivery.kind!r}")
    api = DiscourseApi(settings, client, delivery.texts)
    try:
        return handler(api, delivery.payload)
    except Failed as failed:
        return failed.result
    except (KeyError, ValueError) as exc:
        return DeliveryResult(ok=False, retry=False, error=f"bad payload: {exc}")


def notify_moderators(api: DiscourseApi, payload: dict[str, Any]) -> DeliveryResult:
    text = str(payload["text"])
    lines = [text]
    link = payload.get("url") or _post_link(api, payload.get("post_id")) or _topic_link(
        api, payload.get("thread_id"))
    if link:
        lines.append(f"\n{link}")
    if payload.get("labels"):
        lines.append("\n" + api.texts.render("core.moderators_labels",
                                              labels=[str(x) for x in payload["labels"]]))
    title = str(payload.get("title") or api.texts.render("core.moderators_title", text=text))
    # A plugin may name another group (helpers, for their digests); moderators otherwise.
    group = str(payload.get("group") or api.settings.moderator_group)
    api.private_message(group, title, "\n".join(lines))
    return DeliveryResult(ok=True)


def message_member(api: DiscourseApi, payload: dict[str, Any]) -> DeliveryResult:
    if not payload.get("about_post_id"):
        # The answer to feedback from a member with no post: Discourse has no feedback of
        # its own, so only the glue that sent the feedback knows who it was.
        return DeliveryResult(ok=False, retry=False, error="Discourse can reach a member "
                              "only through a post of theirs; this one has none")
    author = _author(api, str(payload["about_post_id"]))
    title = str(payload.get("title") or api.texts.render("core.member_title"))
    api.private_message(author, title, str(payload["text"]))
    return DeliveryResult(ok=True)


def set_thread_replies(api: DiscourseApi, payload: dict[str, Any]) -> DeliveryResult:
    closed = not bool(payload["open"])
    api.call("PUT", f"/t/{_int(str(payload['thread_id']))}/status.json",
             {"status": "closed", "enabled": "true" if closed else "false"})
    return DeliveryResult(ok=True)


def hide_post(api: DiscourseApi, payload: dict[str, Any]) -> DeliveryResult:
    post = api.post(str(payload["post_id"]))
    if not post.get("hidden"):  # a retry after the flag landed must not flag twice
        api.call("POST", "/post_actions.json", {
            "id": _int(str(payload["post_id"])),
            "post_action_type_id": api.settings.hide_flag_type_id,
            "flag_topic": False, "queue_for_review": "true",
        })
    note = payload.get("message")
    username = post.get("username")
    if note and isinstance(username, str) and username:
        api.private_message(username, api.texts.render("core.hidden_reply_title"), str(note))
    return DeliveryResult(ok=True)


def set_post_tags(api: DiscourseApi, payload: dict[str, Any]) -> DeliveryResult:
    topic_id = payload.get("thread_id") or api.post(str(payload["post_id"])).get("topic_id")
    topic = api.topic(str(topic_id))
    current = [t.get("name") if isinstance(t, dict) else t for t in topic.get("tags") or []]
    tags = [t for t in current if isinstance(t, str)]
    add = [api.settings.tag_for_label(str(label)) for label in payload.get("add") or []]
    remove = {api.settings.tag_for_label(str(label)) for label in payload.get("remove") or []}
    wanted = [t for t in dict.fromkeys([*tags, *add]) if t not in remove]
    if wanted != tags:
        api.call("PUT", f"/t/-/{_int(str(topic_id))}.json", {"tags": wanted})
    return DeliveryResult(ok=True)


def post_whisper(api: DiscourseApi, payload: dict[str, Any]) -> DeliveryResult:
    if not api.settings.whispers:
        return DeliveryResult(ok=False, retry=False,
                              error="whispers are off for this forum (setting 'whispers')")
    api.call("POST", "/posts.json", {
        "topic_id": _int(str(payload["thread_id"])), "raw": str(payload["text"]),
        "whisper": "true",
    })
    return DeliveryResult(ok=True)


HANDLERS: dict[str, Callable[[DiscourseApi, dict[str, Any]], DeliveryResult]] = {
    actions.NOTIFY_MODERATORS: notify_moderators,
    actions.MESSAGE_MEMBER: message_member,
    actions.SET_THREAD_REPLIES: set_thread_replies,
    actions.HIDE_POST: hide_post,
    actions.SET_POST_TAGS: set_post_tags,
    actions.POST_WHISPER: post_whisper,
}


def _author(api: DiscourseApi, post_id: str) -> str:
    username = api.post(post_id).get("username")
    if not isinstance(username, str) or not username:
        raise Failed(DeliveryResult(ok=False, retry=False,
                                    error="Discourse did not say who wrote the post"))
    return username


def _post_link(api: DiscourseApi, post_id: Any) -> str | None:
    if post_id is None:
        return None
    return f"{api.settings.root()}/p/{_int(str(post_id))}"  # Discourse redirects /p/ to the post


def _topic_link(api: DiscourseApi, thread_id: Any) -> str | None:
    if thread_id is None:
        return None
    return f"{api.settings.root()}/t/{_int(str(thread_id))}"


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a Discourse id") from None


def _shape(path: str) -> str:
    # Logged and stored errors carry the route, not the ids in it.
    return re.sub(r"/\d+(?=[/.]|$)", "/{id}", path)


def _failure(response: httpx.Response, what: str) -> DeliveryResult:
    # Discourse's error text is left out: it can name the member a message was for.
    base = DeliveryResult.from_response(response)
    return DeliveryResult(ok=False, retry=base.retry, retry_after=base.retry_after,
                          error=f"{what} answered {base.error}")
