"""The moderator queue and the admin's figures: /v1/forums/{forum}/alerts..."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from forumkit.deps import AdminAccess, ModeratorAccess, ServicesDep, SessionDep
from forumkit.errors import NotFound, Unprocessable, responses
from forumkit.facets import POST_LABELS
from forumkit.outbox import service as outbox
from forumkit.plugins.unanswered import queue
from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered import schemas as s
from forumkit.plugins.unanswered.messages import actions_for
from forumkit.plugins.unanswered.models import UnansweredAlert
from forumkit.plugins.unanswered.settings import UnansweredSettings
from forumkit.plugins.unanswered.stats import forum_stats
from forumkit.services import Services

router = APIRouter(tags=["unanswered"])
ERRORS = responses(401, 403, 404, 409, 422)
StateFilter = Literal["open", "claimed", "acknowledged", "snoozed", "resolved", "all"]


def settings_of(session: SessionDep, forum_id: int | None) -> UnansweredSettings:
    assert forum_id is not None
    return UnansweredSettings.model_validate(repo.stored_settings(session, forum_id))


def _out(session: SessionDep, app: Services, access_forum: object, alert: UnansweredAlert,
         with_steps: bool = False) -> s.AlertOut:
    post, thread = repo.alert_with_post(session, alert)
    labels = app.registry.facets.one(POST_LABELS, session, access_forum,  # type: ignore[arg-type]
                                     post.id)  # type: ignore[arg-type]
    steps = repo.steps_of(session, alert.id) if with_steps and alert.id else None
    return s.AlertOut.of(alert, post, thread, labels, app.clock.now(), steps)


@router.get("/alerts", response_model=list[s.AlertOut], responses=ERRORS,
            summary="The moderator queue: alerts, most overdue first")
def list_alerts(
    access: ModeratorAccess, session: SessionDep, app: ServicesDep, response: Response,
    state: Annotated[StateFilter, Query(
        description="open: not yet resolved (snoozes that have ended included); snoozed: "
                    "snoozed until later; all: everything")] = "open",
    category: Annotated[str | None, Query(max_length=200, description="Subforum")] = None,
    tier: Annotated[int | None, Query(ge=1, le=10)] = None,
    new_member: Annotated[bool | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[s.AlertOut]:
    assert access.forum.id is not None
    now = app.clock.now()
    rows, total = repo.queue(session, access.forum.id, now, state=state, category=category,
                             tier=tier, new_member=new_member, limit=limit, offset=offset)
    labels = app.registry.facets.get(POST_LABELS, session, access.forum,
                                     [p.id for _, p, _ in rows if p.id is not None])
    response.headers["X-Total-Count"] = str(total)
    return [s.AlertOut.of(a, p, t, labels.get(p.id, []), now)  # type: ignore[arg-type]
            for a, p, t in rows]


@router.get("/alerts/counts", response_model=s.CountsOut, responses=ERRORS,
            summary="How many alerts wait in each state (for a queue that refreshes)")
def alert_counts(access: ModeratorAccess, session: SessionDep, app: ServicesDep) -> s.CountsOut:
    assert access.forum.id is not None
    return s.CountsOut(**repo.counts(session, access.forum.id, app.clock.now()))


@router.get("/alerts/stats", response_model=s.StatsOut, responses=ERRORS,
            summary="Time to first response, alerts per tier, answered by peers (admin)")
def alert_stats(access: AdminAccess, session: SessionDep, app: ServicesDep,
                weeks: Annotated[int, Query(ge=1, le=52)] = 8) -> s.StatsOut:
    assert access.forum.id is not None
    return s.StatsOut.model_validate(forum_stats(session, access.forum.id, app.clock.now(),
                                                 weeks))


@router.post("/alerts/test", status_code=202, responses=ERRORS,
             summary="Send a test alert to one configured channel (admin)")
def test_alert(body: s.TestAlertIn, access: AdminAccess, session: SessionDep,
               app: ServicesDep) -> dict[str, int]:
    settings = settings_of(session, access.forum.id)
    if body.channel not in settings.channels:
        raise Unprocessable(f"channel: no channel called {body.channel!r}; configured: "
                            f"{sorted(settings.channels)}")
    message = {
        "title": "Test alert from ForumKit",
        "text": "This is a test of the unanswered-post alerts. No post is waiting.",
        "url": None, "fields": {"tier": 0, "new_member": False, "labels": []},
        "event": "alert.test",
    }
    actions = actions_for(settings, [body.channel], message, None)
    return {"queued": outbox.enqueue(session, access.forum, actions, app.clock.now())}


@router.get("/alerts/{alert_id}", response_model=s.AlertOut, responses=ERRORS,
            summary="One alert with every step it went through")
def get_alert(alert_id: int, access: ModeratorAccess, session: SessionDep,
              app: ServicesDep) -> s.AlertOut:
    assert access.forum.id is not None
    alert = repo.get_alert(session, access.forum.id, alert_id)
    if alert is None:
        raise NotFound(f"no alert {alert_id} in this forum")
    return _out(session, app, access.forum, alert, with_steps=True)


@router.post("/alerts/{alert_id}/claim", response_model=s.AlertOut, responses=ERRORS,
             summary="Take the alert on: you will see to it (stops escalation)")
def claim_alert(alert_id: int, access: ModeratorAccess, session: SessionDep,
                app: ServicesDep) -> s.AlertOut:
    alert = queue.claim(session, access.forum, alert_id, access.actor, app.clock.now())
    return _out(session, app, access.forum, alert, with_steps=True)


@router.post("/alerts/{alert_id}/acknowledge", response_model=s.AlertOut, responses=ERRORS,
             summary="Say the alert was seen (stops escalation)")
def acknowledge_alert(alert_id: int, access: ModeratorAccess, session: SessionDep,
                      app: ServicesDep) -> s.AlertOut:
    alert = queue.acknowledge(session, access.forum, alert_id, access.actor, app.clock.now())
    return _out(session, app, access.forum, alert, with_steps=True)


@router.post("/alerts/{alert_id}/snooze", response_model=s.AlertOut, responses=ERRORS,
             summary="Hide the alert from the queue for some minutes or until a time")
def snooze_alert(alert_id: int, body: s.SnoozeIn, access: ModeratorAccess, session: SessionDep,
                 app: ServicesDep) -> s.AlertOut:
    alert = queue.snooze(session, access.forum, alert_id, access.actor, app.clock.now(),
                         minutes=body.minutes, until=body.until)
    return _out(session, app, access.forum, alert, with_steps=True)


@router.post("/alerts/{alert_id}/resolve", response_model=s.AlertOut, responses=ERRORS,
             summary="Resolve the alert, with a note; the channels are told")
def resolve_alert(alert_id: int, access: ModeratorAccess, session: SessionDep,
                  app: ServicesDep, body: s.ResolveIn | None = None) -> s.AlertOut:
    now = app.clock.now()
    settings = settings_of(session, access.forum.id)
    alert, actions = queue.resolve(session, access.forum, settings, alert_id, access.actor, now,
                                   body.note if body else None, app.registry.facets)
    outbox.enqueue(session, access.forum, actions, now)
    return _out(session, app, access.forum, alert, with_steps=True)
