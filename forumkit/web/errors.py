"""Errors on pages are pages: sign-in for a missing session, a plain message otherwise.

The core's error mapping (forumkit/errors.py) calls `error_page` for every error under /ui.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from forumkit.errors import ForumKitError
from forumkit.web.deps import SignInNeeded, render, sign_in_url


def error_page(request: Request, exc: ForumKitError, status: int) -> Response:
    if isinstance(exc, SignInNeeded):
        return RedirectResponse(sign_in_url(str(exc.detail)), status_code=303)
    return render(request, "message.html", None, status=status, message=str(exc.detail))
