"""A local HTTP server posing as a Discourse site's REST API, for the adapter's outbound tests.

It keeps the little state the adapter touches (posts and their authors, topics and their
tags, groups, the API user), refuses a wrong Api-Key or Api-Username as Discourse does
(403), answers scripted failures (429 with Retry-After, 5xx) first when told to, and
records every request so tests can check method, path, headers and body.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.receiver import serving

API_KEY = "d1sc0urse-test-api-key-0001"
API_USERNAME = "forumkit_bot"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class FakeDiscourse:
    posts: dict[int, dict[str, Any]] = field(default_factory=dict)
    topics: dict[int, dict[str, Any]] = field(default_factory=dict)
    groups: set[str] = field(default_factory=lambda: {"moderators"})
    users: set[str] = field(default_factory=set)
    whisperer: bool = True
    script: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    received: list[Request] = field(default_factory=list)
    url: str = ""
    next_id: int = 5000
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_post(self, post_id: int, *, topic_id: int, username: str, number: int = 1) -> None:
        self.posts[post_id] = {"id": post_id, "topic_id": topic_id, "username": username,
                               "post_number": number, "hidden": False}
        self.topics.setdefault(topic_id, {"id": topic_id, "tags": [], "closed": False})
        self.users.add(username)

    def calls(self, method: str | None = None, path: str | None = None) -> list[Request]:
        return [r for r in self.received
                if (method is None or r.method == method) and (path is None or r.path == path)]

    def messages(self) -> list[dict[str, Any]]:
        """Private messages created, as the bodies sent to POST /posts.json."""
        return [r.json() for r in self.calls("POST", "/posts.json")
                if r.json().get("archetype") == "private_message"]

    # Answering

    def answer(self, req: Request) -> tuple[int, dict[str, str], Any]:
        with self.lock:
            self.received.append(req)
            if self.script:
                status, headers = self.script.pop(0)
                return status, headers, {"errors": ["scripted failure"]}
            if (req.headers.get("Api-Key") != API_KEY
                    or req.headers.get("Api-Username") != API_USERNAME):
                return 403, {}, {"errors": ["You are not permitted to view the requested "
                                            "resource. The API username or key is invalid."],
                                 "error_type": "invalid_access"}
            return self.route(req)

    def route(self, req: Request) -> tuple[int, dict[str, str], Any]:
        body = req.json() or {}
        m, p = req.method, req.path
        if m == "GET" and (g := re.fullmatch(r"/posts/(\d+)\.json", p)):
            post = self.posts.get(int(g[1]))
            return (200, {}, dict(post)) if post else _not_found()
        if m == "GET" and (g := re.fullmatch(r"/t/(\d+)\.json", p)):
            topic = self.topics.get(int(g[1]))
            return (200, {}, dict(topic)) if topic else _not_found()
        if m == "PUT" and (g := re.fullmatch(r"/t/(\d+)/status\.json", p)):
            topic = self.topics.get(int(g[1]))
            if topic is None:
                return _not_found()
            if body.get("status") == "closed":
                topic["closed"] = body.get("enabled") == "true"
            return 200, {}, {"success": "OK", "topic_status_update": None}
        if m == "PUT" and (g := re.fullmatch(r"/t/-/(\d+)\.json", p)):
            topic = self.topics.get(int(g[1]))
            if topic is None:
                return _not_found()
            topic["tags"] = list(body.get("tags") or [])
            return 200, {}, {"basic_topic": {"id": topic["id"], "title": "t", "slug": "t",
                                              "posts_count": 1, "fancy_title": "t"}}
        if m == "POST" and p == "/post_actions.json":
            post = self.posts.get(int(body.get("id", 0)))
            if post is None:
                return _not_found()
            if body.get("queue_for_review") == "true":
                post["hidden"] = True
            return 200, {}, dict(post)
        if m == "POST" and p == "/posts.json":
            return self.create_post(body)
        if m == "GET" and (g := re.fullmatch(r"/groups/([\w.-]+)\.json", p)):
            if g[1] not in self.groups:
                return _not_found()
            return 200, {}, {"group": {"id": 41, "name": g[1], "automatic": False}}
        if m == "GET" and p == "/session/current.json":
            return 200, {}, {"current_user": {"id": 3, "username": API_USERNAME, "admin": True,
                                              "moderator": False, "whisperer": self.whisperer}}
        return _not_found()

    def create_post(self, body: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        if not body.get("raw"):
            return 422, {}, {"errors": ["Body can't be blank"]}
        self.next_id += 1
        if body.get("archetype") == "private_message":
            for name in str(body.get("target_recipients", "")).split(","):
                if name not in self.groups and name not in self.users:
                    return 422, {}, {"errors": ["Sorry, that user or group does not exist."]}
            return 200, {}, {"id": self.next_id, "topic_id": self.next_id, "post_type": 1}
        if int(body.get("topic_id", 0)) not in self.topics:
            return _not_found()
        post_type = 4 if body.get("whisper") == "true" else 1
        return 200, {}, {"id": self.next_id, "topic_id": body["topic_id"], "post_type": post_type}


def _not_found() -> tuple[int, dict[str, str], Any]:
    return 404, {}, {"errors": ["The requested URL or resource could not be found."],
                     "error_type": "not_found"}


@contextmanager
def running(fake: FakeDiscourse) -> Iterator[FakeDiscourse]:
    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            req = Request(self.command, self.path, dict(self.headers.items()),
                          self.rfile.read(length))
            status, headers, payload = fake.answer(req)
            data = json.dumps(payload).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-type", "application/json; charset=utf-8")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815

        def log_message(self, *_args: Any) -> None:
            return

    with serving(Handler) as url:
        fake.url = url
        yield fake
