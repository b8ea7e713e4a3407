"""The outbox worker: claim due rows, deliver each through its adapter or channel, record how.

A delivery the outbound address policy refuses goes dead at once with REFUSED as its error (nothing
about the target): the
target will not become public by waiting, and a name that resolved to a private address is
worth an admin's look before anything is sent again. Fixing the URL or the operator's
FORUMKIT_OUTBOUND_ALLOW and retrying the dead delivery sends it.

A crash at any point loses nothing: a claimed row comes due again when its lease ends and is
delivered again under the same id, which the receiver uses to drop the repeat.
"""

from __future__ import annotations

import logging

from forumkit.adapter import Adapter, Delivery, DeliveryResult, ForumLink
from forumkit.db import session_scope
from forumkit.forums.models import Forum
from forumkit.messages import texts_for
from forumkit.outbound import REFUSED, Refused
from forumkit.outbox import service
from forumkit.registry import RegistryError
from forumkit.services import Services

log = logging.getLogger(__name__)


def deliver_due(app: Services) -> int:
    """One pass: deliver what is due now. Returns how many deliveries were attempted."""
    settings = app.settings
    with session_scope(app.engine) as session:
        rows = service.claim_due(
            session, app.clock.now(),
            limit=settings.outbox_batch_size, lease_seconds=settings.outbox_lease_seconds,
        )
        forums = {row.forum_id: session.get(Forum, row.forum_id) for row in rows}
        texts = {forum_id: texts_for(session, forum)
                 for forum_id, forum in forums.items() if forum is not None}
        claimed = [
            (row.id, row.channel, forums[row.forum_id], Delivery(
                id=row.id, forum_slug=forums[row.forum_id].slug,  # type: ignore[union-attr]
                kind=row.kind, payload=dict(row.payload), attempt=row.attempts,
                created_at=row.created_at, texts=texts[row.forum_id],
            ))
            for row in rows
        ]
    adapters: dict[int, Adapter] = {}
    for item_id, channel, forum, delivery in claimed:
        assert forum is not None and forum.id is not None
        result = _deliver(app, adapters, forum, channel, delivery)
        app.metrics.deliveries.labels("ok" if result.ok else "failed").inc()
        with session_scope(app.engine) as session:
            item = service.record_result(
                session, item_id, result, app.clock.now(),
                max_attempts=settings.outbox_max_attempts,
                backoff_base=settings.outbox_backoff_base_seconds,
                backoff_cap=settings.outbox_backoff_cap_seconds,
            )
            status = item.status if item else "gone"
        log.info(
            "delivery",
            extra={"forum": forum.slug, "delivery": item_id, "kind": delivery.kind,
                   "channel": channel, "attempt": delivery.attempt, "status": status,
                   "error": result.error},
        )
    return len(claimed)


def _deliver(
    app: Services, adapters: dict[int, Adapter], forum: Forum, channel: str, delivery: Delivery
) -> DeliveryResult:
    try:
        if channel != "adapter":
            return app.registry.channel(channel).send(forum, delivery, app.http_client())
        assert forum.id is not None
        if forum.id not in adapters:
            adapters[forum.id] = adapter_for(app, forum)
        return adapters[forum.id].perform(delivery)
    except RegistryError as exc:
        return DeliveryResult(ok=False, retry=False, error=str(exc))
    except Refused:
        return DeliveryResult(ok=False, retry=False, error=REFUSED)
    except Exception as exc:  # a broken receiver must not stop the other deliveries
        log.warning("delivery raised", extra={"delivery": delivery.id, "error": repr(exc)})
        return DeliveryResult(ok=False, retry=True, error=type(exc).__name__)


def adapter_for(app: Services, forum: Forum) -> Adapter:
    cls = app.registry.adapter(forum.adapter)
    link = ForumLink(
        slug=forum.slug, webhook_secret=forum.webhook_secret,
        settings=cls.settings_model.model_validate(forum.adapter_settings),
        previous_webhook_secret=forum.previous_webhook_secret,
        previous_webhook_secret_until=forum.previous_webhook_secret_until,
    )
    return cls(link, app.http_client())
