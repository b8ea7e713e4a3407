"""The alert-channel contract: a way to reach moderators that is not the forum itself.

Channels are found through the `forumkit.channels` entry-point group. An action whose
`channel` names one is delivered by it; the action's payload says where (a URL, an address)
and what, and the outbox gives it the same retries as adapter deliveries.

The payload every channel reads (plugins produce it; `forumkit.channels.message` reads it)::

    Action(kind="alert", channel="webhook" | "slack" | "email", payload={
        "to": {...},          # the target, per channel (below)
        "message": {
            "title": str,                 # one line: what happened
            "text": str,                  # a few lines for the moderator; no more of a
                                          # post than the plugin chose to include
            "url": str | None,            # where to look (the post, the queue)
            "fields": {label: value},     # short facts, shown as a list
            "event": "alert.fired" | "alert.resolved" | "alert.test" | ...,
        },
    })

Targets:

- webhook: `{"url": "https://...", "secret": "whsec_..."}`; the body is POSTed as JSON and
  signed the Standard Webhooks way (forumkit.signing) with the delivery id as webhook-id.
- slack: `{"url": "https://hooks.slack.com/services/..."}`, a Slack-compatible incoming
  webhook.
- email: `{"addresses": ["mods@example.org", ...]}`, sent through the service's SMTP server
  (FORUMKIT_SMTP_* settings).

A payload a channel cannot use (no URL, a malformed address) fails for good with a clear
error instead of being retried. Channels log their kind and the delivery id, never the
message or the target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import httpx

from forumkit.adapter import Delivery, DeliveryResult
from forumkit.clock import Clock, SystemClock

if TYPE_CHECKING:
    from forumkit.forums.models import Forum
    from forumkit.settings import Settings


class Channel:
    kind: ClassVar[str]

    def __init__(self) -> None:
        self.clock: Clock = SystemClock()

    def configure(self, settings: Settings, clock: Clock) -> None:
        """Called once when the process's services are built, before any send.

        Service-wide configuration only (an SMTP server, the clock); where each alert goes
        comes with the delivery.
        """
        self.clock = clock

    def send(self, forum: Forum, delivery: Delivery, client: httpx.Client) -> DeliveryResult:
        raise NotImplementedError
