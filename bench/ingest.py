"""Ingest throughput over real HTTP: ForumKit's event endpoint beside a bare FastAPI ceiling.

Starts `forumkit serve` as a subprocess on a free loopback port against a fresh database
(SQLite in a temp dir, or a PostgreSQL database it creates and drops), posts a realistic
stream of events in batches from a few concurrent clients, then does the same against
bench/ceiling_app.py. Prints events/s and p50/p99 request latency for both.

    .venv/bin/python bench/ingest.py                      # 100,000 events on SQLite
    .venv/bin/python bench/ingest.py --events 5000        # a quick run
    .venv/bin/python bench/ingest.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

import httpx
from scratch import database  # bench/, beside this script
from sqlalchemy.engine import make_url

BENCH = Path(__file__).resolve().parent
KEPT_LOG = BENCH.parent / "var" / "bench-forumkit.log"
FORUMKIT = [sys.executable, "-m", "forumkit.cli"]
HOST = "127.0.0.1"
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
WORDS = (
    "I have been feeling low again this week and could not sleep much . Thank you all "
    "for the kind replies , it helps to know someone is listening . Does anyone else "
    "find mornings the hardest ? Walking helped me a bit and so did writing things down "
    "before bed . My counsellor suggested breathing exercises and a routine ."
).split()
CATEGORIES = ("c-anxiety", "c-depression", "c-grief", "c-carers", "c-general")
WARNINGS = ("self-harm", "suicide", "eating", "abuse")
REACTIONS = ("thank_you", "hug", "heart", "same_here")


# -- the event stream --------------------------------------------------------------------


def _body(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 110)))


@dataclass
class _Thread:
    id: str
    posts: list[str] = field(default_factory=list)
    left: int = 0  # events still to come in this thread


def make_events(count: int, seed: int = 7, end: datetime | None = None) -> list[dict[str, Any]]:
    """The first `count` events of `iter_events`; with `end`, re-dated so that the last one
    happened then (current dates: every care feature does its real work, none skips a post
    as too old)."""
    events = list(islice(iter_events(seed), count))
    if end is not None and events:
        shift = end - datetime.fromisoformat(events[-1]["occurred_at"])
        for event in events:
            at = datetime.fromisoformat(event["occurred_at"]) + shift
            event["occurred_at"] = at.isoformat()
    return events


def statements_per_event(events: list[dict[str, Any]], size: int) -> float:
    """SQL statements per event, counted in this process on a fresh SQLite database with
    every care feature on (as a new forum has them), sending the same batches (the first
    2,000 events)."""
    import warnings

    warnings.filterwarnings("ignore", message="Using `httpx`")  # the test client's notice
    from fastapi.testclient import TestClient
    from sqlalchemy import event as sa_event

    from forumkit.app import create_app
    from forumkit.db import session_scope
    from forumkit.forums import service as forums
    from forumkit.keys import service as keys
    from forumkit.keys.models import Scope
    from forumkit.migrate import upgrade
    from forumkit.registry import Registry
    from forumkit.services import Services
    from forumkit.settings import Settings

    sample = events[:2000]
    with tempfile.TemporaryDirectory(prefix="forumkit-bench-") as tmp:
        url = f"sqlite:///{tmp}/count.db"
        upgrade(url)
        settings = Settings(database_url=url, run_scheduler=False, rate_per_second=0,
                            _env_file=None)  # type: ignore[call-arg]
        services = Services.build(settings, registry=Registry.discover())
        now = datetime.now(UTC)
        with session_scope(services.engine) as session:
            made = forums.create_forum(session, services.registry, slug="bench",
                                       adapter="generic", name="Bench", adapter_settings={},
                                       actor="bench", now=now)
            _, platform = keys.create_key(session, scope=Scope.platform, forum_id=made.id,
                                          now=now)
        counted = 0

        def count(*_args: Any) -> None:
            nonlocal counted
            counted += 1

        with TestClient(create_app(services=services, run_scheduler=False)) as client:
            sa_event.listen(services.engine, "before_cursor_execute", count)
            for first in range(0, len(sample), size):
                client.post("/v1/forums/bench/events", json={"events": sample[first:first + size]},
                            headers={"Authorization": f"Bearer {platform}"})
            sa_event.remove(services.engine, "before_cursor_execute", count)
        services.close()
    return counted / max(1, len(sample))


def iter_events(seed: int = 7, start: datetime = START) -> Iterator[dict[str, Any]]:
    """A forum's day, interleaved: threads open with a first post, then draw replies,
    reactions and edits while a few dozen threads are active at once; some new members
    announce themselves first. Posts are p1, p2, ...; threads t1, t2, ...; members u0 to
    u1999, then newcomers."""
    rng = random.Random(seed)
    events: list[dict[str, Any]] = []  # made since the last yield
    made = 0
    active: list[_Thread] = []
    members = [f"u{i}" for i in range(2000)]
    at = start
    n_threads = n_posts = 0

    def emit(kind: str, **payload: Any) -> None:
        nonlocal made
        events.append({"id": f"evt-{made}", "type": kind,
                       "occurred_at": at.isoformat(), **payload})
        made += 1

    def post(thread: _Thread, first: bool) -> dict[str, Any]:
        nonlocal n_posts
        n_posts += 1
        post_id = f"p{n_posts}"
        reply_to = None if first else rng.choice(thread.posts)
        thread.posts.append(post_id)
        return {"id": post_id, "thread_id": thread.id, "author_id": rng.choice(members),
                "reply_to_id": reply_to, "is_first_in_thread": first,
                "category_id": rng.choice(CATEGORIES), "tags": [],
                "title": "Struggling this week" if first else None, "body": _body(rng),
                "url": f"https://forum.example/t/{thread.id}/{post_id}",
                "author_is_staff": rng.random() < 0.03,
                "content_warnings": [rng.choice(WARNINGS)] if rng.random() < 0.15 else [],
                "response_mode": "open"}

    while True:
        yield from events
        events.clear()
        at += timedelta(seconds=rng.randint(1, 20))
        if len(active) < 30 or rng.random() < 0.05:
            n_threads += 1
            thread = _Thread(f"t{n_threads}", left=rng.randint(2, 25))
            if rng.random() < 0.1:
                newcomer = f"u{len(members)}"
                members.append(newcomer)
                emit("member.created", member={"id": newcomer, "is_staff": False})
            emit("post.created", post=post(thread, first=True))
            active.append(thread)
            continue
        thread = rng.choice(active)
        roll = rng.random()
        if roll < 0.45:
            emit("post.created", post=post(thread, first=False))
        elif roll < 0.85:
            emit("reaction.added", reaction={"post_id": rng.choice(thread.posts),
                                             "member_id": rng.choice(members),
                                             "kind": rng.choice(REACTIONS)})
        else:
            emit("post.edited", post={"id": rng.choice(thread.posts), "body": _body(rng)})
        thread.left -= 1
        if thread.left <= 0:
            active.remove(thread)


def encode_batches(events: list[dict[str, Any]], size: int) -> list[tuple[int, bytes]]:
    """(event count, JSON body) per request, encoded up front so the client stays cheap."""
    return [(len(events[i:i + size]), json.dumps({"events": events[i:i + size]}).encode())
            for i in range(0, len(events), size)]


# -- servers -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def forumkit_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUMKIT_")}
    env["FORUMKIT_DATABASE_URL"] = database_url
    return env


def run_forumkit(args: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run([*FORUMKIT, *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"forumkit {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


@dataclass
class Running:
    base: str  # http://host:port
    proc: subprocess.Popen[bytes]
    ready_seconds: float  # from launch to the first 200 on the ready path


@contextmanager
def server(cmd: list[str], env: dict[str, str], cwd: Path, log: Path, port: int
           ) -> Iterator[str]:
    """Run a server until the block ends; yield its base URL once it answers."""
    with running(cmd, env, cwd, log, port) as run:
        yield run.base


@contextmanager
def running(cmd: list[str], env: dict[str, str], cwd: Path, log: Path, port: int,
            ready_path: str = "/openapi.json", poll: float = 0.1) -> Iterator[Running]:
    """Run a server until the block ends; yield it once ready_path answers 200."""
    started = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"server exited with {proc.returncode}:\n{log.read_text()}")
            try:
                if httpx.get(base + ready_path, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"server did not answer within 30 s:\n{log.read_text()}")
            time.sleep(poll)
        yield Running(base, proc, time.perf_counter() - started)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- load ----------------------------------------------------------------------------------


@dataclass
class Result:
    label: str
    events: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    applied: int = 0
    duplicates: int = 0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0

    def line(self) -> str:
        rate = self.events / self.seconds if self.seconds else 0.0
        return (f"{self.label:<9} {rate:>10,.0f} events/s  p50 {self.percentile(0.50):7.1f} ms"
                f"  p99 {self.percentile(0.99):7.1f} ms  {len(self.latencies):,} requests"
                f" in {self.seconds:.1f} s")


async def load(label: str, url: str, headers: dict[str, str], batches: list[tuple[int, bytes]],
               concurrency: int, max_seconds: float) -> Result:
    """Send every batch once from `concurrency` clients sharing a queue; stop at max_seconds."""
    result = Result(label)
    queue: asyncio.Queue[tuple[int, bytes]] = asyncio.Queue()
    for item in batches:
        queue.put_nowait(item)
    total = sum(n for n, _ in batches)
    started = time.perf_counter()
    deadline = started + max_seconds

    async def client(http: httpx.AsyncClient) -> None:
        while not queue.empty() and time.perf_counter() < deadline:
            count, body = queue.get_nowait()
            sent = time.perf_counter()
            try:
                response = await http.post(url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                result.errors[type(exc).__name__] += 1
                continue
            result.latencies.append(time.perf_counter() - sent)
            if response.status_code != 200:
                result.errors[f"HTTP {response.status_code}"] += 1
                continue
            answer = response.json()
            result.events += count
            result.applied += answer.get("applied", 0)
            result.duplicates += answer.get("duplicates", 0)

    async def progress() -> None:
        while True:
            await asyncio.sleep(2)
            elapsed = time.perf_counter() - started
            failed = sum(result.errors.values())
            print(f"  {label}: {result.events:,}/{total:,} events, "
                  f"{result.events / elapsed:,.0f} events/s, {failed:,} failed requests",
                  flush=True)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        reporter = asyncio.create_task(progress())
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
        reporter.cancel()
    result.seconds = time.perf_counter() - started
    return result


# -- main ----------------------------------------------------------------------------------


def main() -> None:
    # Stop through the cleanup (server, database, temp dir) on Ctrl-C or SIGTERM, even when
    # started in the background, where a shell starts it with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="events to ingest")
    parser.add_argument("--batch", type=int, default=100, help="events per request")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    parser.add_argument("--database-url", default=None,
                        help="PostgreSQL admin URL; a database is created beside it and dropped")
    parser.add_argument("--max-seconds", type=float, default=1200,
                        help="stop sending after this long, per server")
    args = parser.parse_args()

    events = make_events(args.events, end=datetime.now(UTC) - timedelta(minutes=1))
    batches = encode_batches(events, args.batch)
    mix = Counter(e["type"] for e in events)
    size = sum(len(body) for _, body in batches) / len(batches)
    with tempfile.TemporaryDirectory(prefix="forumkit-bench-") as tmp_name:
        tmp = Path(tmp_name)
        with database(args.database_url, tmp) as url:
            backend = make_url(url).get_backend_name()
            print(f"settings: {len(events):,} events in {len(batches):,} requests of "
                  f"{args.batch} ({size / 1024:.0f} KiB each), concurrency {args.concurrency}, "
                  f"httpx {httpx.__version__} asyncio client, uvicorn single process, "
                  f"database {backend}, {os.cpu_count()} CPUs")
            print("mix: " + ", ".join(f"{kind} {n:,}" for kind, n in mix.most_common()),
                  flush=True)
            env = forumkit_env(url)
            run_forumkit(["migrate"], env, tmp)
            run_forumkit(["forum", "create", "bench", "--adapter", "generic"], env, tmp)
            key = run_forumkit(["key", "create", "--scope", "platform", "--forum", "bench"],
                               env, tmp).strip().splitlines()[-1]
            headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
            path = "/v1/forums/bench/events"

            port = free_port()
            serve = [*FORUMKIT, "serve", "--host", HOST, "--port", str(port), "--no-scheduler"]
            log = tmp / "forumkit.log"
            try:
                with server(serve, env, tmp, log, port) as base:
                    forumkit = asyncio.run(load("forumkit", base + path, headers, batches,
                                                args.concurrency, args.max_seconds))
            finally:
                # The temp dir goes; keep the server's log where failures can be read.
                KEPT_LOG.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(log, KEPT_LOG)

        port = free_port()
        ceiling_cmd = [sys.executable, "-m", "uvicorn", "ceiling_app:app", "--app-dir",
                       str(BENCH), "--host", HOST, "--port", str(port), "--no-access-log",
                       "--log-level", "warning"]
        with server(ceiling_cmd, dict(os.environ), tmp, tmp / "ceiling.log", port) as base:
            ceiling = asyncio.run(load("ceiling", base + path, headers, batches,
                                       args.concurrency, args.max_seconds))

    print()
    print(forumkit.line())
    print(ceiling.line())
    print(f"forumkit applied {forumkit.applied:,}, duplicates {forumkit.duplicates:,}, "
          f"errors {dict(forumkit.errors) or 0}; ForumKit runs at "
          f"{forumkit.events / forumkit.seconds / (ceiling.events / ceiling.seconds):.0%} "
          f"of the ceiling; server log in {KEPT_LOG}")
    print(f"SQL statements per event: {statements_per_event(events, args.batch):.1f} "
          f"(in process, SQLite, every care feature on, batches of {args.batch})")
    if forumkit.errors or forumkit.events < len(events):
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted; servers stopped and temp files removed")
