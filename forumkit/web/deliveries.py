"""The Deliveries page (admins): where actions and alerts go, which destinations are paused
or stopped, the deliveries that failed for good, and sending them again, one or in bulk."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from forumkit.deps import ServicesDep, SessionDep
from forumkit.outbox import admin
from forumkit.outbox import service as outbox
from forumkit.outbox.models import OutboxStatus
from forumkit.web.deps import AdminPage, CheckedForm, render

router = APIRouter(prefix="/ui", include_in_schema=False)

# The bulk form's time choices: failed in the last ...
PERIODS = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(days=7)}
SHOWN = 100


@router.get("/forums/{forum}/deliveries")
def deliveries_page(
    request: Request, viewer: AdminPage, session: SessionDep, app: ServicesDep,
    retried: Annotated[int | None, Query(ge=0, le=10**9)] = None,
    enabled: Annotated[int | None, Query(ge=0, le=1)] = None,
) -> Response:
    return _page(request, viewer, session, app, retried=retried, enabled=bool(enabled))


@router.post("/forums/{forum}/deliveries")
def deliveries_change(request: Request, viewer: AdminPage, session: SessionDep,
                      app: ServicesDep, form: CheckedForm) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    forum_id, now, slug = viewer.forum.id, app.clock.now(), viewer.forum.slug
    known = {v.key for v in outbox.destinations(session, forum_id)}
    what = str(form.get("do", ""))
    if what == "retry_matching":
        destination = str(form.get("destination") or "") or None
        period = str(form.get("period") or "any")
        if (destination is not None and destination not in known) or (
                period != "any" and period not in PERIODS):
            return _page(request, viewer, session, app, status=422,
                         problem="Choose a destination and a time from the lists.")
        since = now - PERIODS[period] if period in PERIODS else None
        count = admin.retry_matching(session, forum_id, viewer.actor, now,
                                     destination=destination, since=since)
        return RedirectResponse(f"/ui/forums/{slug}/deliveries?retried={count}", 303)
    if what == "retry_one":
        item_id = str(form.get("item", ""))[:40]
        item = admin.retry_one(session, forum_id, viewer.actor, now, item_id)
        if item is None:
            return _page(request, viewer, session, app, status=404,
                         problem="That delivery is not in this forum's list.")
        return RedirectResponse(f"/ui/forums/{slug}/deliveries?retried=1", 303)
    if what == "enable":
        key = str(form.get("destination", ""))[:80]
        if key not in known or admin.enable(session, forum_id, viewer.actor, now, key) is None:
            return _page(request, viewer, session, app, status=404,
                         problem="That destination is not paused or stopped.")
        return RedirectResponse(f"/ui/forums/{slug}/deliveries?enabled=1", 303)
    return _page(request, viewer, session, app, status=422,
                 problem="Choose what to do with the buttons on this page.")


def _page(request: Request, viewer: AdminPage, session: SessionDep, app: ServicesDep, *,
          status: int = 200, problem: str | None = None, retried: int | None = None,
          enabled: bool = False) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    now = app.clock.now()
    views = outbox.destinations(session, viewer.forum.id)
    labels = {v.key: v.label for v in views}
    dead = outbox.list_items(session, viewer.forum.id, OutboxStatus.dead, SHOWN)
    return render(request, "deliveries.html", viewer, status=status, problem=problem,
                  retried=retried,
                  enabled=enabled, now=now, destinations=views, labels=labels, dead=dead,
                  shown=SHOWN, periods=list(PERIODS))
