"""Core pages: sign-in and sign-out, forums, plugin settings, keys, the audit log."""

from __future__ import annotations

import hmac
import math
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from forumkit.audit import service as audit
from forumkit.deps import ServicesDep, SessionDep
from forumkit.errors import NotFound, Unprocessable
from forumkit.forums import repository as forums
from forumkit.forums import service as forum_service
from forumkit.inputs import RowId, whole_number
from forumkit.keys import service as keys
from forumkit.keys.models import Scope
from forumkit.services import Services
from forumkit.web import sessions
from forumkit.web.deps import AdminPage, CheckedForm, ModeratorPage, SignedIn, Viewer, render
from forumkit.web.forms import fields_for, read_form
from forumkit.web.throttle import SignInThrottle

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.get("/")
def home(request: Request, viewer: SignedIn, session: SessionDep) -> Response:
    if viewer.key.forum_id is not None:
        forum = next(f for f in forums.all_forums(session) if f.id == viewer.key.forum_id)
        return RedirectResponse(f"/ui/forums/{forum.slug}", status_code=303)
    return render(request, "forums.html", viewer, forums=forums.all_forums(session))


@router.get("/sign-in")
def sign_in_page(request: Request, app: ServicesDep, next: str = "/ui/") -> Response:
    return _sign_in_form(request, app, 200, next, None)


@router.post("/sign-in")
def sign_in(request: Request, session: SessionDep, app: ServicesDep,
            key: Annotated[str, Form(max_length=200)] = "",
            next: Annotated[str, Form(max_length=500)] = "/ui/",
            csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    address = request.client.host if request.client else "unknown"
    wait = throttle.retry_after(address)
    if wait is not None:
        minutes = max(1, math.ceil(wait / 60))
        response = _sign_in_form(
            request, app, 429, next,
            f"Too many sign-ins failed. Try again in {minutes} minute"
            f"{'' if minutes == 1 else 's'}.")
        response.headers["Retry-After"] = str(wait)
        return response
    expected = request.cookies.get(sessions.SIGN_IN_COOKIE, "")
    if not expected or not hmac.compare_digest(csrf, expected):
        return _sign_in_form(request, app, 403, next,
                             "This form has expired. Enter your key again.")
    found = keys.find_active(session, key.strip())
    if found is None or found.scope == Scope.platform.value:
        if found is None:
            throttle.failed(address)
        error = ("That key was not recognised." if found is None else
                 "Platform keys are for the forum's server. Sign in with a moderator or "
                 "admin key.")
        return _sign_in_form(request, app, 401, next, error)
    throttle.succeeded(address)
    web, token = sessions.start(session, found, app.clock.now())
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        sessions.COOKIE, token, httponly=True, samesite="strict", path="/ui",
        secure=app.settings.public_url.startswith("https://"),
        max_age=int(sessions.LIFETIME.total_seconds()),
    )
    response.delete_cookie(sessions.SIGN_IN_COOKIE, path=sessions.SIGN_IN_PATH)
    return response


def _sign_in_form(request: Request, app: Services, status: int, next: str,
                  error: str | None) -> Response:
    """The sign-in page with a fresh form token, also set in its cookie."""
    token = sessions.form_token()
    response = render(request, "sign_in.html", None, status=status, next=_safe_next(next),
                      error=error, csrf=token)
    response.set_cookie(
        sessions.SIGN_IN_COOKIE, token, httponly=True, samesite="strict",
        path=sessions.SIGN_IN_PATH, secure=app.settings.public_url.startswith("https://"),
        max_age=int(sessions.SIGN_IN_FORM_LIFETIME.total_seconds()),
    )
    return response


@router.post("/sign-out")
def sign_out(request: Request, viewer: SignedIn, session: SessionDep,
             form: CheckedForm) -> Response:
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
def save_plugin(request: Request, plugin: str, viewer: AdminPage, session: SessionDep,
                app: ServicesDep, form: CheckedForm) -> Response:
    assert viewer.forum is not None
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
               before_id: RowId | None = None) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    entries = audit.list_entries(session, viewer.forum.id, limit=50, before_id=before_id)
    return render(request, "audit.html", viewer, entries=entries)


@router.get("/forums/{forum}/keys")
def keys_page(request: Request, viewer: AdminPage, session: SessionDep) -> Response:
    assert viewer.forum is not None
    return render(request, "keys.html", viewer, keys=keys.list_keys(session, viewer.forum.id),
                  new_key=None)


@router.post("/forums/{forum}/keys")
def keys_change(request: Request, viewer: AdminPage, session: SessionDep, app: ServicesDep,
                form: CheckedForm) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    now, new_key, problem = app.clock.now(), None, None
    try:
        if form.get("revoke"):
            keys.withdraw(session, key_id=_key_id(form["revoke"]), forum_id=viewer.forum.id,
                          actor=viewer.actor, now=now)
        else:
            _, new_key = keys.issue(session, forum_id=viewer.forum.id,
                                    scope=_scope(form.get("scope", "moderator")),
                                    label=str(form.get("label", ""))[:200], actor=viewer.actor,
                                    now=now)
    except (NotFound, Unprocessable) as exc:
        session.rollback()
        problem = str(exc.detail)
    session.flush()
    return render(request, "keys.html", viewer, status=422 if problem else 200,
                  keys=keys.list_keys(session, viewer.forum.id), new_key=new_key,
                  problem=problem)


def _key_id(value: object) -> int:
    key_id = whole_number(value, low=1)
    if key_id is None:
        raise Unprocessable("Choose a key from the list to revoke.")
    return key_id


def _scope(value: object) -> Scope:
    try:
        return Scope(str(value))
    except ValueError:
        raise Unprocessable(
            "Choose a scope for the new key: platform, moderator or admin.") from None


def _safe_next(path: str) -> str:
    # Only paths inside /ui: never send a signed-in person to another site.
    return path if path.startswith("/ui/") and not path.startswith("//") else "/ui/"


__all__ = ["router", "Viewer"]
