"""Who is looking at a page, what they may do, and rendering with the shared layout.

A page needs a signed-in session whose key belongs to the forum in the URL (or is an
operator key) and holds the page's scope. Forms carry a CSRF token checked on every POST;
the cookie is HttpOnly and SameSite=Strict as well.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from sqlmodel import Session
from starlette.responses import Response

from forumkit.context import PluginContext
from forumkit.deps import SessionDep
from forumkit.errors import Forbidden, ForumKitError, NotFound, Unprocessable
from forumkit.forums import repository as forums
from forumkit.forums.models import Forum
from forumkit.inputs import storable, unstorable_at
from forumkit.keys import service as keys
from forumkit.keys.models import ApiKey, Scope
from forumkit.links import safe_link
from forumkit.outbox import service as outbox
from forumkit.services import Services
from forumkit.web import sessions
from forumkit.web.models import WebSession

CORE_TEMPLATES = Path(__file__).parent / "templates"


def page_templates(*folders: Path) -> Jinja2Templates:
    """Templates looked up in these folders first (a plugin's own), then in the core's, so a
    plugin's page can extend the shared layout."""
    loader = ChoiceLoader([FileSystemLoader(str(f)) for f in (*folders, CORE_TEMPLATES)])
    env = Environment(loader=loader, autoescape=select_autoescape(["html"]))
    # `{{ post.url | safe_link }}` is the url if it is http(s), else None: a url stored by
    # an older version may be anything, and only http(s) may become an href.
    env.filters["safe_link"] = safe_link
    return Jinja2Templates(env=env)


templates = page_templates()


class SignInNeeded(ForumKitError):
    """No signed-in session: the page sends the browser to sign in (303), then back here."""


@dataclass
class Viewer:
    key: ApiKey
    web: WebSession
    forum: Forum | None = None

    def can(self, scope: str) -> bool:
        return keys.allows(self.key, Scope(scope))

    @property
    def actor(self) -> str:
        return f"key:{self.key.id}"


UNSTORABLE = ("The address holds characters that cannot be kept (a NUL character or an "
              "unpaired surrogate). Go back and follow a link on the page.")


def storable_address(request: Request) -> None:
    """Pages read their path and query as text that goes to the database: it must be
    storable (forumkit/inputs.py), or the page answers 422."""
    texts = [request.scope["path"], *request.query_params.keys(), *request.query_params.values()]
    if not all(storable(text) for text in texts):
        raise Unprocessable(UNSTORABLE)


def storable_form(form: dict[str, Any]) -> dict[str, Any]:
    bad = sorted({str(loc[0]) for loc in unstorable_at(form) if loc})
    if bad:
        raise Unprocessable(
            "The form holds characters that cannot be kept (a NUL character or an unpaired "
            f"surrogate) in: {', '.join(bad)}. Remove them and send it again.")
    return form


def _viewer(request: Request, session: Session) -> Viewer:
    storable_address(request)
    services: Services = request.app.state.services
    token = request.cookies.get(sessions.COOKIE)
    found = sessions.find(session, token, services.clock.now()) if token else None
    if found is None:
        raise SignInNeeded(request.url.path)
    web, key = found
    return Viewer(key=key, web=web)


def signed_in(request: Request, session: SessionDep) -> Viewer:
    return _viewer(request, session)


def page_access(scope: Scope) -> Callable[..., Viewer]:
    return _page_access(scope)


@cache  # one callable per scope, so a page asking twice resolves it once per request
def _page_access(scope: Scope) -> Callable[..., Viewer]:
    def dependency(forum: str, request: Request, session: SessionDep) -> Viewer:
        viewer = _viewer(request, session)
        found = forums.by_slug(session, forum)
        if found is None or viewer.key.forum_id not in (None, found.id):
            raise NotFound(f"There is no forum {forum!r} for this key.")
        if not keys.allows(viewer.key, scope):
            raise Forbidden(f"This page needs a {scope.value} key.")
        viewer.forum = found
        return viewer

    return dependency


def page_context(plugin: str, scope: Scope) -> Any:
    """`Depends` for a plugin page's context: the signed-in viewer of `scope` on the forum in
    the path, then 404 when the plugin is switched off there. The actions the page emits
    reach the outbox just before its unit of work commits."""
    return Depends(_page_context(plugin, scope), scope="function")


@cache
def _page_context(plugin: str, scope: Scope) -> Callable[..., Any]:
    # The access check is a default value, not in the annotation: annotations are read as
    # text in this module's globals, where `scope` is unknown.
    access = Depends(page_access(scope))

    def dependency(
        session: SessionDep, request: Request, viewer: Viewer = access
    ) -> Iterator[PluginContext[Any]]:
        services: Services = request.app.state.services
        assert viewer.forum is not None
        ctx = services.registry.context(session, viewer.forum, plugin, services.clock.now(),
                                        viewer.actor)
        yield ctx
        outbox.queue_emitted(ctx)

    dependency.forumkit_plugin = plugin  # type: ignore[attr-defined]  # checked at start-up
    return dependency


async def submitted_form(request: Request) -> dict[str, Any]:
    """The submitted form, read on the event loop; no database work may happen here."""
    form = await request.form()
    return storable_form(
        {k: form.getlist(k) if len(form.getlist(k)) > 1 else form.get(k) for k in form})


def checked_form(
    form: Annotated[dict[str, Any], Depends(submitted_form)],
    viewer: Annotated[Viewer, Depends(signed_in)],
) -> dict[str, Any]:
    """The submitted form, once its CSRF token matched the signed-in session's."""
    if not hmac.compare_digest(str(form.get("csrf", "")), viewer.web.csrf_token):
        raise Forbidden("This form has expired. Go back, reload the page and try again.")
    return form


async def check_csrf(request: Request, viewer: Viewer) -> dict[str, Any]:
    """The submitted form, after its CSRF token matched the session's."""
    form = await request.form()
    given = str(form.get("csrf", ""))
    if not hmac.compare_digest(given, viewer.web.csrf_token):
        raise Forbidden("This form has expired. Go back, reload the page and try again.")
    return storable_form(
        {k: form.getlist(k) if len(form.getlist(k)) > 1 else form.get(k) for k in form})


def render(request: Request, template: str, viewer: Viewer | None, status: int = 200, *,
           using: Jinja2Templates = templates, **context: Any) -> Response:
    services: Services = request.app.state.services
    nav = []
    if viewer and viewer.forum:
        for plugin in services.registry.plugins.values():
            for title, path, scope in plugin.nav():
                if viewer.can(scope):
                    nav.append((title, f"/ui/forums/{viewer.forum.slug}/{path}"))
    return using.TemplateResponse(
        request, template, {"viewer": viewer, "plugin_nav": nav, **context}, status_code=status
    )


def sign_in_url(next_path: str) -> str:
    return "/ui/sign-in?next=" + quote(next_path)


ModeratorPage = Annotated[Viewer, Depends(page_access(Scope.moderator))]
AdminPage = Annotated[Viewer, Depends(page_access(Scope.admin))]
SignedIn = Annotated[Viewer, Depends(signed_in)]
CheckedForm = Annotated[dict[str, Any], Depends(checked_form)]
