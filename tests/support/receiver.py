"""A real HTTP server on loopback that records what it is sent and answers as scripted."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Answers each request with the next scripted (status, headers) and then `default`."""

    script: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    default: int = 200
    body: bytes = b""  # sent with every answer
    delay_first: float = 0.0  # seconds to hold the first request open (to kill a sender)
    received: list[Received] = field(default_factory=list)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self) -> tuple[int, dict[str, str], float]:
        with self.lock:
            delay = self.delay_first if not self.received else 0.0
            if self.script:
                status, headers = self.script.pop(0)
            else:
                status, headers = self.default, {}
            return status, headers, delay

    def record(self, item: Received) -> None:
        with self.lock:
            self.received.append(item)

    def wait_for(self, count: int, timeout: float = 20.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.05)
        raise AssertionError(f"received {len(self.received)} requests, expected {count}")


@contextmanager
def running(receiver: Receiver) -> Iterator[Receiver]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length)
            status, headers, delay = receiver.answer()
            receiver.record(Received("POST", self.path, dict(self.headers.items()), body))
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(receiver.body)))
                self.end_headers()
                self.wfile.write(receiver.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the sender gave up waiting (what deadline tests make it do)

        do_PUT = do_POST  # noqa: N815
        do_DELETE = do_POST  # noqa: N815

        def log_message(self, *_args: Any) -> None:
            return

    with serving(Handler) as url:
        receiver.url = url
        yield receiver


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A local HTTP server on a free loopback port, in a thread, for the test's receivers;
    its address, and shut down after."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    # Looks for shutdown every 50 ms (the default 0.5 s adds a quarter second to each test).
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
