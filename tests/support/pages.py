"""Signing in to the pages without a browser, the way the sign-in form does it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from httpx import Response

# The pages of forum calm under /ui/forums/calm: the moderators' four, then the admins'.
PAGES = ["", "/alerts", "/content-warnings/suggestions", "/helper-care",
         "/plugins", "/keys", "/audit", "/deliveries", "/content-warnings",
         "/alerts/setup", "/alerts/stats", "/gratitude", "/feedback"]

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def sign_in_form_token(client: TestClient) -> str:
    """Open the sign-in page (which sets its cookie) and read the form's CSRF token."""
    page = client.get("/ui/sign-in")
    found = _CSRF.search(page.text)
    assert found is not None, "the sign-in form carries a CSRF token"
    return found.group(1)


def sign_in(client: TestClient, key: str, next_path: str = "/ui/") -> Response:
    token = sign_in_form_token(client)
    return client.post("/ui/sign-in", data={"key": key, "next": next_path, "csrf": token},
                       follow_redirects=False)


def signed_in_form_token(client: TestClient, key: str, page: str = "/ui/forums/calm") -> str:
    """Sign in with `key`, then read the CSRF token of the forms on `page`."""
    assert sign_in(client, key).status_code == 303
    found = _CSRF.search(client.get(page).text)
    assert found is not None, f"{page} has a form with its CSRF token"
    return found.group(1)
