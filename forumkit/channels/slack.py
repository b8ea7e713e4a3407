"""The Slack channel: an alert posted to a Slack-compatible incoming webhook.

Sends {"text": ..., "blocks": [...]}: `text` is the mrkdwn fallback that notifications and
older clients show, `blocks` the same message laid out. Nothing is added to what the plugin
put in the message, so no more of a post reaches the chat than the plugin chose to include.
Mattermost, Rocket.Chat and Discord's /slack endpoint take the same body.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import httpx

from forumkit.adapter import Delivery, DeliveryResult
from forumkit.channel import Channel
from forumkit.channels.message import AlertMessage, BadAlert, SlackTarget, headline, read_alert
from forumkit.messages import Texts

if TYPE_CHECKING:
    from forumkit.forums.models import Forum

# Slack's limits on a block: section text, a field, how many fields.
SECTION_CHARS = 3000
FIELD_CHARS = 2000
MAX_FIELDS = 10


class SlackChannel(Channel):
    kind = "slack"

    def send(self, forum: Forum, delivery: Delivery, client: httpx.Client) -> DeliveryResult:
        try:
            target, message = read_alert(self.kind, delivery, SlackTarget)
        except BadAlert as exc:
            return exc.result()
        response = client.post(str(target.url), json=slack_body(forum.name, message,
                                                                 delivery.texts))
        result = DeliveryResult.from_response(response)
        if not result.ok and result.error:
            # Slack names the problem in a short plain body ("no_service",
            # "channel_is_archived"); worth showing the admin beside the status.
            reason = _short_reason(response)
            if reason:
                result = replace(result, error=f"{result.error} {reason}")
        return result


def slack_body(forum_name: str, message: AlertMessage, texts: Texts) -> dict[str, Any]:
    heading = f"*{escape(headline(forum_name, message, texts))}*"
    words = escape(texts.render("core.channel_open_link"))
    link = f"<{_link_target(str(message.url))}|{words}>" if message.url else None
    fallback = "\n".join(
        part for part in (heading, escape(message.text.strip()), link) if part
    )
    blocks: list[dict[str, Any]] = [_section(heading + _then(escape(message.text.strip())))]
    lines = message.field_lines(texts)
    if lines:
        blocks.append({
            "type": "section",
            "fields": [
                _mrkdwn(_cut(f"*{escape(label)}*\n{escape(value)}", FIELD_CHARS))
                for label, value in lines[:MAX_FIELDS]
            ],
        })
    if link:
        blocks.append(_section(link))
    blocks.append({
        "type": "context",
        "elements": [_mrkdwn(escape(f"ForumKit · {forum_name} · {message.event}"))],
    })
    return {"text": _cut(fallback, SECTION_CHARS), "blocks": blocks}


def escape(text: str) -> str:
    """Slack's three control characters, so a post's words cannot become links or mentions."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link_target(url: str) -> str:
    # Inside <url|label>, "|" and ">" would end the URL early.
    return url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")


def _then(text: str) -> str:
    return f"\n{text}" if text else ""


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": _mrkdwn(_cut(text, SECTION_CHARS))}


def _mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short_reason(response: httpx.Response) -> str | None:
    text = response.text.strip()
    if text and len(text) <= 60 and text.replace("_", "").isalnum():
        return text
    return None
