"""Pages: helpers who may be carrying too much (moderators), members' feedback (admins)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from forumkit.context import PluginContext
from forumkit.errors import NotFound, Unprocessable
from forumkit.inputs import RowId
from forumkit.keys.models import Scope
from forumkit.plugins.helper_impact import care, feedback
from forumkit.plugins.helper_impact import repository as repo
from forumkit.plugins.helper_impact.service import PLUGIN
from forumkit.plugins.helper_impact.settings import HelperImpactSettings
from forumkit.web import deps as web
from forumkit.web.deps import AdminPage, CheckedForm, ModeratorPage, Viewer

router = APIRouter()
templates = web.page_templates(Path(__file__).parent / "templates")
Context = PluginContext[HelperImpactSettings]


ModeratorContext = Annotated[Context, web.page_context(PLUGIN, Scope.moderator)]
AdminContext = Annotated[Context, web.page_context(PLUGIN, Scope.admin)]


def render(request: Request, template: str, viewer: Viewer, status: int = 200,
           **context: Any) -> Response:
    return web.render(request, template, viewer, status, using=templates, **context)


@router.get("/helper-care")
def helper_care_page(request: Request, viewer: ModeratorPage, ctx: ModeratorContext
                     ) -> Response:
    return render(request, "helper_care.html", viewer, helpers=care.carrying(ctx),
                  settings=ctx.settings)


@router.get("/feedback")
def feedback_page(request: Request, viewer: AdminPage, ctx: AdminContext,
                  state: str = "open", answered: RowId | None = None) -> Response:
    return _feedback(request, viewer, ctx, state, answered=answered)


def _feedback(request: Request, viewer: Viewer, ctx: Context, state: str, *,
              answered: int | None = None, errors: dict[int, str] | None = None,
              drafts: dict[int, str] | None = None, problem: str | None = None,
              status: int = 200) -> Response:
    state = state if state in ("open", "answered", "all") else "open"
    items = repo.feedback_list(ctx.session, ctx.forum_id, state=state)
    return render(request, "feedback.html", viewer, status=status, items=items, state=state,
                  answered=answered, errors=errors or {}, drafts=drafts or {},
                  problem=problem)


@router.post("/feedback/{feedback_id}/answer")
def answer_page(request: Request, feedback_id: RowId, viewer: AdminPage, ctx: AdminContext,
                form: CheckedForm) -> Response:
    text = str(form.get("answer", ""))
    state = str(form.get("state", "open"))
    try:
        feedback.answer(ctx, feedback_id, text)
    except Unprocessable:
        # Nothing was changed: the answer is checked before the suggestion is touched.
        return _feedback(request, viewer, ctx, state,
                         errors={feedback_id: "Write an answer of 1 to 2000 characters."},
                         drafts={feedback_id: text}, status=422)
    except NotFound:
        return _feedback(request, viewer, ctx, state, status=404,
                         problem=f"There is no suggestion {feedback_id} in this forum.")
    return RedirectResponse(
        f"/ui/forums/{ctx.forum.slug}/feedback?state=all&answered={feedback_id}"
        f"#feedback-{feedback_id}", status_code=303)
