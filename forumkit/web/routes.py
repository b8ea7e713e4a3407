"""Core pages: sign-in and sign-out, forums, plugin settings, keys, the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from forumkit.audit import service as audit
from forumkit.deps import ServicesDep, SessionDep
from forumkit.errors import Unprocessable
from forumkit.forums import repository as forums
from forumkit.forums import service as forum_service
from forumkit.keys import service as keys
from forumkit.keys.models import Scope
from forumkit.web import sessions
from forumkit.web.deps import AdminPage, ModeratorPage, SignedIn, Viewer, check_csrf, render
from forumkit.web.forms import fields_for, read_form

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.get("/")
def home(request: Request, viewer: SignedIn, session: SessionDep) -> Response:
    if viewer.key.forum_id is not None:
        forum = next(f for f in forums.all_forums(session) if f.id == viewer.key.forum_id)
        return RedirectResponse(f"/ui/forums/{forum.slug}", status_code=303)
    return render(request, "forums.html", viewer, forums=forums.all_forums(session))


@router.get("/sign-in")
def sign_in_page(request: Request, next: str = "/ui/") -> Response:
    return render(request, "sign_in.html", None, next=_safe_next(next), error=None)


@router.post("/sign-in")
def sign_in(request: Request, session: SessionDep, app: ServicesDep,
            key: Annotated[str, Form(max_length=200)] = "",
            next: Annotated[str, Form(max_length=500)] = "/ui/") -> Response:
    found = keys.find_active(session, key.strip())
    if found is None or found.scope == Scope.platform.value:
        error = ("That key was not recognised." if found is None else
                 "Platform keys are for the forum's server. Sign in with a moderator or "
                 "admin key.")
        return render(request, "sign_in.html", None, status=401, next=_safe_next(next),
                      error=error)
    web, token = sessions.start(session, found, app.clock.now())
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        sessions.COOKIE, token, httponly=True, samesite="strict", path="/ui",
        secure=app.settings.public_url.startswith("https://"),
        max_age=int(sessions.LIFETIME.total_seconds()),
    )
    return response


@router.post("/sign-out")
async def sign_out(request: Request, viewer: SignedIn, session: SessionDep) -> Response:
    await check_csrf(request, viewer)
    sessions.end(session, request.cookies.get(sessions.COOKIE, ""))
    response = RedirectResponse("/ui/sign-in", status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/ui")
    return response


@router.get("/forums/{forum}")
def forum_home(request: Request, viewer: ModeratorPage) -> Response:
    return render(request, "forum.html", viewer)


@router.get("/forums/{forum}/plugins")
def plugins_page(request: Request, viewer: AdminPage, session: SessionDep,
                 app: ServicesDep, saved: str | None = None) -> Response:
    assert viewer.forum is not None
    states = forum_service.plugin_states(session, app.registry, viewer.forum)
    cards = [(s, fields_for(s["schema"], s["settings"])) for s in states]
    return render(request, "plugins.html", viewer, cards=cards, saved=saved)


@router.post("/forums/{forum}/plugins/{plugin}")
async def save_plugin(request: Request, plugin: str, viewer: AdminPage, session: SessionDep,
                      app: ServicesDep) -> Response:
    assert viewer.forum is not None
    form = await check_csrf(request, viewer)
    states = {s["name"]: s for s in forum_service.plugin_states(session, app.registry,
                                                                  viewer.forum)}
    if plugin not in states:
        return render(request, "message.html", viewer, status=404,
                      message=f"There is no plugin called {plugin!r}.")
    schema = states[plugin]["schema"]
    values, problems = read_form(schema, form)
    if not problems:
        try:
            forum_service.set_plugin(
                session, app.registry, viewer.forum, plugin, enabled="enabled" in form,
                settings=values, actor=viewer.actor, now=app.clock.now(),
                outbound=app.outbound,
            )
            return RedirectResponse(
                f"/ui/forums/{viewer.forum.slug}/plugins?saved={plugin}#plugin-{plugin}",
                status_code=303,
            )
        except Unprocessable as exc:
            problems = _field_errors(exc)
    cards = []
    for name, state in states.items():
        if name == plugin:
            state = {**state, "enabled": "enabled" in form}
            cards.append((state, fields_for(schema, values, problems)))
        else:
            cards.append((state, fields_for(state["schema"], state["settings"])))
    session.rollback()
    return render(request, "plugins.html", viewer, status=422, cards=cards, saved=None,
                  failed=plugin)


def _field_errors(exc: Unprocessable) -> dict[str, str]:
    problems: dict[str, str] = {}
    if isinstance(exc.detail, str):
        return {"": exc.detail}
    for item in exc.detail:
        loc = [str(p) for p in item.get("loc", [])][2:]  # drop "body", "settings"
        name = loc[0] if loc else ""
        where = " → ".join(loc[1:])
        text = f"{where}: {item.get('msg')}" if where else str(item.get("msg"))
        problems[name] = f"{problems[name]} {text}" if name in problems else text
    return problems


@router.get("/forums/{forum}/audit")
def audit_page(request: Request, viewer: AdminPage, session: SessionDep,
               before_id: int | None = None) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    entries = audit.list_entries(session, viewer.forum.id, limit=50, before_id=before_id)
    return render(request, "audit.html", viewer, entries=entries)


@router.get("/forums/{forum}/keys")
def keys_page(request: Request, viewer: AdminPage, session: SessionDep) -> Response:
    assert viewer.forum is not None
    return render(request, "keys.html", viewer, keys=keys.list_keys(session, viewer.forum.id),
                  new_key=None)


@router.post("/forums/{forum}/keys")
async def keys_change(request: Request, viewer: AdminPage, session: SessionDep,
                      app: ServicesDep) -> Response:
    assert viewer.forum is not None
    form = await check_csrf(request, viewer)
    now = app.clock.now()
    new_key = None
    if form.get("revoke"):
        key = keys.revoke(session, int(str(form["revoke"])), viewer.forum.id, now)
        if key is not None:
            audit.record(session, forum_id=viewer.forum.id, actor=viewer.actor,
                         action="key.revoke", subject=f"key:{key.id}", at=now)
    else:
        scope = Scope(str(form.get("scope", "moderator")))
        label = str(form.get("label", ""))[:200]
        made, new_key = keys.create_key(session, scope=scope, forum_id=viewer.forum.id,
                                        now=now, label=label)
        audit.record(session, forum_id=viewer.forum.id, actor=viewer.actor,
                     action="key.create", subject=f"key:{made.id}", at=now,
                     after={"scope": made.scope, "label": made.label})
    session.flush()
    return render(request, "keys.html", viewer, keys=keys.list_keys(session, viewer.forum.id),
                  new_key=new_key)


def _safe_next(path: str) -> str:
    # Only paths inside /ui: never send a signed-in person to another site.
    return path if path.startswith("/ui/") and not path.startswith("//") else "/ui/"


__all__ = ["router", "Viewer"]
