"""Receivers that are slow on purpose, on loopback: one that drips its answer a byte at a time,
one that holds each request open before answering. Each notes when every delivery id came
and when its answer was finished, so a test (or bench/delivery.py) can tell which ids were
sent twice while the first send was still open."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from forumkit import signing
from tests.support.receiver import serving

SECRET = signing.new_secret()  # the webhook targets' secret


def in_background(work: Callable[[], object]) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


@dataclass
class Arrival:
    delivery: str  # the webhook-id header: the delivery id
    at: float  # time.monotonic() when the request had arrived
    done: float | None = None  # when the answer was finished (None: cut off, or never)


@dataclass
class SlowReceiver:
    """`drip`: seconds between the bytes of the answer (0: answer at once); `hold`: seconds
    to keep each request open before answering; `status`: what the answer says."""

    drip: float = 0.0
    hold: float = 0.0
    status: int = 200
    arrivals: list[Arrival] = field(default_factory=list)
    url: str = ""
    closing: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ids(self) -> list[str]:
        with self.lock:
            return [a.delivery for a in self.arrivals]

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Arrival]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.arrivals) >= count:
                    return list(self.arrivals)
            time.sleep(0.02)
        raise AssertionError(f"received {len(self.arrivals)} requests, expected {count}")

    def sent_twice_while_open(self) -> set[str]:
        """Ids that came again while an earlier request with the same id was still open."""
        with self.lock:
            arrivals = list(self.arrivals)
        twice = set()
        for i, first in enumerate(arrivals):
            for later in arrivals[i + 1:]:
                still_open = first.done is None or later.at < first.done
                if later.delivery == first.delivery and still_open:
                    twice.add(first.delivery)
        return twice


@contextmanager
def slow_receiver(receiver: SlowReceiver) -> Iterator[SlowReceiver]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            self.rfile.read(int(self.headers.get("content-length") or 0))
            arrival = Arrival(self.headers.get("webhook-id") or "", time.monotonic())
            with receiver.lock:
                receiver.arrivals.append(arrival)
            if receiver.hold and receiver.closing.wait(receiver.hold):
                return
            body = json.dumps({"ok": True}).encode() * (40 if receiver.drip else 1)
            answer = (f"HTTP/1.1 {receiver.status} Answer\r\ncontent-type: application/json"
                      f"\r\ncontent-length: {len(body)}\r\n\r\n").encode() + body
            try:
                if not receiver.drip:
                    self.wfile.write(answer)
                else:
                    for byte in answer:
                        self.wfile.write(bytes([byte]))
                        if receiver.closing.wait(receiver.drip):
                            return
            except OSError:
                return  # the sender gave up on us
            arrival.done = time.monotonic()

        def log_message(self, *_args: Any) -> None:
            return

    with serving(Handler) as url:
        receiver.url = url
        try:
            yield receiver
        finally:
            receiver.closing.set()  # let dripping answers stop before the server does
