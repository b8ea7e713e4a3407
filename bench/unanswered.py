"""Unanswered-post alerts: finding due posts among 1M open ones, and alert lateness.

1. find: 1,000,000 watched posts waiting for an answer (deadlines spread over the next
   week) plus 500 already due; times the job's query for due posts (a batch of 200 at
   most), with nothing due (what every tick costs) and with 500 due, then the job's whole
   tick firing the 500. Target: under 50 ms for the query.
2. lateness: 10,000 posts whose peer windows end within one minute, in real time; the real
   scheduler (the alert job and the outbox worker) delivers each alert through the generic
   adapter to a local HTTP receiver, which notes when it arrived. Lateness is arrival minus
   deadline. Target: p99 under 2 s.

    .venv/bin/python bench/unanswered.py                       # SQLite in a temp dir
    .venv/bin/python bench/unanswered.py --posts 100000 --due 2000   # a quick run
    FORUMKIT_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \
        .venv/bin/python bench/unanswered.py                   # PostgreSQL as well
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scratch import database  # noqa: E402  (bench/, beside this script)

from forumkit import scheduler  # noqa: E402
from forumkit.db import session_scope  # noqa: E402
from forumkit.events import PostCreated  # noqa: E402
from forumkit.forums import service as forums  # noqa: E402
from forumkit.forums.models import Forum  # noqa: E402
from forumkit.ingest.service import ingest  # noqa: E402
from forumkit.migrate import upgrade  # noqa: E402
from forumkit.plugin import JobContext  # noqa: E402
from forumkit.plugins.unanswered import jobs  # noqa: E402
from forumkit.plugins.unanswered import repository as repo  # noqa: E402
from forumkit.plugins.unanswered.models import UnansweredAlert  # noqa: E402
from forumkit.services import Services  # noqa: E402
from forumkit.settings import Settings  # noqa: E402

DUE = 500  # posts due when the find and the tick are timed


def services_for(url: str) -> Services:
    upgrade(url)
    # The service's defaults (outbox polled every second), as a forum would run it; the
    # receiver is on loopback, which the operator's allowance opens.
    settings = Settings(database_url=url, run_scheduler=False, outbound_allow=["127.0.0.1/32"],
                        _env_file=None)  # type: ignore[call-arg]
    return Services.build(settings)


def make_forum(app: Services, plugin_settings: dict[str, Any],
               callback_url: str | None = None, slug: str = "bench") -> int:
    with session_scope(app.engine) as session:
        forum = forums.create_forum(
            session, app.registry, slug=slug, adapter="generic", name="Bench",
            adapter_settings={"callback_url": callback_url} if callback_url else {},
            actor="bench", now=datetime.now(UTC), outbound=app.outbound,
        )
        forums.set_plugin(session, app.registry, forum, "unanswered", enabled=True,
                          settings=plugin_settings, actor="bench", now=datetime.now(UTC),
                          outbound=app.outbound)
        session.flush()
        assert forum.id is not None
        return forum.id


# -- 1. finding due posts -------------------------------------------------------------------


def _copy_rows(engine: Engine, table: str, columns: list[str], rows: Iterator[tuple]) -> None:
    """Bulk load: COPY on PostgreSQL, executemany on SQLite."""
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            raw.commit()
        finally:
            raw.close()
        return
    marks = ", ".join("?" for _ in columns)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN")
        chunk: list[tuple] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= 50_000:
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                                   chunk)
                chunk.clear()
        if chunk:
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                               chunk)
        cursor.execute("COMMIT")
    finally:
        raw.close()


def _ts(engine: Engine, at: datetime) -> Any:
    return at.replace(tzinfo=None).isoformat(sep=" ") if engine.dialect.name == "sqlite" else at


def bench_find(url: str, posts: int, due: int, runs: int, tick_runs: int
               ) -> dict[str, float]:
    app = services_for(url)
    engine = app.engine
    try:
        forum_id = make_forum(app, {"new_member_posts": 0})
        now = datetime.now(UTC).replace(microsecond=0)
        began = time.perf_counter()
        tags = "[]"
        _copy_rows(engine, "thread", ["id", "forum_id", "ext_id", "tags", "closed",
                                      "announcement"],
                   ((i, forum_id, f"t{i}", tags, False, False) for i in range(1, posts + 1)))
        _copy_rows(engine, "post", ["id", "forum_id", "ext_id", "thread_id",
                                    "is_first_in_thread", "author_is_staff", "created_at"],
                   ((i, forum_id, f"p{i}", i, True, False, _ts(engine, now))
                    for i in range(1, posts + 1)))
        week = 7 * 24 * 3600

        def watch(i: int) -> tuple:
            # The first `due` posts fell due in the last minute; the rest are due later.
            at = (now - timedelta(seconds=1 + i % 60) if i <= due
                  else now + timedelta(seconds=60 + (i * 7919) % week))
            return (i, forum_id, i, i, "unanswered", _ts(engine, now), False, "waiting", 1,
                    _ts(engine, at), False, False)

        _copy_rows(engine, "unanswered_watch",
                   ["id", "forum_id", "post_id", "thread_id", "kind", "posted_at", "new_member",
                    "state", "next_tier", "due_at", "answered_by_staff", "alerted_before_answer"],
                   (watch(i) for i in range(1, posts + 1)))
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        print(f"  loaded {posts:,} waiting posts in {time.perf_counter() - began:.1f} s")

        # No gc.freeze(): `forumkit serve` in one process does not freeze, so the cyclic
        # collector's pauses belong in the figures (`serve --workers N` freezes what it
        # loaded before forking).

        def timed(at: datetime) -> tuple[list[float], int]:
            times, found = [], 0
            for _ in range(runs):  # the first run of each case is counted too (cold cache)
                with session_scope(engine) as session:
                    start = time.perf_counter()
                    found = len(repo.due_watches(session, at, [forum_id], 200))
                    times.append((time.perf_counter() - start) * 1000)
                    session.rollback()
            return sorted(times), found

        def reset() -> None:
            # The first `due` watches waiting again, due a few seconds ago; nothing fired.
            with engine.begin() as conn:
                for table in ("unanswered_alert_step", "unanswered_alert", "outbox"):
                    conn.execute(text(f"DELETE FROM {table}"))
                conn.execute(text("UPDATE unanswered_watch SET state = 'waiting', next_tier = 1,"
                                  " due_at = :at WHERE id <= :due"),
                             {"at": _ts(engine, now - timedelta(seconds=5)), "due": due})

        def ticks(count: int) -> tuple[list[float], int]:
            """The alert job's whole tick, as the scheduler runs it: the contexts, every
            batch of due watches, their firing and the outbox rows, committed."""
            times, handled = [], 0
            for _ in range(count):
                reset()
                job = JobContext(engine=engine, now=datetime.now(UTC), app=app)
                start = time.perf_counter()
                handled = jobs.fire_due_count(job)
                times.append((time.perf_counter() - start) * 1000)
            return sorted(times), handled

        idle, none_found = timed(now - timedelta(minutes=5))
        busy, found = timed(now)
        assert none_found == 0 and found == min(due, 200), (none_found, found)
        tick, handled = ticks(tick_runs)
        assert handled == due, (handled, due)
        return {
            "idle_p50": statistics.median(idle), "idle_p99": idle[int(0.99 * (len(idle) - 1))],
            "due_p50": statistics.median(busy), "due_p99": busy[int(0.99 * (len(busy) - 1))],
            "found": found, "idle_slowest": idle[-3:], "due_slowest": busy[-3:],
            "tick_p50": statistics.median(tick), "tick_p99": tick[int(0.99 * (len(tick) - 1))],
            "tick_max": tick[-1],
        }
    finally:
        app.close()


# -- 2. lateness ---------------------------------------------------------------------------


class Arrivals:
    """What the receiver process wrote: one line per delivery, read back here."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.write_text("")

    @property
    def items(self) -> list[tuple[float, str, str]]:  # arrival, due_at, post id
        rows = []
        for line in self.path.read_text().splitlines():
            arrived, due, post = line.split(" ")
            rows.append((float(arrived), due, post))
        return rows


def _serve(path: str, port_out: Any) -> None:
    """The forum's end, in its own process as it would be on its own machine."""
    out = open(path, "a", buffering=1)  # line-buffered: each arrival is on disk at once
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            arrived = time.time()
            data = json.loads(body)["data"]
            with lock:
                out.write(f"{arrived} {data['fields']['due_at']} {data['post_id']}\n")
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_out.put(server.server_address[1])
    server.serve_forever()


@contextmanager
def receiver(arrivals: Arrivals) -> Iterator[str]:
    spawn = multiprocessing.get_context("spawn")
    port_out = spawn.Queue()
    process = spawn.Process(target=_serve, args=(str(arrivals.path), port_out), daemon=True)
    process.start()
    try:
        yield f"http://127.0.0.1:{port_out.get(timeout=30)}"
    finally:
        process.terminate()
        process.join(timeout=10)


def _ingest_posts(app: Services, forum_id: int, count: int, first_due: datetime,
                  prefix: str) -> None:
    """Posts whose one-minute windows end evenly spread over the minute after first_due."""
    spacing = 60.0 / count
    with session_scope(app.engine) as session:
        forum = session.get(Forum, forum_id)
        assert forum is not None
        for start in range(0, count, 500):
            events = [PostCreated.model_validate({
                "id": f"{prefix}e{i}", "type": "post.created",
                "occurred_at": first_due + timedelta(seconds=i * spacing - 60),
                "post": {"id": f"{prefix}p{i}", "thread_id": f"{prefix}t{i}",
                         "author_id": f"u{i}", "is_first_in_thread": True, "title": "Bench"},
            }) for i in range(start, min(count, start + 500))]
            ingest(session, forum, events, app.registry, datetime.now(UTC))  # type: ignore[arg-type]


def bench_lateness(url: str, posts: int) -> dict[str, float]:
    app = services_for(url)
    arrivals = Arrivals(Path(tempfile.mkdtemp()) / "arrivals.txt")
    rule = {"new_member_posts": 0, "rule": {"peer_window_minutes": 1}}
    try:
        with receiver(arrivals) as callback:
            # How fast this machine ingests, so every deadline is still ahead once loaded.
            warm = make_forum(app, rule, slug="warm-up")
            began = time.perf_counter()
            _ingest_posts(app, warm, 300, datetime.now(UTC) + timedelta(days=1), "w")
            per_post = (time.perf_counter() - began) / 300
            lead = per_post * posts * 1.5 + 15
            forum_id = make_forum(app, rule, callback)
            first_due = datetime.now(UTC) + timedelta(seconds=lead)
            began = time.perf_counter()
            _ingest_posts(app, forum_id, posts, first_due, "")
            print(f"  ingested {posts:,} posts in {time.perf_counter() - began:.1f} s; "
                  f"deadlines start in {(first_due - datetime.now(UTC)).total_seconds():.0f} s")
            if datetime.now(UTC) >= first_due:
                raise SystemExit("ingest took longer than estimated; the machine is too busy")
            runner = scheduler.start(app)
            try:
                deadline = time.time() + lead + 60 + 60
                while time.time() < deadline:
                    if len(arrivals.items) >= posts:
                        break
                    time.sleep(0.5)
            finally:
                runner.shutdown(wait=True)
        items = list(arrivals.items)
        late = sorted(arrived - datetime.fromisoformat(due).timestamp()
                      for arrived, due, _ in items)
        unique = len({post for _, _, post in items})
        with session_scope(app.engine) as session:  # where the time went: firing, delivery
            fired = sorted((a - d).total_seconds() for a, d in session.execute(
                select(UnansweredAlert.fired_at, UnansweredAlert.due_at)).all())
        return {"delivered": len(items), "unique": unique, "p50": late[len(late) // 2],
                "p99": late[int(0.99 * (len(late) - 1))], "max": late[-1],
                "fired_p50": fired[len(fired) // 2],
                "fired_p99": fired[int(0.99 * (len(fired) - 1))]}
    finally:
        app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000, help="open posts to search")
    parser.add_argument("--runs", type=int, default=200, help="timed queries per case")
    parser.add_argument("--tick-runs", type=int, default=30, help="timed whole ticks")
    parser.add_argument("--due", type=int, default=10_000, help="posts falling due in a minute")
    parser.add_argument("--only", choices=["find", "lateness"], help="run one part")
    parser.add_argument("--database-url", default=os.environ.get("FORUMKIT_TEST_POSTGRES_URL"),
                        help="a PostgreSQL server to bench as well (admin URL)")
    args = parser.parse_args()
    # A busy tick overlapping the next is expected under load; the scheduler says so loudly.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    backends: list[str | None] = [None] + ([args.database_url] if args.database_url else [])
    with tempfile.TemporaryDirectory() as tmp:
        for admin in backends:
            label = "PostgreSQL" if admin else "SQLite"
            if args.only != "lateness":
                print(f"{label}: find due posts among {args.posts:,} open posts")
                with database(admin, Path(tmp)) as url:
                    found = bench_find(url, args.posts, DUE, args.runs, args.tick_runs)
                print(f"  nothing due: p50 {found['idle_p50']:.2f} ms, "
                      f"p99 {found['idle_p99']:.2f} ms")
                print(f"  {DUE} due (a batch of {found['found']}): p50 {found['due_p50']:.2f} ms, "
                      f"p99 {found['due_p99']:.2f} ms   (target: under 50 ms)")
                slowest = ", ".join(f"{t:.1f}" for t in found["due_slowest"])
                print(f"  slowest three with {DUE} due: {slowest} ms")
                print(f"  the job's whole tick firing {DUE} due: p50 {found['tick_p50']:.0f} ms, "
                      f"p99 {found['tick_p99']:.0f} ms, max {found['tick_max']:.0f} ms "
                      f"({args.tick_runs} ticks)")
            if args.only != "find":
                print(f"{label}: lateness of {args.due:,} alerts falling due in one minute")
                with database(admin, Path(tmp)) as url:
                    late = bench_lateness(url, args.due)
                print(f"  delivered {late['delivered']:,} ({late['unique']:,} posts), lateness "
                      f"p50 {late['p50']:.2f} s, p99 {late['p99']:.2f} s, max {late['max']:.2f} s"
                      "   (target: p99 under 2 s)")
                print(f"  of which deadline to firing: p50 {late['fired_p50']:.2f} s, "
                      f"p99 {late['fired_p99']:.2f} s")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
