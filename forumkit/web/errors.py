"""Errors on pages are pages: sign-in for a missing session, a plain message otherwise."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.responses import Response

from forumkit.errors import ForumKitError
from forumkit.web.deps import SignInNeeded, render, sign_in_url


def install(app: FastAPI) -> None:
    """Replace the JSON error handler with one that answers pages under /ui in HTML."""

    @app.exception_handler(ForumKitError)
    async def _handle(request: Request, exc: ForumKitError) -> Response:
        if not request.url.path.startswith("/ui"):
            headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=headers)
        if isinstance(exc, SignInNeeded):
            return RedirectResponse(sign_in_url(str(exc.detail)), status_code=303)
        return render(request, "message.html", None, status=exc.status_code,
                      message=str(exc.detail))
