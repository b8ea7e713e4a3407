"""Errors as types, turned into HTTP answers in one place (`install`)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class ErrorBody(BaseModel):
    """Every error: a message, or for invalid input a list naming each field."""

    detail: str | list[dict[str, object]]


class ForumKitError(Exception):
    status_code = 400

    def __init__(self, detail: str | list[dict[str, Any]]) -> None:
        super().__init__(detail if isinstance(detail, str) else "invalid fields")
        self.detail = detail


class BadRequest(ForumKitError):
    status_code = 400


class Unauthorized(ForumKitError):
    status_code = 401


class Forbidden(ForumKitError):
    status_code = 403


class NotFound(ForumKitError):
    status_code = 404


class Conflict(ForumKitError):
    status_code = 409


class TooLarge(ForumKitError):
    status_code = 413


class Unprocessable(ForumKitError):
    """Invalid input: `detail` is a message, or a list naming each bad field (loc, msg, type)."""

    status_code = 422


def install(app: FastAPI) -> None:
    @app.exception_handler(ForumKitError)
    async def _handle(_request: Request, exc: ForumKitError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)


def responses(*codes: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI descriptions of the error answers a route may give."""
    text = {
        400: "The request cannot be applied",
        401: "No key, or the key is unknown or revoked",
        403: "The key lacks the scope this route needs",
        404: "No such forum for this key, or no such object",
        409: "Conflicts with what is already recorded",
        413: "The body is larger than the service accepts",
        422: "A field is missing or invalid; `detail` names each one",
    }
    return {c: {"description": text[c], "model": ErrorBody} for c in codes}

