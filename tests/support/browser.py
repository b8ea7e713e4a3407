"""A live server for the pages and headless Chromium to drive them (Debian's package).

Screenshots land in artifacts/screenshots/ so a person can look at each page after a run.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

# Debian's Chromium in its headless shell (package chromium-headless-shell): the same engine
# without the desktop browser's windows, which cost a page three times the CPU; the full
# browser where the shell is not installed.
CHROMIUM = (shutil.which("chromium-headless-shell") or shutil.which("chromium")
            or "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def chromium_or_skip() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium-headless-shell)")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                           access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


_running: dict[str, Any] = {}  # one Chromium for the whole run: starting it costs a second


def _browser(executable: str) -> Any:
    if "browser" not in _running:
        from playwright.sync_api import sync_playwright

        driver = sync_playwright().start()
        _running["driver"] = driver
        _running["browser"] = driver.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                  "--disable-component-update", "--no-first-run"],
        )
    return _running["browser"]


def start_browser() -> None:
    """Start the run's Chromium if it is not running (or skip the test without it)."""
    _browser(chromium_or_skip())


def close_browser() -> None:
    if "browser" in _running:
        _running.pop("browser").close()
        _running.pop("driver").stop()


@contextmanager
def browser_page(viewport: dict[str, int] | None = None) -> Iterator[Any]:
    """A page in a fresh browser context (its own cookies and storage) of the run's
    Chromium."""
    context = _browser(chromium_or_skip()).new_context(
        viewport=viewport or {"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


def screenshot(page: Any, name: str, *, whole: bool = True) -> Path:
    """The page (whole, or what the window shows) as artifacts/screenshots/NAME.png, to
    look at, when FORUMKIT_SCREENSHOTS=1 (a picture costs a browser test up to a second)."""
    path = SHOTS / f"{name}.png"
    if os.environ.get("FORUMKIT_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=whole)
    return path


def sign_in(page: Any, site: str, key: str, *, lands_on: str | None = None) -> None:
    """Sign in on the sign-in page with a key; wait for `lands_on` (a path) if given."""
    page.goto(f"{site}/ui/")
    page.get_by_label("Your moderator or admin key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    if lands_on is not None:
        page.wait_for_url(f"{site}{lands_on}")
