"""The pages and /docs in Chromium under their Content-Security-Policy: nothing refused,
nothing fetched from outside the service, scripts and styles still working."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from playwright.sync_api import expect

from tests.plugins.unanswered.support import advance, configure, post_created
from tests.support.browser import browser_page, live_server, screenshot, sign_in, start_browser
from tests.support.pages import PAGES
from tests.support.world import World

pytestmark = pytest.mark.slow
RULE = {"rule": {"peer_window_minutes": 60,
                 "escalation": [{"after_minutes": 240, "channels": ["moderators"]}]},
        "new_member_posts": 1, "stale_after_days": 30}


class Watch:
    """Console messages and page errors, and requests that tried to leave the machine."""

    def __init__(self, page: Any) -> None:
        self.console: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.route("**/*", self._only_loopback)

    def _only_loopback(self, route: Any) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def csp_violations(self) -> list[str]:
        return [m for m in self.console
                if "Content Security Policy" in m or "Refused to" in m or "pageerror" in m]


@pytest.fixture(scope="module")
def docs(app_for_tests: FastAPI) -> Iterator[tuple[Any, Watch]]:
    """/docs in Chromium, loaded once for the tests that look at it at a desktop's width and
    at a phone's: Swagger UI takes two to three seconds to read and draw the document."""
    start_browser()
    with live_server(app_for_tests) as site, browser_page() as page:
        watch = Watch(page)
        page.goto(f"{site}/docs")
        # The page opens with its sections (tags) closed; opening one draws its operations.
        page.locator(".opblock-tag", has_text="ingest").click()
        events = page.locator(".opblock-summary-path", has_text="/v1/forums/{forum}/events")
        events.first.wait_for()
        assert events.first.is_visible()
        yield page, watch


def test_docs_render_without_internet(docs: tuple[Any, Watch]) -> None:
    page, watch = docs
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("ForumKit")
    # What a person sees first (the whole page, 71 operations long, takes seconds to draw).
    screenshot(page, "docs-1280-top", whole=False)
    assert watch.outside == []
    assert watch.csp_violations() == []


def test_docs_open_an_operation_on_a_phone(docs: tuple[Any, Watch]) -> None:
    page, watch = docs
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "docs-390-top", whole=False)
    # An operation opens, drawn by Swagger UI's own styles (a small one: the events
    # operation's schema alone takes a second to draw).
    page.locator(".opblock-tag", has_text="content_warnings").click()
    page.locator(".opblock-summary-path", has_text="/v1/forums/{forum}/labels").first.click()
    page.locator(".opblock-body .parameters").first.wait_for()
    assert page.locator(".opblock-body .parameters").first.is_visible()
    assert watch.outside == []
    assert watch.csp_violations() == []


def _an_open_alert(world: World) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1", category_id="c-anxiety",
                             url="https://forum.example/t/1")])
    advance(world, minutes=61)


@pytest.mark.parametrize("half", [0, 1])
def test_pages_work_under_their_csp(world: World, site: str, half: int) -> None:
    # The pages in two halves, each a test of its own: a page takes up to half a second.
    _an_open_alert(world)
    with browser_page(viewport={"width": 1200, "height": 900}) as page:
        watch = Watch(page)
        sign_in(page, site, world.keys["calm:admin"], lands_on="/ui/forums/calm")
        for path in PAGES[half::2]:
            page.goto(f"{site}/ui/forums/calm{path}")
            assert page.locator("h1").first.is_visible(), path
        assert watch.outside == []
        assert watch.csp_violations() == []


def test_a_plugins_own_style_and_script_work_under_the_csp(world: World, site: str) -> None:
    _an_open_alert(world)
    with browser_page(viewport={"width": 1200, "height": 900}) as page:
        watch = Watch(page)
        page.clock.install()
        sign_in(page, site, world.keys["calm:admin"], lands_on="/ui/forums/calm")
        page.goto(f"{site}/ui/forums/calm/alerts")
        badge = page.locator(".badge-new").first
        assert badge.evaluate("el => getComputedStyle(el).backgroundColor") == (
            "rgb(255, 244, 214)"), "the plugin's own stylesheet applies"
        assert page.locator("#counts-note").inner_text() == ""
        page.clock.run_for(16_000)  # the counts refresh, by the plugin's script file
        expect(page.locator("#counts-note")).to_have_text(re.compile(r"^\(updated "))
        assert page.locator('[data-count="open"]').inner_text() == "1"
        screenshot(page, "alerts-under-csp")
        assert watch.outside == []
        assert watch.csp_violations() == []
