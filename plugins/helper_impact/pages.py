"""Pages: helpers who may be carrying too much (moderators), members' feedback (admins)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from forumkit.deps import ServicesDep, SessionDep
from forumkit.errors import Unprocessable
from forumkit.outbox import service as outbox
from forumkit.plugins.helper_impact import care, feedback, service
from forumkit.plugins.helper_impact import repository as repo
from forumkit.web import deps as web
from forumkit.web.deps import AdminPage, ModeratorPage, Viewer, check_csrf

router = APIRouter()
templates = web.page_templates(Path(__file__).parent / "templates")


def render(request: Request, template: str, viewer: Viewer, status: int = 200,
           **context: Any) -> Response:
    return web.render(request, template, viewer, status, using=templates, **context)


@router.get("/helper-care")
def helper_care_page(request: Request, viewer: ModeratorPage, session: SessionDep,
                     app: ServicesDep) -> Response:
    assert viewer.forum is not None
    settings = service.settings_of(session, viewer.forum)
    helpers = care.carrying(session, viewer.forum, settings, app.registry.facets,
                            app.clock.now())
    return render(request, "helper_care.html", viewer, helpers=helpers, settings=settings,
                  on=service.is_on(session, viewer.forum))


@router.get("/feedback")
def feedback_page(request: Request, viewer: AdminPage, session: SessionDep,
                  state: str = "open", answered: int | None = None) -> Response:
    return _feedback(request, viewer, session, state, answered=answered)


def _feedback(request: Request, viewer: Viewer, session: Any, state: str, *,
              answered: int | None = None, errors: dict[int, str] | None = None,
              drafts: dict[int, str] | None = None, status: int = 200) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    state = state if state in ("open", "answered", "all") else "open"
    items = repo.feedback_list(session, viewer.forum.id, state=state)
    return render(request, "feedback.html", viewer, status=status, items=items, state=state,
                  answered=answered, errors=errors or {}, drafts=drafts or {})


@router.post("/feedback/{feedback_id}/answer")
async def answer_page(request: Request, feedback_id: int, viewer: AdminPage,
                      session: SessionDep, app: ServicesDep) -> Response:
    assert viewer.forum is not None
    form = await check_csrf(request, viewer)
    text = str(form.get("answer", ""))
    now = app.clock.now()
    try:
        _, actions = feedback.answer(session, viewer.forum, feedback_id, text,
                                     actor=viewer.actor, now=now)
    except Unprocessable:
        session.rollback()
        return _feedback(request, viewer, session, str(form.get("state", "open")),
                         errors={feedback_id: "Write an answer of 1 to 2000 characters."},
                         drafts={feedback_id: text}, status=422)
    outbox.enqueue(session, viewer.forum, actions, now)
    return RedirectResponse(
        f"/ui/forums/{viewer.forum.slug}/feedback?state=all&answered={feedback_id}"
        f"#feedback-{feedback_id}", status_code=303)
