"""The alert-channel contract: a way to reach moderators that is not the forum itself.

Channels are found through the `forumkit.channels` entry-point group. An action whose
`channel` names one is delivered by it; the action's payload says where (a URL, an address)
and what, and the outbox gives it the same retries as adapter deliveries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import httpx

from forumkit.adapter import Delivery, DeliveryResult

if TYPE_CHECKING:
    from forumkit.forums.models import Forum


class Channel:
    kind: ClassVar[str]

    def send(self, forum: Forum, delivery: Delivery, client: httpx.Client) -> DeliveryResult:
        raise NotImplementedError
