"""Talking to ForumKit over HTTP, sync (`Client`) and async (`AsyncClient`).

A client posts event batches to `/v1/hooks/{forum}` signed with the forum's webhook secret
(Standard Webhooks), or to `/v1/forums/{forum}/events` with a platform API key; both with
`?on_invalid=skip`, so one invalid event never holds back the others. Answers are read
into a `BatchResult`, or raised as `Unavailable` (worth trying again later) or `Refused`.
With a platform API key it also asks the read path: `permissions` before a reply and
`render_hints` while drawing a page.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from pydantic import BaseModel

from forumkit.client.signing import signed_headers

MAX_BATCH = 500  # ForumKit's default cap on events per batch (FORUMKIT_MAX_BATCH_EVENTS)
MAX_BODY_BYTES = 1_048_576  # and on a request's body (FORUMKIT_MAX_BODY_BYTES)
TIMEOUT = httpx.Timeout(30.0, connect=5.0)
RETRIED_STATUSES = frozenset({408, 409, 425, 429})  # and every 5xx


@dataclass(frozen=True)
class Rejected:
    """An event ForumKit left out of a batch: its place in the batch, its id, and where and
    what each problem is (never the value sent)."""

    index: int
    id: str | None
    errors: list[dict[str, Any]]


@dataclass(frozen=True)
class BatchResult:
    applied: int
    duplicates: int
    rejected: list[Rejected] = field(default_factory=list)


class SendError(Exception):
    """A batch ForumKit did not take."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class Unavailable(SendError):
    """ForumKit could not be reached, or asked to be tried later (408, 429, 5xx...)."""

    def __init__(self, message: str, *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message, status=status)
        self.retry_after = retry_after


class Refused(SendError):
    """ForumKit refused the request itself: a wrong key, secret or forum (401, 403, 404), or
    a batch too large (413, 422). Sending the same again gets the same answer."""

    @property
    def batch_too_large(self) -> bool:
        return self.status in (413, 422)


EventLike = BaseModel | dict[str, Any]


def batch_body(events: Sequence[EventLike], *, importing: bool = False) -> bytes:
    """The JSON body of a batch, from event models or dicts (sent as they are)."""
    items = [e.model_dump(mode="json", by_alias=True, exclude_unset=True)
             if isinstance(e, BaseModel) else e for e in events]
    payload: dict[str, Any] = {"events": items}
    if importing:
        payload["import"] = True
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class Target:
    """Where and how a forum's requests go: batches (imports too) with `secret` signed to
    the webhook route, else with `api_key` to the events route; the read path with
    `api_key`. Give either or both."""

    url: str
    forum: str
    secret: str | None = None
    api_key: str | None = None

    def __post_init__(self) -> None:
        if self.secret is None and self.api_key is None:
            raise ValueError("give secret (the forum's webhook secret), api_key (a platform "
                             "key), or both")

    def request(self, body: bytes) -> tuple[str, dict[str, str]]:
        base = self.url.rstrip("/")
        headers = {"content-type": "application/json"}
        if self.secret is not None:
            headers.update(signed_headers(secret=self.secret, body=body,
                                          now=datetime.now(UTC)))
            return f"{base}/v1/hooks/{self.forum}?on_invalid=skip", headers
        headers["authorization"] = f"Bearer {self.api_key}"
        return f"{base}/v1/forums/{self.forum}/events?on_invalid=skip", headers

    def reading(self, path: str) -> tuple[str, dict[str, str]]:
        """The URL and headers of a read-path call (`permissions`, `render-hints`)."""
        if self.api_key is None:
            raise ValueError("the read path (permissions, render hints) needs an api_key")
        return (f"{self.url.rstrip('/')}/v1/forums/{self.forum}/{path}",
                {"authorization": f"Bearer {self.api_key}"})


def permissions_query(member_id: str | None, thread_id: str, *, is_staff: bool,
                      post_id: str | None, timezone: str | None) -> dict[str, str]:
    query = {"thread_id": thread_id, "member_is_staff": "true" if is_staff else "false"}
    for name, value in (("member_id", member_id), ("post_id", post_id),
                        ("timezone", timezone)):
        if value is not None:
            query[name] = value
    return query


class Client:
    """Sends event batches to ForumKit; pass `http` to reuse or configure an httpx.Client."""

    def __init__(self, url: str, forum: str, *, secret: str | None = None,
                 api_key: str | None = None, http: httpx.Client | None = None) -> None:
        self.target = Target(url, forum, secret, api_key)
        self._http = http or httpx.Client(timeout=TIMEOUT)
        self._owns_http = http is None

    def send_events(self, events: Sequence[EventLike], *, importing: bool = False
                    ) -> BatchResult:
        body = batch_body(events, importing=importing)
        url, headers = self.target.request(body)
        try:
            response = self._http.post(url, content=body, headers=headers)
        except httpx.TransportError as exc:
            raise Unavailable(f"ForumKit not reached: {type(exc).__name__}") from exc
        return read_answer(response)

    def permissions(self, *, member_id: str | None, thread_id: str, is_staff: bool = False,
                    post_id: str | None = None, timezone: str | None = None
                    ) -> dict[str, Any]:
        """Ask before accepting a reply or a reaction: `{"can_reply", "can_react", "reason",
        "response_mode", ...}`; `reason` is in words to show the member."""
        url, headers = self.target.reading("permissions")
        query = permissions_query(member_id, thread_id, is_staff=is_staff, post_id=post_id,
                                  timezone=timezone)
        try:
            response = self._http.get(url, params=query, headers=headers)
        except httpx.TransportError as exc:
            raise Unavailable(f"ForumKit not reached: {type(exc).__name__}") from exc
        return read_json(response)

    def render_hints(self, *, reader_id: str | None, post_ids: Sequence[str]
                     ) -> dict[str, Any]:
        """How to show each post to this reader: `{"posts": {id: {"display", "labels",
        "notice", ...}}, "unknown": [...]}` (at most 200 posts a call)."""
        url, headers = self.target.reading("render-hints")
        try:
            response = self._http.post(url, json={"reader_id": reader_id,
                                                  "post_ids": list(post_ids)}, headers=headers)
        except httpx.TransportError as exc:
            raise Unavailable(f"ForumKit not reached: {type(exc).__name__}") from exc
        return read_json(response)

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient:
    """The same as `Client`, for async code; pass `http` to reuse an httpx.AsyncClient."""

    def __init__(self, url: str, forum: str, *, secret: str | None = None,
                 api_key: str | None = None, http: httpx.AsyncClient | None = None) -> None:
        self.target = Target(url, forum, secret, api_key)
        self._http = http or httpx.AsyncClient(timeout=TIMEOUT)
        self._owns_http = http is None

    async def send_events(self, events: Sequence[EventLike], *, importing: bool = False
                          ) -> BatchResult:
        body = batch_body(events, importing=importing)
        url, headers = self.target.request(body)
        try:
            response = await self._http.post(url, content=body, headers=headers)
        except httpx.TransportError as exc:
            raise Unavailable(f"ForumKit not reached: {type(exc).__name__}") from exc
        return read_answer(response)

    async def permissions(self, *, member_id: str | None, thread_id: str,
                          is_staff: bool = False, post_id: str | None = None,
                          timezone: str | None = None) -> dict[str, Any]:
        url, headers = self.target.reading("permissions")
        query = permissions_query(member_id, thread_id, is_staff=is_staff, post_id=post_id,
                                  timezone=timezone)
        try:
            response = await self._http.get(url, params=query, headers=headers)
        except httpx.TransportError as exc:
            raise Unavailable(f"ForumKit not reached: {type(exc).__name__}") from exc
        return read_json(response)

    async def render_hints(self, *, reader_id: str | None, post_ids: Sequence[str]
                           ) -> dict[str, Any]:
        url, headers = self.target.reading("render-hints")
        try:
            response = await self._http.post(url, json={"reader_id": reader_id,
                                                        "post_ids": list(post_ids)},
                                             headers=headers)
        except httpx.TransportError as exc:
            raise Unavailable(f"ForumKit not reached: {type(exc).__name__}") from exc
        return read_json(response)

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def read_answer(response: httpx.Response) -> BatchResult:
    status = response.status_code
    if status == 200:
        body = response.json()
        return BatchResult(
            applied=int(body["applied"]), duplicates=int(body["duplicates"]),
            rejected=[Rejected(index=r["index"], id=r.get("id"), errors=r.get("errors", []))
                      for r in body.get("rejected") or []])
    detail = _detail(response)
    if status >= 500 or status in RETRIED_STATUSES:
        raise Unavailable(f"ForumKit answered {status}: {detail}", status=status,
                          retry_after=retry_after(response))
    raise Refused(f"ForumKit answered {status}: {detail}", status=status)


def read_json(response: httpx.Response) -> dict[str, Any]:
    """A read-path answer: its JSON when 200, else `Unavailable` or `Refused` as for batches."""
    status = response.status_code
    if status == 200:
        body = response.json()
        if not isinstance(body, dict):
            raise Refused("ForumKit answered 200 with no JSON object", status=status)
        return body
    detail = _detail(response)
    if status >= 500 or status in RETRIED_STATUSES:
        raise Unavailable(f"ForumKit answered {status}: {detail}", status=status,
                          retry_after=retry_after(response))
    raise Refused(f"ForumKit answered {status}: {detail}", status=status)


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return response.reason_phrase
    return detail if isinstance(detail, str) else json.dumps(detail)[:500]


def retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait from a Retry-After header: a number, or an HTTP date."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
