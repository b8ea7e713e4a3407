"""What routes declare they need: the services, a session, and an authorised forum.

Order of checks: no or unknown key 401; a forum this key may not see (or none) 404;
a key without the scope 403. A key of forum A learns nothing about forum B.
"""


from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from forumkit.context import PluginContext
from forumkit.db import session_scope
from forumkit.errors import Forbidden, NotFound, Unauthorized
from forumkit.forums import repository as forums
from forumkit.forums.models import Forum
from forumkit.inputs import Text
from forumkit.keys import service as keys
from forumkit.keys.models import ApiKey, Scope
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


def _key(session: Session, credentials: HTTPAuthorizationCredentials | None) -> ApiKey:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("an API key is required: Authorization: Bearer <key>")
    key = keys.find_active(session, credentials.credentials)
    if key is None:
        raise Unauthorized("this API key is unknown or revoked")
    return key


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
        if found is None or (key.forum_id is not None and key.forum_id != found.id):
            raise NotFound(f"no forum {forum!r} for this key")
        if not keys.allows(key, scope):
            raise Forbidden(f"this key has scope {key.scope!r}; this route needs {scope.value!r}")
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
    session_dep = _read_session if read_only else _session
    checked = Depends(forum_access(scope, read_only=read_only))

    def dependency(
        app: ServicesDep, session: Session = session_dep, access: Access = checked
    ) -> Iterator[PluginContext[Any]]:
        ctx = app.registry.context(session, access.forum, plugin, app.clock.now(),
                                   access.actor)
        yield ctx
        outbox.queue_emitted(ctx)

    dependency.forumkit_plugin = plugin  # type: ignore[attr-defined]  # checked at start-up
    return dependency


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
