"""Security headers on pages and API answers; no inline script in any page; /docs is local."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from forumkit.app import create_app
from forumkit.services import Services
from tests.support.pages import sign_in
from tests.support.world import World

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted([*ROOT.glob("forumkit/web/templates/*.html"),
                    *ROOT.glob("plugins/*/templates/*.html")])


def _policy(response) -> dict[str, str]:
    directives = [d.strip().split(None, 1) for d in
                  response.headers["content-security-policy"].split(";")]
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives if d}


def _assert_common(response) -> None:
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert _policy(response)["frame-ancestors"] == "'none'"


def test_pages_carry_a_csp_without_inline_script_and_the_other_headers(world: World) -> None:
    sign_in(world.client, world.keys["calm:admin"])
    for path in ("/ui/sign-in", "/ui/forums/calm", "/ui/forums/calm/alerts",
                 "/ui/forums/calm/alerts/stats", "/ui/forums/nowhere", "/ui/static/app.css"):
        response = world.client.get(path)
        assert response.status_code in (200, 404), path
        _assert_common(response)
        policy = _policy(response)
        assert policy["script-src"] == "'self'", path
        assert policy["style-src"] == "'self'", path
        assert "unsafe-inline" not in response.headers["content-security-policy"], path
        assert "strict-transport-security" not in response.headers, "public_url is http"


def test_api_answers_carry_headers_too(world: World) -> None:
    for response in (world.client.get("/healthz"),
                     world.client.get("/v1/forums/calm/alerts"),  # 401, no key
                     world.client.get("/v1/forums/calm/plugins", headers=world.auth("calm:admin"))):
        _assert_common(response)
        assert _policy(response)["default-src"] == "'none'"


def test_hsts_only_when_the_public_url_is_https(services: Services) -> None:
    services.settings.public_url = "https://care.forum.example"
    with TestClient(create_app(services=services, run_scheduler=False)) as client:
        for path in ("/ui/sign-in", "/healthz"):
            assert client.get(path).headers["strict-transport-security"] == "max-age=31536000"


def test_no_template_has_inline_script_style_or_handlers() -> None:
    assert len(TEMPLATES) >= 10
    for template in TEMPLATES:
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template.name
        assert not re.search(r"<style\b", text), template.name
        assert not re.search(r"\sstyle=", text), template.name
        assert not re.search(r"\son[a-z]+\s*=", text), template.name


def test_docs_use_only_local_assets_that_answer(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    _assert_common(page)
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    assert _policy(page)["script-src"] == "'self'"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text), "no inline script"
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert len(assets) >= 3
    for url in assets:
        assert url.startswith("/") and not url.startswith("//"), url
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/redoc").status_code == 404, "ReDoc would load from the internet"
