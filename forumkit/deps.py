"""What routes declare they need: the services, a session, and an authorised forum.

Order of checks: no or unknown key 401; a forum this key may not see (or none) 404;
a key without the scope 403. A key of forum A learns nothing about forum B.
"""


from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from forumkit.access import ForumView, Grant, grant_of, view_of
from forumkit.context import PluginContext
from forumkit.db import session_scope
from forumkit.errors import Forbidden, NotFound, Unauthorized
from forumkit.forums import repository as forums
from forumkit.forums.models import Forum
from forumkit.inputs import Text
from forumkit.keys import service as keys
from forumkit.keys.models import ApiKey, Scope
from forumkit.messages.texts import SESSION_KEY as OVERRIDES
from forumkit.outbox import service as outbox
from forumkit.services import Services

bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer fk_...`")


async def get_services(request: Request) -> Services:
    # async: it only reads app state, and a sync dependency costs a thread hand-off on
    # every request (it shows in render-hints' p99 on a busy machine).
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_session(app: ServicesDep) -> Iterator[Session]:
    """A read-write unit of work, committed once when the route returns."""
    with session_scope(app.engine) as session:
        yield session


def get_read_session(app: ServicesDep) -> Iterator[Session]:
    """A read-only session for the page-drawing read path."""
    with session_scope(app.reader) as session:
        yield session


# scope="function": the commit happens before the answer is sent, so a client never sees
# success for work that then failed to commit.
_session = Depends(get_session, scope="function")
_read_session = Depends(get_read_session, scope="function")
SessionDep = Annotated[Session, _session]
ReadSessionDep = Annotated[Session, _read_session]


def _plain(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("an API key is required: Authorization: Bearer <key>")
    return credentials.credentials


def _key(session: Session, credentials: HTTPAuthorizationCredentials | None) -> ApiKey:
    key = keys.find_active(session, _plain(credentials))
    if key is None:
        raise Unauthorized(UNKNOWN_KEY)
    return key


UNKNOWN_KEY = "this API key is unknown or revoked"


def _admit(key: keys.Holder, forum_id: int | None, slug: str, scope: Scope) -> None:
    """404 for a forum that is not there or not the key's, then 403 for a missing scope."""
    if forum_id is None or (key.forum_id is not None and key.forum_id != forum_id):
        raise NotFound(f"no forum {slug!r} for this key")
    if not keys.allows(key, scope):
        raise Forbidden(f"this key has scope {key.scope!r}; this route needs {scope.value!r}")


@dataclass
class Access:
    key: ApiKey
    forum: Forum

    @property
    def actor(self) -> str:
        return f"key:{self.key.id}"


def forum_access(scope: Scope, *, read_only: bool = False) -> Callable[..., Access]:
    """A dependency that admits keys of this forum (or the operator) holding `scope`."""
    return _forum_access(scope, read_only)


@cache  # one callable per scope, so a route asking twice resolves it once per request
def _forum_access(scope: Scope, read_only: bool) -> Callable[..., Access]:
    session_dep = _read_session if read_only else _session

    def dependency(
        forum: Annotated[Text, Path(description="The forum's slug", max_length=64)],
        session: Annotated[Session, session_dep],
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        app: ServicesDep,
    ) -> Access:
        key = _key(session, credentials)
        app.limiter.take(f"key:{key.id}")
        found = forums.by_slug(session, forum)
        _admit(key, found.id if found else None, forum, scope)
        assert found is not None
        return Access(key=key, forum=found)

    return dependency


def plugin_context(plugin: str, scope: Scope, *, read_only: bool = False) -> Any:
    """`Depends` for the plugin's context on the forum in the path, for a key of `scope`.

    Its checks come in the usual order (401, 404 for the forum, 403), then 404 when the
    plugin is switched off for the forum. The actions the route emits reach the outbox just
    before the route's unit of work commits.
    """
    return Depends(_context_dependency(plugin, scope, read_only), scope="function")


@cache
def _context_dependency(plugin: str, scope: Scope, read_only: bool) -> Callable[..., Any]:
    if read_only:
        return _read_context_dependency(plugin, scope)
    checked = Depends(forum_access(scope))

    def dependency(
        app: ServicesDep, session: Session = _session, access: Access = checked
    ) -> Iterator[PluginContext[Any]]:
        ctx = app.registry.context(session, access.forum, plugin, app.clock.now(),
                                   access.actor)
        yield ctx
        outbox.queue_emitted(ctx)

    dependency.forumkit_plugin = plugin  # type: ignore[attr-defined]  # checked at start-up
    return dependency


def _read_context_dependency(plugin: str, scope: Scope) -> Callable[..., Any]:
    """The read path's context: the key, the forum and its plugins come from the process's
    copy (forumkit.access), read from the database only when missing or older than
    `access_cache_seconds`. Asynchronous, so that a request costs one hand-off to a thread
    (the route's) rather than one per dependency; nothing here waits on the database unless
    the copy must be read. Its session reads without a transaction (db.statement_engine),
    so ending it waits on nothing either."""

    async def dependency(
        forum: Annotated[Text, Path(description="The forum's slug", max_length=64)],
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        app: ServicesDep,
    ) -> AsyncIterator[PluginContext[Any]]:
        plain = _plain(credentials)
        grant, view = app.access.grant(plain), app.access.view(forum)
        if grant is None or view is None:
            grant, view = await run_in_threadpool(_read_access, app, plain, forum, grant)
        if grant is None:
            raise Unauthorized(UNKNOWN_KEY)
        app.limiter.take(f"key:{grant.id}")
        _admit(grant, view.id if view else None, forum, scope)
        assert view is not None
        # Making a session opens no connection: the route's first query does, in its thread.
        session = Session(app.statement_reader, expire_on_commit=False)
        session.info[OVERRIDES] = {view.id: dict(view.overrides)}
        try:
            ctx = app.registry.context_given(
                session, view.forum(), plugin, view.on, app.clock.now(), f"key:{grant.id}",
                settings=view.settings.get(plugin), capabilities=view.capabilities)
        except BaseException:
            session.close()
            raise
        try:
            yield ctx
            if ctx.actions:  # rare on a read: written in a unit of work of its own
                await run_in_threadpool(_queue_emitted, app, ctx)
        finally:
            session.close()  # no transaction to end: the connection goes back to the pool

    dependency.forumkit_plugin = plugin  # type: ignore[attr-defined]  # checked at start-up
    return dependency


def _read_access(app: Services, plain: str, slug: str,
                 grant: Grant | None) -> tuple[Grant | None, ForumView | None]:
    with session_scope(app.reader) as session:
        if grant is None:
            grant = app.access.keep_grant(plain, grant_of(session, plain))
        if grant is None:
            return None, None
        view = app.access.view(slug) or app.access.keep_view(
            slug, view_of(session, app.registry, slug))
        return grant, view


def _queue_emitted(app: Services, ctx: PluginContext[Any]) -> None:
    """What a read-path route emitted, queued in a write unit of work of its own (the
    route's session has no transaction to write in)."""
    with session_scope(app.engine) as session:
        outbox.queue_emitted(ctx, session)


def operator_key(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> ApiKey:
    key = _key(session, credentials)
    if key.forum_id is not None:
        raise Forbidden("only an operator key (bound to no forum) may do this")
    return key


def any_key(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> ApiKey:
    return _key(session, credentials)


PlatformAccess = Annotated[Access, Depends(forum_access(Scope.platform))]
PlatformReadAccess = Annotated[Access, Depends(forum_access(Scope.platform, read_only=True))]
ModeratorAccess = Annotated[Access, Depends(forum_access(Scope.moderator))]
AdminAccess = Annotated[Access, Depends(forum_access(Scope.admin))]
OperatorKey = Annotated[ApiKey, Depends(operator_key)]
AnyKey = Annotated[ApiKey, Depends(any_key)]
