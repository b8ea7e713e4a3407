"""Render hints at forum scale: p50/p99 of 50-post batches with 1M posts and 100k members.

Builds a fresh database (SQLite in a temp dir; PostgreSQL too when
FORUMKIT_BENCH_POSTGRES_URL or FORUMKIT_TEST_POSTGRES_URL is set, in a database made for
the run and dropped after), migrates it, connects a forum through the service layer, then
bulk-loads the mirror and the content-warning tables straight into the database (executemany
on SQLite, COPY on PostgreSQL; not through the API, which would take hours). Then it asks
`POST /v1/forums/{forum}/render-hints` through the real route (FastAPI's TestClient, so
auth, validation, the read session and JSON are all included; no network) and, separately,
the service function `hints.render_hints` alone, and prints p50/p99 of each.

    .venv/bin/python bench/render_hints.py                       # 1M posts, 100k members
    .venv/bin/python bench/render_hints.py --posts 100000 --members 10000   # quicker
    .venv/bin/python bench/render_hints.py --sqlite-only
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from ingest import database  # noqa: E402  (bench/ingest.py: a fresh database per run)

from forumkit.app import create_app  # noqa: E402
from forumkit.clock import FrozenClock  # noqa: E402
from forumkit.db import session_scope  # noqa: E402
from forumkit.forums import service as forums  # noqa: E402
from forumkit.identity import member_key  # noqa: E402
from forumkit.keys import service as keys  # noqa: E402
from forumkit.keys.models import Scope  # noqa: E402
from forumkit.migrate import upgrade  # noqa: E402
from forumkit.plugins.content_warnings import hints  # noqa: E402
from forumkit.plugins.content_warnings import repository as cw_repo  # noqa: E402
from forumkit.plugins.content_warnings.settings import ContentWarningSettings  # noqa: E402
from forumkit.plugins.content_warnings.taxonomy import TaxonomyCache, ensure_seeded  # noqa: E402
from forumkit.services import Services  # noqa: E402
from forumkit.settings import Settings  # noqa: E402

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
POSTS_PER_THREAD = 20
BATCH = 50
DISPLAYS = ("show", "blur", "hide")


# -- building the data ---------------------------------------------------------------------


def _stamp(dialect: str) -> str:
    if dialect == "sqlite":  # as forumkit.db.UTCDateTime stores it there
        return NOW.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    return NOW.isoformat()


def _rows(forum_id: int, secret: str, label_ids: list[int], posts: int, members: int,
          dialect: str, rng: random.Random) -> dict[str, tuple[list[str], Iterator[tuple]]]:
    at = _stamp(dialect)
    threads = (posts + POSTS_PER_THREAD - 1) // POSTS_PER_THREAD

    def member_rows() -> Iterator[tuple]:
        for i in range(1, members + 1):
            yield (i, forum_id, member_key(secret, f"u{i}"), at, 10, False)

    def thread_rows() -> Iterator[tuple]:
        for t in range(1, threads + 1):
            yield (t, forum_id, f"t{t}", "[]", f"Thread {t}", rng.randint(1, members), at,
                   False, False)

    def post_rows() -> Iterator[tuple]:
        for p in range(1, posts + 1):
            thread = (p - 1) // POSTS_PER_THREAD + 1
            first = (p - 1) % POSTS_PER_THREAD == 0
            yield (p, forum_id, f"p{p}", thread, rng.randint(1, members), first, False, at, at)

    def post_label_rows() -> Iterator[tuple]:
        row_id = 0
        for p in range(1, posts + 1):
            if rng.random() < 0.2:  # a fifth of posts carry one to three labels
                for label_id in rng.sample(label_ids, rng.randint(1, 3)):
                    row_id += 1
                    yield (row_id, forum_id, p, label_id, "applied", "author", "member:1",
                           "[]", at)

    def preference_rows() -> Iterator[tuple]:
        row_id = 0
        for m in range(1, members + 1):
            if rng.random() < 0.4:  # two in five members chose for one to five labels
                for label_id in rng.sample(label_ids, rng.randint(1, 5)):
                    row_id += 1
                    yield (row_id, forum_id, m, label_id, rng.choice(DISPLAYS), at)

    return {
        "member": (["id", "forum_id", "key", "first_seen", "post_count", "is_staff"],
                   member_rows()),
        "thread": (["id", "forum_id", "ext_id", "tags", "title", "author_id", "created_at",
                    "closed", "announcement"], thread_rows()),
        "post": (["id", "forum_id", "ext_id", "thread_id", "author_id", "is_first_in_thread",
                  "author_is_staff", "created_at", "content_as_of"], post_rows()),
        "content_warnings_post_label": (
            ["id", "forum_id", "post_id", "label_id", "state", "source", "actor", "matched",
             "updated_at"], post_label_rows()),
        "content_warnings_preference": (
            ["id", "forum_id", "member_id", "label_id", "display", "updated_at"],
            preference_rows()),
    }


def _chunks(rows: Iterator[tuple], size: int = 50_000) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def bulk_load(engine: Engine, tables: dict[str, tuple[list[str], Iterator[tuple]]]) -> None:
    raw: Any = engine.raw_connection()
    try:
        dbapi = raw.driver_connection
        for table, (columns, rows) in tables.items():
            started, count = time.perf_counter(), 0
            names = ", ".join(f'"{c}"' for c in columns)
            if engine.dialect.name == "postgresql":
                with dbapi.cursor() as cur:
                    with cur.copy(f'COPY "{table}" ({names}) FROM STDIN') as cp:
                        for row in rows:
                            cp.write_row(row)
                            count += 1
                    cur.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                                f"(SELECT max(id) FROM \"{table}\"))")
                dbapi.commit()
            else:
                marks = ", ".join("?" for _ in columns)
                cur = dbapi.cursor()
                cur.execute("BEGIN")
                for chunk in _chunks(rows):
                    cur.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', chunk)
                    count += len(chunk)
                cur.execute("COMMIT")
            print(f"  {table:<30} {count:>10,} rows in {time.perf_counter() - started:5.1f} s",
                  flush=True)
        if engine.dialect.name == "postgresql":
            dbapi.autocommit = True
            dbapi.execute("ANALYZE")
        else:
            dbapi.execute("ANALYZE")
    finally:
        raw.close()


# -- measuring -----------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def workload(rng: random.Random, posts: int, members: int, n: int) -> list[dict[str, Any]]:
    """n requests: 50 post ids drawn at random from the whole forum (a worst case for the
    index: no two on the same page), read by a random member, or by no one one time in ten."""
    made = []
    for _ in range(n):
        reader = None if rng.random() < 0.1 else f"u{rng.randint(1, members)}"
        ids = [f"p{rng.randint(1, posts)}" for _ in range(BATCH)]
        made.append({"reader_id": reader, "post_ids": ids})
    return made


def _ok(response: Any) -> None:
    assert response.status_code == 200, response.text


def _timed(requests: list[dict[str, Any]], warmup: int,
           call: Callable[[dict[str, Any]], None]) -> tuple[list[float], list[float]]:
    """Wall-clock seconds per call, and CPU seconds this process spent on it (all threads):
    on a busy machine the wall clock includes waiting for a core, the CPU time does not."""
    timings, cpu = [], []
    for i, body in enumerate(requests):
        began, began_cpu = time.perf_counter(), time.process_time()
        call(body)
        if i >= warmup:
            timings.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
    return timings, cpu


async def _over_asgi(app: Any, headers: dict[str, str], requests: list[dict[str, Any]],
                     warmup: int) -> tuple[list[float], list[float]]:
    """The whole route in this process and event loop: middleware, auth, validation, the
    read session, JSON; no sockets and no TestClient thread hand-offs."""
    transport = httpx.ASGITransport(app=app)
    timings, cpu = [], []
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for i, body in enumerate(requests):
            began, began_cpu = time.perf_counter(), time.process_time()
            response = await client.post("/v1/forums/bench/render-hints", json=body,
                                         headers=headers)
            elapsed, spent = time.perf_counter() - began, time.process_time() - began_cpu
            _ok(response)
            if i >= warmup:
                timings.append(elapsed)
                cpu.append(spent)
    return timings, cpu


def _explain(engine: Engine, forum_id: int, secret: str, ids: list[str]) -> None:
    """Print the database's plan for the read path's query, to show it uses the indexes."""
    statement = cw_repo._PAGE.params(forum_id=forum_id, reader_key=member_key(secret, "u1"),
                                     ids=ids)
    sql = str(statement.compile(engine, compile_kwargs={"literal_binds": True}))
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as conn:
        plan = [" | ".join(str(c) for c in row) for row in conn.exec_driver_sql(prefix + sql)]
    print("  plan of the read path's query:")
    for line in plan:
        print(f"    {line if len(line) < 150 else line[:146] + ' ...'}")


def run(kind: str, url: str, args: argparse.Namespace) -> None:
    print(f"\n== {kind}: {args.posts:,} posts, {args.members:,} members ==", flush=True)
    upgrade(url)
    # No per-key rate limit: one key asks far more than 500 times a second in process.
    settings = Settings(database_url=url, run_scheduler=False, rate_per_second=0,
                        _env_file=None)  # type: ignore[call-arg]
    services = Services.build(settings, clock=FrozenClock(NOW))
    cache = services.registry.plugins["content_warnings"].cache  # type: ignore[attr-defined]
    with session_scope(services.engine) as session:
        forum = forums.create_forum(session, services.registry, slug="bench", adapter="generic",
                                    name="Bench", adapter_settings={}, actor="bench", now=NOW)
        _, platform_key = keys.create_key(session, scope=Scope.platform, forum_id=forum.id,
                                          now=NOW)
        ensure_seeded(session, forum, NOW, TaxonomyCache())
        assert forum.id is not None
        label_ids = [label.id for label in cw_repo.labels(session, forum.id) if label.id]
    rng = random.Random(11)
    started = time.perf_counter()
    bulk_load(services.engine, _rows(forum.id, forum.member_secret, label_ids, args.posts,
                                     args.members, services.engine.dialect.name, rng))
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)

    requests = workload(random.Random(5), args.posts, args.members, args.warmup + args.requests)
    _explain(services.engine, forum.id, forum.member_secret, requests[0]["post_ids"])
    app = create_app(services=services, run_scheduler=False)
    headers = {"Authorization": f"Bearer {platform_key}"}
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(services.engine, "before_cursor_execute", count)
    asgi = asyncio.run(_over_asgi(app, headers, requests, args.warmup))
    event.remove(services.engine, "before_cursor_execute", count)
    per_request = statements / len(requests)

    with TestClient(app) as client:
        testclient = _timed(requests, args.warmup, lambda body: _ok(
            client.post("/v1/forums/bench/render-hints", json=body, headers=headers)))

    settings = ContentWarningSettings()

    def direct(body: dict[str, Any]) -> None:
        with session_scope(services.reader) as session:
            hints.render_hints(session, forum, settings, cache, body["reader_id"],
                               body["post_ids"])

    alone = _timed(requests, args.warmup, direct)
    print(f"  {'':<24} {'wall clock':^27}   {'CPU time of this process':^27}")
    for name, (timings, cpu) in (("route over ASGI (httpx)", asgi),
                                 ("route via TestClient", testclient),
                                 ("service render_hints", alone)):
        print(f"  {name:<24} p50 {percentile(timings, 0.5):6.2f} ms  "
              f"p99 {percentile(timings, 0.99):6.2f} ms   "
              f"p50 {percentile(cpu, 0.5):6.2f} ms  p99 {percentile(cpu, 0.99):6.2f} ms",
              flush=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  machine load average (1, 5, 15 min) at the end: {load} on {os.cpu_count()} cores")
    print(f"  {len(requests) - args.warmup:,} timed requests of {BATCH} posts each after "
          f"{args.warmup} to warm up; {per_request:.1f} SQL statements per request, "
          "the key and forum look-ups included")
    services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    postgres = None if args.sqlite_only else (
        os.environ.get("FORUMKIT_BENCH_POSTGRES_URL")
        or os.environ.get("FORUMKIT_TEST_POSTGRES_URL"))
    with tempfile.TemporaryDirectory() as tmp:
        with database(None, Path(tmp)) as url:
            run("SQLite", url, args)
        if postgres:
            with database(postgres, Path(tmp)) as url:
                run("PostgreSQL", url, args)


if __name__ == "__main__":
    main()
