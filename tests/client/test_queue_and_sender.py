"""The queue and the sender against a real ForumKit: queued with the forum's change or not at
all, nothing lost while ForumKit is down, in order per thread, refused events set aside."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.orm import Session

from forumkit.client import (
    PENDING,
    REJECTED,
    Backoff,
    Client,
    PostCreated,
    Sender,
    enqueue,
    queue_table,
    requeue_rejected,
)
from tests.client.conftest import LiveForumKit, forum_posts

FAST = Backoff(first=0.01, factor=2.0, most=0.05, tries=3)
NOW = "2026-01-05T02:10:00Z"


def post(event_id: str, post_id: str, thread: str = "t1", body: str = "I could not sleep"
         ) -> dict[str, Any]:
    return {"id": event_id, "type": "post.created", "occurred_at": NOW,
            "post": {"id": post_id, "thread_id": thread, "author_id": "u42",
                     "is_first_in_thread": post_id == "p1", "body": body}}


def sender(engine: Engine, forumkit: LiveForumKit, **options: Any) -> Sender:
    options.setdefault("backoff", FAST)
    return Sender(engine, Client(forumkit.url, "calm", secret=forumkit.secret), **options)


def rows(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(queue_table).order_by(queue_table.c.id)))


def test_an_event_is_queued_only_when_the_forums_transaction_commits(
    forum_db: Engine, forumkit: LiveForumKit
) -> None:
    with forum_db.begin() as conn:  # the forum's own change and its event, together
        conn.execute(insert(forum_posts).values(id=1, thread="t1", body="kept"))
        enqueue(conn, post("e1", "p1"))
    with pytest.raises(RuntimeError), Session(forum_db) as session, session.begin():
        session.execute(insert(forum_posts).values(id=2, thread="t1", body="undone"))
        enqueue(session, post("e2", "p2"))
        raise RuntimeError("the forum's change failed")

    report = sender(forum_db, forumkit).send_pending()

    assert (report.applied, report.pending, report.stopped) == (1, 0, None)
    assert forumkit.ingested() == {"e1"}
    assert forumkit.event_ids() == ["e1"], "the rolled-back event was never sent"
    assert rows(forum_db) == [], "sent rows leave the queue"


def test_nothing_is_lost_while_forumkit_is_down_and_all_goes_in_order_when_back(
    forum_db: Engine, forumkit: LiveForumKit
) -> None:
    forumkit.stop()
    with forum_db.begin() as conn:
        for n in range(1, 6):
            enqueue(conn, post(f"e{n}", f"p{n}", thread=f"t{n % 2}"))
    waits: list[float] = []
    down = sender(forum_db, forumkit, sleep=waits.append).send_pending()
    assert down.stopped is not None and down.stopped.startswith("unavailable")
    assert (down.sent, down.failures, down.pending) == (0, 3, 5)
    assert waits == [0.01, 0.02], "exponential backoff between the tries"
    assert all(row.status == PENDING and row.claim is None for row in rows(forum_db))

    forumkit.start()
    back = sender(forum_db, forumkit, batch_size=2).send_pending()

    assert (back.applied, back.batches, back.pending, back.stopped) == (5, 3, 0, None)
    assert forumkit.event_ids() == ["e1", "e2", "e3", "e4", "e5"]
    assert forumkit.ingested() == {"e1", "e2", "e3", "e4", "e5"}


def test_a_refused_event_is_set_aside_with_its_errors_and_later_events_still_go(
    forum_db: Engine, forumkit: LiveForumKit, caplog: pytest.LogCaptureFixture
) -> None:
    broken = post("e2", "p2", body="my private words")
    del broken["post"]["thread_id"]
    with forum_db.begin() as conn:
        enqueue(conn, post("e1", "p1"))
        enqueue(conn, broken, thread_id="t1", check=False)
        enqueue(conn, post("e3", "p3"))
    caplog.set_level(logging.DEBUG)

    report = sender(forum_db, forumkit).send_pending()
    later = sender(forum_db, forumkit)
    with forum_db.begin() as conn:
        enqueue(conn, post("e4", "p4"))
    again = later.send_pending()

    assert (report.applied, report.rejected, report.pending) == (2, 1, 0)
    assert again.applied == 1, "the set-aside event holds nothing back"
    assert forumkit.ingested() == {"e1", "e3", "e4"}
    [kept] = rows(forum_db)
    assert (kept.event_id, kept.status) == ("e2", REJECTED)
    assert json.loads(kept.error)[0]["loc"] == ["post.created", "post", "thread_id"]
    assert "my private words" not in caplog.text and "u42" not in caplog.text

    with forum_db.begin() as conn:
        assert requeue_rejected(conn) == 1
    assert sender(forum_db, forumkit).send_pending().rejected == 1, "sent again, refused again"


def test_a_row_whose_body_is_not_json_is_set_aside_too(
    forum_db: Engine, forumkit: LiveForumKit
) -> None:
    with forum_db.begin() as conn:
        enqueue(conn, post("e1", "p1"))
        enqueue(conn, post("e2", "p2"))
        conn.execute(update(queue_table).where(queue_table.c.event_id == "e1")
                     .values(body="{not json"))
    report = sender(forum_db, forumkit).send_pending()
    assert (report.applied, report.rejected) == (1, 1)
    assert [(r.event_id, r.status) for r in rows(forum_db)] == [("e1", REJECTED)]


def test_a_retry_after_longer_than_the_backoff_allows_ends_the_call_keeping_the_events(
    forum_db: Engine,
) -> None:
    from tests.support.receiver import Receiver, running

    with forum_db.begin() as conn:
        enqueue(conn, post("e1", "p1"))
    waits: list[float] = []
    with running(Receiver(default=429, body=b"{}")) as busy:
        busy.script = [(429, {"Retry-After": "3600"})]
        report = Sender(forum_db, Client(busy.url, "calm", secret="whsec_" + "A" * 44),
                        backoff=FAST, sleep=waits.append).send_pending()
    assert waits == [] and report.retry_after == 3600.0
    assert report.stopped is not None and report.pending == 1


def test_an_event_waits_while_an_earlier_event_of_its_thread_is_held_by_another_sender(
    forum_db: Engine, forumkit: LiveForumKit
) -> None:
    with forum_db.begin() as conn:
        enqueue(conn, post("e1", "p1", thread="t1"))
        enqueue(conn, post("e2", "p2", thread="t2"))
        enqueue(conn, post("e3", "p3", thread="t1"))
        enqueue(conn, PostCreated.model_validate(post("e4", "p4", thread="t2")))
        # Another sender holds e1 (its lease runs for a minute yet).
        conn.execute(update(queue_table).where(queue_table.c.event_id == "e1")
                     .values(claim="other", claimed_until=datetime.now(UTC).timestamp() + 60))

    first = sender(forum_db, forumkit).send_pending()
    assert forumkit.event_ids() == ["e2", "e4"], "e3 waits behind e1, its thread's earlier"
    assert first.pending == 2

    with forum_db.begin() as conn:  # the other sender's lease ran out
        conn.execute(update(queue_table).values(claimed_until=0.0))
    sender(forum_db, forumkit).send_pending()
    assert forumkit.event_ids() == ["e2", "e4", "e1", "e3"]


def test_batches_hold_at_most_batch_size_events(forum_db: Engine, forumkit: LiveForumKit
                                                ) -> None:
    with forum_db.begin() as conn:
        for n in range(7):
            enqueue(conn, post(f"e{n}", f"p{n}", thread=f"t{n}"))
    report = sender(forum_db, forumkit, batch_size=3).send_pending()
    sizes = [len(json.loads(seen.body)["events"]) for seen in forumkit.recording.requests]
    assert sizes == [3, 3, 1] and report.batches == 3 and report.applied == 7


def test_a_wrong_secret_stops_the_sender_and_keeps_every_event(
    forum_db: Engine, forumkit: LiveForumKit
) -> None:
    with forum_db.begin() as conn:
        enqueue(conn, post("e1", "p1"))
    wrong = Sender(forum_db, Client(forumkit.url, "calm", secret=forumkit.world.secrets["other"]),
                   backoff=FAST)
    report = wrong.send_pending()
    assert report.stopped is not None and "401" in report.stopped
    assert [(r.status, r.claim) for r in rows(forum_db)] == [(PENDING, None)]
    assert sender(forum_db, forumkit).send_pending().applied == 1


def test_the_loop_sends_what_is_queued_while_it_runs_until_stopped(
    forum_db: Engine, forumkit: LiveForumKit
) -> None:
    import threading
    import time

    stop = threading.Event()
    loop = threading.Thread(target=sender(forum_db, forumkit).run,
                            kwargs={"interval": 0.05, "stop": stop})
    loop.start()
    try:
        with forum_db.begin() as conn:
            enqueue(conn, post("e1", "p1"))
        deadline = time.monotonic() + 5
        while forumkit.ingested() != {"e1"} and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        loop.join(timeout=5)
    assert not loop.is_alive(), "the loop ends when told to"
    assert forumkit.ingested() == {"e1"} and rows(forum_db) == []
