"""The Discourse adapter: Discourse's own webhooks in, its REST API out.

Inbound webhooks are verified by X-Discourse-Event-Signature and read by `inbound`;
actions are carried out by `outbound`. Discourse post, topic and user ids become ForumKit's
post, thread and member ids; nothing else that names a person passes this package.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime

import httpx

from forumkit import adapter as contract
from forumkit import outbound as outbound_policy
from forumkit.adapter import CheckLine, Delivery, DeliveryResult, Verified
from forumkit.adapters.discourse import inbound, outbound, signature
from forumkit.adapters.discourse.settings import DiscourseSettings
from forumkit.events import Event


class DiscourseAdapter(contract.Adapter):
    kind = "discourse"
    settings_model = DiscourseSettings
    # No PRE_CHECK: Discourse accepts replies without asking ForumKit, so plugins enforce a
    # diary after the fact (close the topic, hide a reply with a kind note).
    capabilities = frozenset(
        {
            contract.HIDE_POST, contract.SET_THREAD_REPLIES, contract.POST_TAGS,
            contract.NOTIFY_MODERATORS, contract.MESSAGE_MEMBER, contract.POST_WHISPER,
        }
    )

    @staticmethod
    def new_webhook_secret() -> str:
        # Pasted into Discourse's webhook form, which wants at least 12 characters.
        return secrets.token_hex(24)

    @property
    def settings(self) -> DiscourseSettings:
        settings: DiscourseSettings = self.forum.settings
        return settings

    def verify(self, headers: Mapping[str, str], body: bytes, now: datetime) -> Verified:
        signature.verify(
            secret=self.forum.webhook_secret, headers=headers, body=body,
            also_accepted=self.forum.older_secrets(now),
        )
        # Discourse signs the body alone: the X-Discourse-Event headers can be changed on a
        # captured delivery without breaking the signature. So a delivery is remembered by
        # the body it signed, and a body already received is never applied again, whatever
        # headers come with it. Discourse's own retries and an admin's "redeliver" send the
        # same body: a repeat is acknowledged as a duplicate, never refused, so Discourse
        # stops retrying it. Topic bodies too: a real change of a topic's state changes its
        # body (closing or opening adds a small-action post, so highest_post_number moves).
        # Except a deleted account's: Discourse sends the user as they were, which can be
        # byte for byte what user_created sent for someone who never came back, and the
        # deletion must not be taken for a repeat of that (signature.receipt_id).
        event = inbound.header(headers, "X-Discourse-Event") or ""
        return Verified(message_id=signature.receipt_id(body, event), refuse_replay=False)

    def parse(self, headers: Mapping[str, str], body: bytes) -> list[Event]:
        return inbound.parse(self.settings, headers, body)

    def perform(self, delivery: Delivery) -> DeliveryResult:
        return outbound.perform(self.settings, self.client, delivery)

    def check(self) -> list[CheckLine]:
        """Ask Discourse what works with these settings; each line says what was found."""
        settings = self.settings
        if settings.root() is None or not settings.api_key:
            return [CheckLine(False, "base_url and api_key are not set")]
        api = outbound.DiscourseApi(settings, self.client)
        lines: list[CheckLine] = []
        try:
            group = api.client.get(
                f"{settings.root()}/groups/{settings.moderator_group}.json",
                headers=api.headers(),
            )
        except outbound_policy.Refused:
            return [CheckLine(False, f"cannot reach {settings.root()}: {outbound_policy.REFUSED}")]
        except httpx.HTTPError as exc:
            return [CheckLine(False, f"cannot reach {settings.root()}: {type(exc).__name__}")]
        if group.status_code in (401, 403):
            return [CheckLine(False, f"Discourse refused the API key for user "
                                     f"{settings.api_username!r} (HTTP {group.status_code})")]
        lines.append(CheckLine(True, f"reached {settings.root()} with the API key"))
        if group.status_code == 404:
            lines.append(CheckLine(False, f"no group {settings.moderator_group!r}: alerts "
                                          "would not arrive"))
        elif group.is_success:
            lines.append(CheckLine(True, f"alerts go to group {settings.moderator_group!r}"))
        else:
            lines.append(CheckLine(False, f"group lookup answered HTTP {group.status_code}"))
        lines.append(_whisper_line(api))
        return lines


def _whisper_line(api: outbound.DiscourseApi) -> CheckLine:
    try:
        me = api.json("GET", "/session/current.json").get("current_user") or {}
    except (outbound.Failed, httpx.HTTPError):
        return CheckLine(False, "could not ask Discourse about the API user")
    staff = bool(me.get("admin") or me.get("moderator") or me.get("staff"))
    if not staff:
        return CheckLine(False, f"{api.settings.api_username!r} is not staff: ForumKit cannot "
                                "close topics or hide replies")
    whisperer = bool(me.get("whisperer"))
    if api.settings.whispers and not whisperer:
        return CheckLine(False, "whispers are on in ForumKit but Discourse does not let "
                                f"{api.settings.api_username!r} whisper")
    state = "on" if whisperer else "off"
    return CheckLine(True, f"{api.settings.api_username!r} is staff; whispers are {state}")
