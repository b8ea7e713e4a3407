"""Pages: the moderator queue, the admin's rules and test alert, and response-time figures.

Each page takes the plugin's context from the core (404 when the plugin is off for the
forum) and calls the same use cases in `queue` as the API. A failed action re-renders the
page with the message and a 4xx status; the URL only ever carries a key for a fixed set of
success notices, so nobody can make a link that shows moderators words of their choosing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.responses import Response

from forumkit.context import PluginContext
from forumkit.errors import ForumKitError, Unprocessable, status_of
from forumkit.inputs import MAX_OFFSET, RowId, whole_number
from forumkit.keys.models import Scope
from forumkit.mirror import categories
from forumkit.plugins.unanswered import queue
from forumkit.plugins.unanswered.chart import first_response_chart
from forumkit.plugins.unanswered.facets import THREAD_RESPONSE_MODE
from forumkit.plugins.unanswered.settings import UnansweredSettings
from forumkit.plugins.unanswered.stats import forum_stats
from forumkit.web import deps as web
from forumkit.web.deps import AdminPage, CheckedForm, ModeratorPage, Viewer, page_context

PLUGIN = "unanswered"
Context = PluginContext[UnansweredSettings]

ModeratorContext = Annotated[Context, page_context(PLUGIN, Scope.moderator)]
AdminContext = Annotated[Context, page_context(PLUGIN, Scope.admin)]

templates = web.page_templates(Path(__file__).parent / "templates")
router = APIRouter()
PER_PAGE = 25
LAST_PAGE = MAX_OFFSET // PER_PAGE  # further pages would ask for offsets no database takes
Page = Annotated[int, Query(ge=1, le=LAST_PAGE)]
SNOOZES = [(30, "30 minutes"), (60, "1 hour"), (240, "4 hours"), (1440, "1 day")]
DONE = {"claim": "You have claimed the alert.", "acknowledge": "Marked as seen.",
        "snooze": "Snoozed.", "resolve": "Resolved. The moderators have been told."}
STATES = ("open", "snoozed", "resolved")


def _render(request: Request, template: str, viewer: Viewer, status: int = 200,
            **context: Any) -> Response:
    return web.render(request, template, viewer, status, using=templates, **context)


def _tier(value: str | None) -> int | None:
    return whole_number(value, low=1, high=10) if value else None


def _queue(request: Request, viewer: Viewer, ctx: Context, query: dict[str, str], *,
           done: str | None = None, error: str | None = None, status: int = 200) -> Response:
    """The queue page for these filters, with a success notice or an error to show."""
    state = query.get("state") or "open"
    state = state if state in STATES else "open"
    category, tier, new_member = (query.get(k) or "" for k in ("category", "tier", "new_member"))
    page = whole_number(query.get("page", ""), low=1, high=LAST_PAGE) or 1
    found = queue.listing(ctx, state=state, category=category or None, tier=_tier(tier),
                          new_member={"yes": True, "no": False}.get(new_member),
                          limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    thread_modes = ctx.facets.get(THREAD_RESPONSE_MODE, ctx.session, ctx.forum,
                                  found.thread_of.values())
    modes = {alert: thread_modes.get(thread) for alert, thread in found.thread_of.items()}
    filters = {"state": state, "category": category, "tier": tier, "new_member": new_member}
    back = f"/ui/forums/{ctx.forum.slug}/alerts?" + urlencode({**filters, "page": page})
    return _render(
        request, "unanswered_queue.html", viewer, status, back=back, items=found.alerts,
        total=found.total, page=page, pages=max(1, (found.total + PER_PAGE - 1) // PER_PAGE),
        counts=queue.counts(ctx), filters=filters, modes=modes,
        categories=_subforums(ctx), snoozes=SNOOZES,
        done=DONE.get(done or ""), error=error, actor=ctx.actor,
    )


def _subforums(ctx: Context) -> list[tuple[str, str | None]]:
    """The subforums moderators may filter by: those with a rule of their own and those the
    platform has named, each with its name if it has one."""
    named = categories.all_names(ctx.session, ctx.forum_id)
    return [(c, named.get(c)) for c in sorted(set(ctx.settings.categories) | set(named))]


@router.get("/alerts")
def queue_page(request: Request, viewer: ModeratorPage, ctx: ModeratorContext,
               category: str | None = None, tier: str | None = None,
               new_member: str | None = None, state: str = "open", page: Page = 1,
               done: str | None = None) -> Response:
    query = {"state": state, "category": category or "", "tier": tier or "",
             "new_member": new_member or "", "page": str(page)}
    return _queue(request, viewer, ctx, query, done=done)


@router.get("/alerts/counts")
def queue_counts(ctx: ModeratorContext) -> Response:
    return JSONResponse(queue.counts(ctx))


def _act(ctx: Context, alert_id: int, action: str, form: dict[str, Any]) -> None:
    if action == "claim":
        queue.claim(ctx, alert_id)
    elif action == "acknowledge":
        queue.acknowledge(ctx, alert_id)
    elif action == "snooze":
        minutes = whole_number(form.get("minutes") or "60", low=1)
        if minutes is None:
            raise Unprocessable("Choose how long to snooze the alert for.")
        queue.snooze(ctx, alert_id, minutes=minutes, until=None)
    elif action == "resolve":
        queue.resolve(ctx, alert_id, str(form.get("note", "")).strip()[:1000] or None)
    else:
        raise Unprocessable("Choose an action.")


@router.post("/alerts/{alert_id}")
def queue_action(request: Request, alert_id: RowId, viewer: ModeratorPage, ctx: ModeratorContext,
                 form: CheckedForm) -> Response:
    action = str(form.get("action", ""))
    home = f"/ui/forums/{ctx.forum.slug}/alerts"
    back = str(form.get("back", ""))
    back = back if back.startswith(home) else home
    try:
        _act(ctx, alert_id, action, form)
    except ForumKitError as exc:
        # Nothing of the failed action may be kept: the page is drawn again from what is
        # stored, with the reason and the status of the failure.
        ctx.session.rollback()
        ctx.actions.clear()
        query = {k: v[-1] for k, v in parse_qs(urlsplit(back).query).items()}
        return _queue(request, viewer, ctx, query, error=str(exc.detail),
                      status=status_of(exc))
    joiner = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{joiner}done={action}#queue", status_code=303)


def _setup(request: Request, viewer: Viewer, ctx: Context, *, sent: str | None = None,
           error: str | None = None, status: int = 200) -> Response:
    settings = ctx.settings
    named = categories.all_names(ctx.session, ctx.forum_id)
    rules = [("Whole forum", settings.rule)] + [
        (f"Subforum {named[c]} ({c})" if c in named else f"Subforum {c}", settings.rule_for(c))
        for c in sorted(settings.categories)
    ]
    return _render(request, "unanswered_setup.html", viewer, status, settings=settings,
                   rules=rules, sent=sent if sent in settings.channels else None,
                   error=error)


@router.get("/alerts/setup")
def setup_page(request: Request, viewer: AdminPage, ctx: AdminContext,
               sent: str | None = None) -> Response:
    return _setup(request, viewer, ctx, sent=sent)


@router.post("/alerts/setup/test")
def send_test(request: Request, viewer: AdminPage, ctx: AdminContext,
              form: CheckedForm) -> Response:
    channel = str(form.get("channel", ""))
    try:
        queue.send_test_alert(ctx, channel)
    except ForumKitError as exc:
        return _setup(request, viewer, ctx, error=str(exc.detail), status=status_of(exc))
    return RedirectResponse(
        f"/ui/forums/{ctx.forum.slug}/alerts/setup?" + urlencode({"sent": channel}),
        status_code=303)


@router.get("/alerts/stats")
def stats_page(request: Request, viewer: AdminPage, ctx: AdminContext,
               weeks: int = 8) -> Response:
    weeks = min(52, max(1, weeks))
    stats = forum_stats(ctx.session, ctx.forum_id, ctx.now, weeks)
    chart = first_response_chart(stats["first_response"])
    return _render(request, "unanswered_stats.html", viewer, stats=stats, chart=chart,
                   weeks=weeks)
