"""The HTTP side: async and key-authenticated sends to a real ForumKit, retries that honour
Retry-After, batches split when ForumKit finds them too large, and a light import."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, select

from forumkit.client import (
    REJECTED,
    AsyncClient,
    Backoff,
    Client,
    Sender,
    Unavailable,
    enqueue,
    queue_table,
)
from forumkit.client.transport import MAX_BATCH, MAX_BODY_BYTES
from forumkit.settings import Settings
from tests.client.conftest import LiveForumKit
from tests.support.receiver import Receiver, running
from tests.support.world import post_created

OK = json.dumps({"applied": 1, "duplicates": 0}).encode()


def test_the_async_client_sends_a_signed_batch(forumkit: LiveForumKit) -> None:
    async def send() -> tuple[int, int]:
        async with AsyncClient(forumkit.url, "calm", secret=forumkit.secret) as client:
            first = await client.send_events([post_created("e1", "p1")])
            again = await client.send_events([post_created("e1", "p1")])
        return first.applied, again.duplicates

    # In a thread of its own: a browser test earlier in this worker may have left
    # Playwright's event loop set on this one.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, send()).result() == (1, 1)


def test_a_platform_key_sends_import_batches_to_the_events_route(
    forumkit: LiveForumKit,
) -> None:
    key = forumkit.world.keys["calm:platform"]
    with Client(forumkit.url, "calm", api_key=key) as client:
        result = client.send_events([post_created("e1", "p1"), {"id": "e2", "type": "nope"}],
                                    importing=True)
    assert result.applied == 1
    assert [(r.index, r.id) for r in result.rejected] == [(1, "e2")]
    [seen] = forumkit.recording.requests
    assert seen.path == "/v1/forums/calm/events"
    assert json.loads(seen.body)["import"] is True


def test_one_client_with_a_secret_and_a_key_signs_every_batch_imports_too(
    forumkit: LiveForumKit,
) -> None:
    key = forumkit.world.keys["calm:platform"]
    with Client(forumkit.url, "calm", secret=forumkit.secret, api_key=key) as client:
        client.send_events([post_created("e1", "p1")])
        client.send_events([post_created("e2", "p2", thread="t2")], importing=True)
        assert client.permissions(member_id="u7", thread_id="t1")["can_reply"] is True
    assert [seen.path for seen in forumkit.recording.requests][:2] == [
        "/v1/hooks/calm", "/v1/hooks/calm"]
    assert forumkit.ingested() == {"e1", "e2"}


def test_the_read_path_answers_permissions_and_render_hints_with_a_platform_key(
    forumkit: LiveForumKit,
) -> None:
    key = forumkit.world.keys["calm:platform"]
    with Client(forumkit.url, "calm", api_key=key) as client:
        client.send_events([post_created("e1", "p1", response_mode="diary")])
        # Another member may not reply to a diary; its author may add to it.
        other = client.permissions(member_id="u7", thread_id="t1")
        author = client.permissions(member_id="u42", thread_id="t1")
        hints = client.render_hints(reader_id="u7", post_ids=["p1", "p9"])
    assert (other["can_reply"], other["response_mode"]) == (False, "diary")
    assert other["reason"]
    assert author["can_reply"] is True
    assert set(hints["posts"]) == {"p1"} and hints["unknown"] == ["p9"]


def test_the_read_path_needs_a_key_and_says_when_forumkit_is_away(
    forumkit: LiveForumKit,
) -> None:
    with Client(forumkit.url, "calm", secret=forumkit.secret) as client:
        with pytest.raises(ValueError, match="api_key"):
            client.permissions(member_id="u7", thread_id="t1")
    forumkit.stop()
    key = forumkit.world.keys["calm:platform"]
    with Client(forumkit.url, "calm", api_key=key) as client:
        with pytest.raises(Unavailable):
            client.render_hints(reader_id=None, post_ids=["p1"])


def test_429_and_503_are_retried_after_what_retry_after_asks(forum_db: Engine) -> None:
    with forum_db.begin() as conn:
        enqueue(conn, post_created("e1", "p1"))
    waits: list[float] = []
    script = [(429, {"Retry-After": "0.2"}), (503, {}), (503, {"Retry-After": "0.1"})]
    with running(Receiver(script=script, body=OK)) as receiver:
        sender = Sender(forum_db, Client(receiver.url, "calm", secret="whsec_" + "A" * 44),
                        backoff=Backoff(first=0.01, factor=2, most=1, tries=5),
                        sleep=waits.append)
        report = sender.send_pending()
        ids = [r.headers["webhook-id"] for r in receiver.received]
    assert waits == [0.2, 0.02, 0.1]
    assert (report.failures, report.applied, report.pending) == (3, 1, 0)
    assert len(set(ids)) == 4, "each try is a new delivery, so ForumKit never refuses a repeat"


def test_a_batch_forumkit_finds_too_large_is_split_and_a_lone_one_set_aside(
    forum_db: Engine,
) -> None:
    with forum_db.begin() as conn:
        for n in range(4):
            enqueue(conn, post_created(f"e{n}", f"p{n}", thread=f"t{n}"))
    script = [(413, {}), (200, {}), (413, {}), (413, {}), (200, {})]
    with running(Receiver(script=script, body=OK)) as receiver:
        report = Sender(forum_db, Client(receiver.url, "calm", secret="whsec_" + "A" * 44),
                        backoff=Backoff(first=0.01, tries=2)).send_pending()
        sizes = [len(r.json()["events"]) for r in receiver.received]
    assert sizes == [4, 2, 2, 1, 1]  # e2, too large on its own, is set aside
    assert (report.rejected, report.pending) == (1, 0)
    with forum_db.connect() as conn:
        assert [(r.event_id, r.status) for r in conn.execute(select(queue_table))] == [
            ("e2", REJECTED)]


def test_the_clients_caps_are_forumkits_defaults() -> None:
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    assert MAX_BATCH == defaults.max_batch_events
    assert MAX_BODY_BYTES == defaults.max_body_bytes


def test_importing_the_client_loads_nothing_of_the_server() -> None:
    code = ("import sys, forumkit.client; print(sorted({m.split('.')[0] for m in sys.modules}"
            " & {'fastapi', 'starlette', 'sqlmodel', 'alembic', 'apscheduler', 'babel',"
            " 'jinja2', 'uvicorn', 'typer', 'prometheus_client'}));"
            " print(sorted(m for m in sys.modules if m.startswith('forumkit.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0] == "[]"
    assert not [m for m in eval(out[1]) if not m.startswith(
        ("forumkit.client", "forumkit.events", "forumkit.actions", "forumkit.signing",
         "forumkit.inputs", "forumkit.links"))]
