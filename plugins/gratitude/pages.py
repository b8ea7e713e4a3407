"""The admin's page for the forum's set of gratitude reactions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from forumkit.context import PluginContext
from forumkit.deps import ServicesDep
from forumkit.errors import Unprocessable
from forumkit.keys.models import Scope
from forumkit.plugins.gratitude import service
from forumkit.plugins.gratitude.service import PLUGIN
from forumkit.plugins.gratitude.settings import GratitudeSettings
from forumkit.web import deps as web
from forumkit.web.deps import AdminPage, CheckedForm, Viewer

router = APIRouter()
templates = web.page_templates(Path(__file__).parent / "templates")


AdminContext = Annotated[PluginContext[GratitudeSettings], web.page_context(PLUGIN, Scope.admin)]


def render(request: Request, template: str, viewer: Viewer, status: int = 200,
           **context: Any) -> Response:
    return web.render(request, template, viewer, status, using=templates, **context)


@router.get("/gratitude")
def kinds_page(request: Request, viewer: AdminPage, ctx: AdminContext,
               saved: bool = False) -> Response:
    rows = [k.model_dump() for k in ctx.settings.kinds]
    return render(request, "gratitude_kinds.html", viewer, rows=rows, settings=ctx.settings,
                  saved=saved, problems=[])


@router.post("/gratitude")
def save_kinds(request: Request, viewer: AdminPage, ctx: AdminContext, form: CheckedForm,
               app: ServicesDep) -> Response:
    rows = _rows(form)
    kept = [r for r in rows if not r["remove"] and any((r["key"], r["emoji"], r["words"]))]
    try:
        # The services are needed for the registry: the core validates and saves settings.
        service.set_kinds(ctx, app.registry,
                          [{k: r[k] for k in ("key", "emoji", "words")} for r in kept])
    except Unprocessable as exc:
        # Nothing was written: the settings are validated before anything is saved.
        problems = [exc.detail] if isinstance(exc.detail, str) else [_describe(e, kept)
                                                                     for e in exc.detail]
        return render(request, "gratitude_kinds.html", viewer, status=422, rows=kept,
                      settings=ctx.settings, saved=False, problems=problems)
    return RedirectResponse(f"/ui/forums/{ctx.forum.slug}/gratitude?saved=1", status_code=303)


def _rows(form: dict[str, Any]) -> list[dict[str, Any]]:
    count = int(str(form.get("rows", "0")) or 0)
    rows = []
    for i in [*(str(n) for n in range(min(count, 50))), "new"]:
        rows.append({
            "key": str(form.get(f"key-{i}", "")).strip(),
            "emoji": str(form.get(f"emoji-{i}", "")).strip(),
            "words": str(form.get(f"words-{i}", "")).strip(),
            "remove": f"remove-{i}" in form,
        })
    return rows


def _describe(error: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    loc = [str(p) for p in error.get("loc", [])][1:]  # drop "body"
    msg = str(error.get("msg", "")).removeprefix("Value error, ")
    if error.get("type") == "string_pattern_mismatch":
        msg = "use lower-case letters, digits and _ only, for example thank_you"
    if len(loc) >= 3 and loc[0] == "kinds" and loc[1].isdigit():
        index = int(loc[1])
        name = rows[index]["words"] or rows[index]["key"] if index < len(rows) else ""
        return f"Reaction {index + 1} ({name or 'no words yet'}), {loc[2]}: {msg}"
    if loc == ["kinds"]:
        return f"The set: {msg}"
    return msg
