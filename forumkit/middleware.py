"""ASGI middleware: a cap on request bodies, request metrics and logs by route template, and
security headers on every answer."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from forumkit.metrics import Metrics

log = logging.getLogger("forumkit.http")


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse bodies over `limit` bytes with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = f'{{"detail":"the body is larger than {self.limit} bytes"}}'.encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class Shedding:
    """Admission: `requests_at_once` requests are served at once and the rest wait their
    turn, in order, without a thread or a database connection; one that waited
    `request_queue_seconds` is answered 503 with Retry-After. So no request holds a worker
    thread while it waits for a connection another needs a thread to give back (the
    lock-up of a thread pool larger than the connection pool), a burst queues for a moment
    instead of failing, and under overload clients hear quickly and try again. /healthz
    and /readyz are always answered."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.in_flight = 0
        self.waiting: deque[asyncio.Future[None]] = deque()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in ("/healthz", "/readyz"):
            await self.app(scope, receive, send)
            return
        settings = scope["app"].state.services.settings
        if not await self._admit(settings.requests_at_once, settings.request_queue_seconds):
            body = b'{"detail":"the service is full; try again after Retry-After seconds"}'
            await send({"type": "http.response.start", "status": 503,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"retry-after", b"1"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self._leave()

    async def _admit(self, most: int, patience: float) -> bool:
        if self.in_flight < most and not self.waiting:
            self.in_flight += 1
            return True
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiting.append(turn)
        try:
            await asyncio.wait_for(asyncio.shield(turn), patience)
        except TimeoutError:
            pass
        except BaseException:  # the client went away while it waited
            if turn.done():
                self._leave()  # the place it was handed goes to the next
            else:
                turn.cancel()
                self.waiting.remove(turn)
            raise
        if turn.done():
            return True  # handed its place by a request that ended
        turn.cancel()
        self.waiting.remove(turn)
        return False

    def _leave(self) -> None:
        # The place goes to the longest waiting request, if any; else it is freed.
        while self.waiting:
            turn = self.waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.in_flight -= 1


class RequestMetrics:
    """Counts and times requests into the metrics of the app's services (read per request,
    so the app's services can be replaced without rebuilding its routes)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            elapsed = time.perf_counter() - start
            route = _template(scope)
            metrics: Metrics = scope["app"].state.services.metrics
            metrics.requests.labels(scope["method"], route, str(status)).inc()
            metrics.latency.labels(scope["method"], route).observe(elapsed)
            log.info("request", extra={"method": scope["method"], "route": route,
                                       "status": status, "ms": round(elapsed * 1000, 2)})


def _template(scope: Scope) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


# The pages and /docs load scripts, styles and images from this service only, and never
# run inline script or style; nothing may frame them. API answers are data and need nothing.
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
               "base-uri 'none'; object-src 'none'")
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
PAGE_PREFIXES = ("/ui/", "/docs/")
HSTS = "max-age=31536000"


class SecurityHeaders:
    """Security headers on every answer; a route may set its own and that one stays."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        common = [(b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
                  (b"referrer-policy", b"same-origin")]
        if https:  # only where the service is reached over https: see Settings.public_url
            common.append((b"strict-transport-security", HSTS.encode()))
        self.common = common

    @staticmethod
    def policy(path: str) -> str:
        if path in ("/", "/ui", "/docs") or path.startswith(PAGE_PREFIXES):
            return PAGE_POLICY
        return API_POLICY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = [(b"content-security-policy", self.policy(scope["path"]).encode()),
                  *self.common]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in wanted if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
