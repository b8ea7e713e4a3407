"""The outbox for admins: deliveries, their destinations, and sending dead ones again."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from forumkit.deps import AdminAccess, ServicesDep, SessionDep
from forumkit.errors import NotFound, responses
from forumkit.inputs import Text
from forumkit.outbox import admin
from forumkit.outbox import service as outbox
from forumkit.outbox.models import OutboxItem
from forumkit.outbox.schemas import DestinationOut, OutboxOut, RetryFilter, RetryOut

router = APIRouter(tags=["admin"])
ERRORS = responses(401, 403, 404, 422)


def destination_notice(view: outbox.DestinationView, slug: str, now: datetime) -> str | None:
    state = view.state(now)
    if state == "disabled":
        return (
            f"Deliveries to {view.label} are stopped: {view.disabled_reason or 'disabled'}. "
            f"{view.pending} waiting deliveries are kept, not dropped. Check the address "
            "(fix it where the alert is set up), then re-enable it with POST "
            f"/v1/forums/{slug}/outbox/destinations/{view.key}/enable; they go out at once."
        )
    if state == "paused":
        assert view.paused_until is not None
        return (
            f"Deliveries to {view.label} are paused until {view.paused_until.isoformat()} "
            f"after {view.failures} failures in a row (last: {view.last_error}). Other "
            "destinations go on; this one is tried again then, one delivery at a time."
        )
    return None


def _item_notice(item: OutboxItem, held: dict[str, str]) -> str | None:
    if item.status != "pending":
        return None
    return held.get(item.destination)


@router.get("/v1/forums/{forum}/outbox", response_model=list[OutboxOut], responses=ERRORS,
            summary="Queued, delivered and dead-lettered actions, newest first")
def list_outbox(
    access: AdminAccess, session: SessionDep, app: ServicesDep,
    status: Annotated[Literal["pending", "delivered", "dead"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[OutboxOut]:
    assert access.forum.id is not None
    items = outbox.list_items(session, access.forum.id, status, limit)
    now = app.clock.now()
    held = {}
    for view in outbox.destinations(session, access.forum.id):
        notice = destination_notice(view, access.forum.slug, now)
        if notice:
            held[view.key] = notice
    return [
        OutboxOut.model_validate(i, from_attributes=True).model_copy(
            update={"notice": _item_notice(i, held)})
        for i in items
    ]


@router.post("/v1/forums/{forum}/outbox/retry", response_model=RetryOut, responses=ERRORS,
             summary="Send dead-lettered actions again, all or those matching a filter")
def retry_outbox_matching(
    body: RetryFilter, access: AdminAccess, session: SessionDep, app: ServicesDep
) -> RetryOut:
    assert access.forum.id is not None
    retried = admin.retry_matching(
        session, access.forum.id, access.actor, app.clock.now(), destination=body.destination,
        channel=body.channel, since=body.since, until=body.until,
    )
    return RetryOut(retried=retried)


@router.post("/v1/forums/{forum}/outbox/{item_id}/retry", response_model=OutboxOut,
             responses=ERRORS, summary="Send a dead-lettered action again")
def retry_outbox(item_id: Annotated[Text, Path(max_length=40)], access: AdminAccess,
                 session: SessionDep, app: ServicesDep) -> OutboxOut:
    assert access.forum.id is not None
    item = admin.retry_one(session, access.forum.id, access.actor, app.clock.now(), item_id)
    if item is None:
        raise NotFound(f"no outbox item {item_id!r} in this forum")
    return OutboxOut.model_validate(item, from_attributes=True)


def _destination_out(view: outbox.DestinationView, slug: str, now: datetime) -> DestinationOut:
    return DestinationOut(
        key=view.key, label=view.label, channel=view.channel,
        state=view.state(now),  # type: ignore[arg-type]
        pending=view.pending, dead=view.dead, failures=view.failures,
        paused_until=view.paused_until, disabled_at=view.disabled_at,
        reason=view.disabled_reason, last_error=view.last_error,
        notice=destination_notice(view, slug, now),
    )


@router.get("/v1/forums/{forum}/outbox/destinations", response_model=list[DestinationOut],
            responses=ERRORS, summary="Where deliveries go: waiting and dead counts, and "
            "which destinations are paused or disabled")
def list_destinations(access: AdminAccess, session: SessionDep,
                      app: ServicesDep) -> list[DestinationOut]:
    assert access.forum.id is not None
    now = app.clock.now()
    return [_destination_out(v, access.forum.slug, now)
            for v in outbox.destinations(session, access.forum.id)]


@router.post("/v1/forums/{forum}/outbox/destinations/{key}/enable",
             response_model=DestinationOut, responses=ERRORS,
             summary="Send to a disabled or paused destination again; its waiting "
             "deliveries go out at once")
def enable_destination(key: Annotated[Text, Path(max_length=80)], access: AdminAccess,
                       session: SessionDep, app: ServicesDep) -> DestinationOut:
    assert access.forum.id is not None
    now = app.clock.now()
    state = admin.enable(session, access.forum.id, access.actor, now, key)
    if state is None:
        raise NotFound(f"no destination {key!r} is paused or disabled in this forum")
    [view] = [v for v in outbox.destinations(session, access.forum.id) if v.key == key]
    return _destination_out(view, access.forum.slug, now)
