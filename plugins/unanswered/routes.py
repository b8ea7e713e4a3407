"""The moderator queue and the admin's figures: /v1/forums/{forum}/alerts...

Thin: each route takes the plugin's context from the core (which answers 404 when the
plugin is off for the forum) and calls one use case in `queue`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from forumkit.context import PluginContext
from forumkit.deps import plugin_context
from forumkit.errors import responses
from forumkit.inputs import Offset, RowId, Text
from forumkit.keys.models import Scope
from forumkit.plugins.unanswered import queue
from forumkit.plugins.unanswered import schemas as s
from forumkit.plugins.unanswered.settings import UnansweredSettings
from forumkit.plugins.unanswered.stats import forum_stats

PLUGIN = "unanswered"
Context = PluginContext[UnansweredSettings]
Moderator = Annotated[Context, plugin_context(PLUGIN, Scope.moderator)]
ModeratorReader = Annotated[Context, plugin_context(PLUGIN, Scope.moderator, read_only=True)]
Admin = Annotated[Context, plugin_context(PLUGIN, Scope.admin)]
AdminReader = Annotated[Context, plugin_context(PLUGIN, Scope.admin, read_only=True)]

router = APIRouter(tags=["unanswered"])
ERRORS = responses(401, 403, 404, 409, 422)
StateFilter = Literal["open", "claimed", "acknowledged", "snoozed", "resolved", "all"]


@router.get("/alerts", response_model=list[s.AlertOut], responses=ERRORS,
            summary="The moderator queue: risk alerts on top, then the most overdue")
def list_alerts(
    ctx: ModeratorReader, response: Response,
    state: Annotated[StateFilter, Query(
        description="open: not yet resolved (snoozes that have ended included); snoozed: "
                    "snoozed until later; all: everything")] = "open",
    category: Annotated[Text | None, Query(max_length=200, description="Subforum")] = None,
    tier: Annotated[int | None, Query(ge=1, le=10)] = None,
    new_member: Annotated[bool | None, Query()] = None,
    kind: Annotated[Literal["unanswered", "risk"] | None, Query(
        description="risk: posts that may need a moderator now; unanswered: posts left "
                    "without a reply")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[Offset, Query()] = 0,
) -> list[s.AlertOut]:
    found = queue.listing(ctx, state=state, category=category, tier=tier,
                          new_member=new_member, kind=kind, limit=limit, offset=offset)
    response.headers["X-Total-Count"] = str(found.total)
    return found.alerts


@router.get("/alerts/counts", response_model=s.CountsOut, responses=ERRORS,
            summary="How many alerts wait in each state (for a queue that refreshes)")
def alert_counts(ctx: ModeratorReader) -> s.CountsOut:
    return s.CountsOut(**queue.counts(ctx))


@router.get("/alerts/stats", response_model=s.StatsOut, responses=ERRORS,
            summary="Time to first response, alerts per tier, answered by peers (admin)")
def alert_stats(ctx: AdminReader,
                weeks: Annotated[int, Query(ge=1, le=52)] = 8) -> s.StatsOut:
    return s.StatsOut.model_validate(forum_stats(ctx.session, ctx.forum_id, ctx.now, weeks))


@router.post("/alerts/test", status_code=202, responses=responses(401, 403, 404, 422, 429),
             summary="Send a test alert to one configured channel (admin)")
def test_alert(body: s.TestAlertIn, ctx: Admin) -> dict[str, int]:
    return {"queued": queue.send_test_alert(ctx, body.channel)}


@router.get("/alerts/{alert_id}", response_model=s.AlertOut, responses=ERRORS,
            summary="One alert with every step it went through")
def get_alert(alert_id: RowId, ctx: ModeratorReader) -> s.AlertOut:
    return queue.shown(ctx, queue.one(ctx, alert_id))


@router.post("/alerts/{alert_id}/claim", response_model=s.AlertOut, responses=ERRORS,
             summary="Take the alert on: you will see to it (stops escalation)")
def claim_alert(alert_id: RowId, ctx: Moderator) -> s.AlertOut:
    return queue.shown(ctx, queue.claim(ctx, alert_id))


@router.post("/alerts/{alert_id}/acknowledge", response_model=s.AlertOut, responses=ERRORS,
             summary="Say the alert was seen (stops escalation)")
def acknowledge_alert(alert_id: RowId, ctx: Moderator) -> s.AlertOut:
    return queue.shown(ctx, queue.acknowledge(ctx, alert_id))


@router.post("/alerts/{alert_id}/snooze", response_model=s.AlertOut, responses=ERRORS,
             summary="Hide the alert from the queue for some minutes or until a time")
def snooze_alert(alert_id: RowId, body: s.SnoozeIn, ctx: Moderator) -> s.AlertOut:
    return queue.shown(ctx, queue.snooze(ctx, alert_id, minutes=body.minutes,
                                         until=body.until))


@router.post("/alerts/{alert_id}/resolve", response_model=s.AlertOut, responses=ERRORS,
             summary="Resolve the alert, with a note; the channels are told")
def resolve_alert(alert_id: RowId, ctx: Moderator,
                  body: s.ResolveIn | None = None) -> s.AlertOut:
    return queue.shown(ctx, queue.resolve(ctx, alert_id, body.note if body else None))
