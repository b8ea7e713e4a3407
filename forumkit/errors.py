"""Errors as domain types, turned into answers in one place (`install`).

Services raise what went wrong (not found, conflict, invalid field, ...); this module alone
decides the HTTP status, the JSON error body for the API and the error page for `/ui`.
Anything unexpected is logged with its traceback under an error id, and the answer names
that id and nothing else; a database that cannot be reached answers 503 with Retry-After.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("forumkit.errors")
RETRY_AFTER_SECONDS = 5  # what a client is told to wait while the database is unreachable


class ErrorBody(BaseModel):
    """Every error: a message, or for invalid input a list naming each field."""

    detail: str | list[dict[str, object]]


class ForumKitError(Exception):
    def __init__(self, detail: str | list[dict[str, Any]]) -> None:
        super().__init__(detail if isinstance(detail, str) else "invalid fields")
        self.detail = detail


class BadRequest(ForumKitError):
    """The request cannot be applied."""


class Unauthorized(ForumKitError):
    """No credential, or one that is unknown or revoked."""


class Forbidden(ForumKitError):
    """The credential may not do this."""


class NotFound(ForumKitError):
    """No such thing, for this caller (another forum's things are not found either)."""


class Conflict(ForumKitError):
    """Conflicts with what is already recorded."""


class TooLarge(ForumKitError):
    """More than the service takes at once."""


class Unprocessable(ForumKitError):
    """Invalid input: `detail` is a message, or a list naming each bad field (loc, msg, type)."""


class TooMany(ForumKitError):
    """Too many of these for now; `retry_after` says in how many seconds to try again."""

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = max(1, retry_after)


class Unavailable(ForumKitError):
    """A dependency of the service (the database) does not answer; try again shortly."""


STATUS: dict[type[ForumKitError], int] = {
    BadRequest: 400, Unauthorized: 401, Forbidden: 403, NotFound: 404, Conflict: 409,
    TooLarge: 413, Unprocessable: 422, TooMany: 429, Unavailable: 503,
}
DESCRIPTIONS = {
    400: "The request cannot be applied",
    401: "No key, or the key is unknown or revoked",
    403: "The key lacks the scope this route needs",
    404: "No such forum for this key, or no such object",
    409: "Conflicts with what is already recorded",
    413: "The body is larger than the service accepts",
    422: "A field is missing or invalid; `detail` names each one",
    429: "Too many for now; try again after Retry-After seconds",
    503: "The database does not answer, or the service is full; try again after "
         "Retry-After seconds",
}


def status_of(exc: ForumKitError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]  # type: ignore[index]
    return 400


def headers_of(exc: ForumKitError) -> dict[str, str] | None:
    if isinstance(exc, Unauthorized):
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(exc, Unavailable):
        return {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if isinstance(exc, TooMany):
        return {"Retry-After": str(exc.retry_after)}
    return None


# A page for an error under /ui: (request, error) -> the page. The web package provides it.
PageRenderer = Callable[[Request, ForumKitError, int], Response]


class ErrorJSON(JSONResponse):
    """An error body as ASCII JSON: what it quotes of the request (an invalid field's input)
    may hold an unpaired surrogate, which has no UTF-8 form but has a JSON escape."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def install(app: FastAPI, page: PageRenderer | None = None) -> None:
    """Answer domain errors, invalid input and unknown routes as JSON (the API) or as a page
    (under /ui, when `page` is given)."""

    def on_page(request: Request) -> bool:
        return page is not None and request.url.path.startswith("/ui")

    @app.exception_handler(ForumKitError)
    async def _handle(request: Request, exc: ForumKitError) -> Response:
        status = status_of(exc)
        if page is not None and on_page(request):
            return page(request, exc, status)
        return ErrorJSON({"detail": exc.detail}, status_code=status, headers=headers_of(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if page is not None and on_page(request):
            return page(request, Unprocessable(_in_words(exc)), 422)
        return ErrorJSON({"detail": jsonable_encoder(exc.errors())}, status_code=422)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        if page is not None and on_page(request) and exc.status_code >= 400:
            return page(request, ForumKitError(str(exc.detail)), exc.status_code)
        if exc.status_code < 400 or exc.status_code in (204, 304):
            return Response(status_code=exc.status_code, headers=exc.headers)
        return ErrorJSON({"detail": exc.detail}, status_code=exc.status_code,
                         headers=exc.headers)


def _in_words(exc: RequestValidationError) -> str:
    """Invalid input on a page, for a person: which value, and what is wrong with it."""
    problems = []
    for error in exc.errors():
        name = " → ".join(str(p) for p in error.get("loc", ())[1:]) or "the request"
        problems.append(f"{name}: {error.get('msg', 'not valid')}")
    return "This page could not use what was sent. " + "; ".join(problems) + "."


def unreachable_database(exc: BaseException) -> bool:
    """True for errors that mean the database cannot be reached (not a bad statement), or
    that every connection of the pool stayed busy past its timeout (the service is full)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | PoolTimeout)


class CatchAll:
    """Unexpected errors: logged with a traceback under an error id; the answer (JSON, or a
    page under /ui) names the id. An unreachable database answers 503 with Retry-After."""

    def __init__(self, app: ASGIApp, page: PageRenderer | None = None) -> None:
        self.app = app
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            if started:
                raise
            error: ForumKitError
            if unreachable_database(exc):
                log.warning("database unreachable", extra={"error": type(exc).__name__})
                error = Unavailable("the database does not answer; try again shortly")
            else:
                error_id = uuid.uuid4().hex[:12]
                log.exception("unexpected error", extra={"error_id": error_id,
                                                         "route": scope.get("path")})
                error = _Unexpected(error_id)
            await self._answer(scope, receive, send, error)

    async def _answer(self, scope: Scope, receive: Receive, send: Send,
                      error: ForumKitError) -> None:
        status = 500 if isinstance(error, _Unexpected) else status_of(error)
        request = Request(scope, receive)
        if self.page is not None and scope["path"].startswith("/ui"):
            response = self.page(request, error, status)
        else:
            body: dict[str, Any] = {"detail": error.detail}
            if isinstance(error, _Unexpected):
                body["error_id"] = error.error_id
            response = ErrorJSON(body, status_code=status, headers=headers_of(error))
        await response(scope, receive, send)


class _Unexpected(ForumKitError):
    def __init__(self, error_id: str) -> None:
        super().__init__(f"something went wrong on our side; it is logged as {error_id}")
        self.error_id = error_id


def responses(*codes: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI descriptions of the error answers a route may give."""
    return {c: {"description": DESCRIPTIONS[c], "model": ErrorBody} for c in codes}


# Every route that reads a body may answer these, whatever the route: 400 when the body
# cannot be read as JSON text (FastAPI), 413 when it is over the limit (middleware.BodyLimit).
BODY_ERRORS = {400: "The body cannot be read: it is not UTF-8 JSON",
               413: DESCRIPTIONS[413]}


def document_body_errors(app: FastAPI) -> None:
    """List BODY_ERRORS in the OpenAPI document under every operation that takes a body,
    and 429 under every operation of a forum (its keys and webhook are rate-limited)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = build()
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.setdefault(ErrorBody.__name__, ErrorBody.model_json_schema())
        content = {"application/json": {"schema": {
            "$ref": f"#/components/schemas/{ErrorBody.__name__}"}}}
        for path, operations in document.get("paths", {}).items():
            for operation in operations.values():
                answers = operation.setdefault("responses", {})
                if path.startswith(("/v1/forums/{forum}", "/v1/hooks/{forum}")):
                    # Each key, and each forum's webhook, has a rate limit (ratelimit.py).
                    answers.setdefault("429", {"description": DESCRIPTIONS[429],
                                               "content": content})
                if "requestBody" not in operation:
                    continue
                for code, description in BODY_ERRORS.items():
                    answers.setdefault(str(code), {"description": description,
                                                   "content": content})
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
