"""Pages: the moderator queue, the admin's rules and test alert, and response-time figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.responses import Response

from forumkit.deps import ServicesDep, SessionDep
from forumkit.errors import ForumKitError
from forumkit.facets import POST_LABELS, THREAD_RESPONSE_MODE
from forumkit.outbox import service as outbox
from forumkit.plugins.unanswered import queue
from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered.chart import first_response_chart
from forumkit.plugins.unanswered.messages import actions_for
from forumkit.plugins.unanswered.schemas import AlertOut
from forumkit.plugins.unanswered.settings import UnansweredSettings
from forumkit.plugins.unanswered.stats import forum_stats
from forumkit.web import deps as web
from forumkit.web.deps import AdminPage, ModeratorPage, Viewer, check_csrf

templates = web.page_templates(Path(__file__).parent / "templates")
router = APIRouter()
SNOOZES = [(30, "30 minutes"), (60, "1 hour"), (240, "4 hours"), (1440, "1 day")]
DONE = {"claim": "You have claimed the alert.", "acknowledge": "Marked as seen.",
        "snooze": "Snoozed.", "resolve": "Resolved. The moderators have been told."}


def _render(request: Request, template: str, viewer: Viewer, status: int = 200,
            **context: Any) -> Response:
    return web.render(request, template, viewer, status, using=templates, **context)


def _settings(session: SessionDep, forum_id: int | None) -> UnansweredSettings:
    assert forum_id is not None
    return UnansweredSettings.model_validate(repo.stored_settings(session, forum_id))


def _tier(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@router.get("/alerts")
def queue_page(request: Request, viewer: ModeratorPage, session: SessionDep, app: ServicesDep,
               category: str | None = None, tier: str | None = None,
               new_member: str | None = None, state: str = "open", page: int = 1,
               done: str | None = None, problem: str | None = None) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    now = app.clock.now()
    state = state if state in ("open", "snoozed", "resolved") else "open"
    newbie = {"yes": True, "no": False}.get(new_member or "")
    page = max(1, page)
    rows, total = repo.queue(session, viewer.forum.id, now, state=state,
                             category=category or None, tier=_tier(tier), new_member=newbie,
                             limit=25, offset=(page - 1) * 25)
    labels = app.registry.facets.get(POST_LABELS, session, viewer.forum,
                                     [p.id for _, p, _ in rows if p.id is not None])
    items = [AlertOut.of(a, p, t, labels.get(p.id, []), now)  # type: ignore[arg-type]
             for a, p, t in rows]
    thread_modes = app.registry.facets.get(THREAD_RESPONSE_MODE, session, viewer.forum,
                                           [t.id for _, _, t in rows if t.id is not None])
    modes = {a.id: thread_modes.get(t.id or 0) for a, _, t in rows}
    settings = _settings(session, viewer.forum.id)
    filters = {"state": state, "category": category or "", "tier": tier or "",
               "new_member": new_member or ""}
    back = f"/ui/forums/{viewer.forum.slug}/alerts?" + urlencode({**filters, "page": page})
    return _render(
        request, "unanswered_queue.html", viewer, back=back, items=items, total=total, page=page,
        pages=max(1, (total + 24) // 25), counts=repo.counts(session, viewer.forum.id, now),
        filters=filters, modes=modes,
        categories=sorted(settings.categories), snoozes=SNOOZES,
        done=DONE.get(done or ""), problem=problem, actor=viewer.actor,
    )


@router.get("/alerts/counts")
def queue_counts(viewer: ModeratorPage, session: SessionDep, app: ServicesDep) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    return JSONResponse(repo.counts(session, viewer.forum.id, app.clock.now()))


@router.post("/alerts/{alert_id}")
async def queue_action(request: Request, alert_id: int, viewer: ModeratorPage,
                       session: SessionDep, app: ServicesDep) -> Response:
    assert viewer.forum is not None
    form = await check_csrf(request, viewer)
    action = str(form.get("action", ""))
    back = str(form.get("back", "")) or f"/ui/forums/{viewer.forum.slug}/alerts"
    if not back.startswith(f"/ui/forums/{viewer.forum.slug}/alerts"):
        back = f"/ui/forums/{viewer.forum.slug}/alerts"
    joiner = "&" if "?" in back else "?"
    now = app.clock.now()
    try:
        if action == "claim":
            queue.claim(session, viewer.forum, alert_id, viewer.actor, now)
        elif action == "acknowledge":
            queue.acknowledge(session, viewer.forum, alert_id, viewer.actor, now)
        elif action == "snooze":
            minutes = int(str(form.get("minutes", "60")) or 60)
            queue.snooze(session, viewer.forum, alert_id, viewer.actor, now, minutes=minutes,
                         until=None)
        elif action == "resolve":
            note = str(form.get("note", "")).strip()[:1000] or None
            _, actions = queue.resolve(session, viewer.forum,
                                       _settings(session, viewer.forum.id), alert_id,
                                       viewer.actor, now, note, app.registry.facets)
            outbox.enqueue(session, viewer.forum, actions, now)
        else:
            return RedirectResponse(f"{back}{joiner}problem=Choose+an+action.", status_code=303)
    except ForumKitError as exc:
        session.rollback()
        return RedirectResponse(f"{back}{joiner}problem={quote(str(exc.detail))}",
                                status_code=303)
    return RedirectResponse(f"{back}{joiner}done={action}#queue", status_code=303)


@router.get("/alerts/setup")
def setup_page(request: Request, viewer: AdminPage, session: SessionDep,
               sent: str | None = None) -> Response:
    assert viewer.forum is not None
    settings = _settings(session, viewer.forum.id)
    rules = [("Whole forum", settings.rule)] + [
        (f"Subforum {name}", settings.rule_for(name)) for name in sorted(settings.categories)
    ]
    return _render(request, "unanswered_setup.html", viewer, settings=settings, rules=rules,
                   sent=sent)


@router.post("/alerts/setup/test")
async def send_test(request: Request, viewer: AdminPage, session: SessionDep,
                    app: ServicesDep) -> Response:
    assert viewer.forum is not None
    form = await check_csrf(request, viewer)
    settings = _settings(session, viewer.forum.id)
    name = str(form.get("channel", ""))
    if name in settings.channels:
        message = {"title": "Test alert from ForumKit",
                   "text": "This is a test of the unanswered-post alerts. No post is waiting.",
                   "url": None, "fields": {"tier": 0, "new_member": False, "labels": []},
                   "event": "alert.test"}
        outbox.enqueue(session, viewer.forum, actions_for(settings, [name], message, None),
                       app.clock.now())
    return RedirectResponse(f"/ui/forums/{viewer.forum.slug}/alerts/setup?sent={name}",
                            status_code=303)


@router.get("/alerts/stats")
def stats_page(request: Request, viewer: AdminPage, session: SessionDep, app: ServicesDep,
               weeks: int = 8) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    weeks = min(52, max(1, weeks))
    stats = forum_stats(session, viewer.forum.id, app.clock.now(), weeks)
    chart = first_response_chart(stats["first_response"])
    return _render(request, "unanswered_stats.html", viewer, stats=stats, chart=chart,
                   weeks=weeks)
