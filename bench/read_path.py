"""The read path over real HTTP with a real load generator, beside a bare endpoint of the
same shape per route (bench/ceiling_app.py), interleaved in one run.

Seeds a fresh database through the events API (current dates), starts `forumkit serve`
(scheduler on, as it runs) and the ceiling under uvicorn, both pinned to core 0 (`taskset`),
then drives render-hints and permissions with wrk (pinned to core 1) in closed loop at
several connection counts, and render-hints with an open-loop client at a fixed rate
(latency counted from each request's intended send time). Unanswered alerts fall due during
the ForumKit steps; their lateness is read back at the end. Prints req/s, latencies,
non-2xx answers, the ratio to the ceiling and the goal beside each; time to /healthz; RSS
and PSS idle and after the load.

    .venv/bin/python bench/read_path.py --quick
    .venv/bin/python bench/read_path.py                   # 20,000 posts, 10 s a step
    .venv/bin/python bench/read_path.py --workers 2 --database-url \\
        postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from ingest import (  # noqa: E402
    FORUMKIT,
    HOST,
    Running,
    forumkit_env,
    free_port,
    iter_events,
    run_forumkit,
    running,
)
from scratch import database  # noqa: E402

SLUG = "bench"
MEMBERS = 2000  # u0 .. u1999 in the event stream
PAGE = 50  # posts a render-hints request
SPAN = timedelta(minutes=30)  # the seeded history ends now and starts this long ago
CLIENT_CORE = 1
KEPT_LOG = BENCH.parent / "var" / "bench-read-path-forumkit.log"
RATE_LIMIT = "100000"  # per key; the default (500/s) would answer 429 past it
PATHS = {"render-hints": f"/v1/forums/{SLUG}/render-hints",
         "permissions": f"/v1/forums/{SLUG}/permissions"}


# -- seeding ------------------------------------------------------------------------------


@dataclass
class Forum:
    posts: int = 0
    threads: int = 0
    authors: dict[str, str] = field(default_factory=dict)  # thread -> author, the first few


def seed(base: str, key: str, posts: int) -> Forum:
    """`posts` posts of the ingest bench's stream (with its replies, reactions, edits and new
    members), re-dated evenly over the last half hour, sent 500 events a request."""
    forum = Forum()
    end = datetime.now(UTC)
    step = SPAN / (posts * 2.4)  # the stream has about 2.4 events a post
    batch: list[dict[str, Any]] = []
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"},
                      timeout=300) as http:
        def send() -> None:
            answer = http.post(f"/v1/forums/{SLUG}/events", json={"events": batch})
            if answer.status_code != 200:
                raise SystemExit(f"seeding failed: {answer.status_code} {answer.text[:500]}")
            batch.clear()

        for n, event in enumerate(iter_events(start=end - SPAN)):
            event["occurred_at"] = min(end - SPAN + n * step, end).isoformat()
            if event["type"] == "post.created":
                if forum.posts == posts:
                    break
                forum.posts += 1
                post = event["post"]
                if post["is_first_in_thread"]:
                    forum.threads += 1
                    if len(forum.authors) < min(200, posts // 20):
                        forum.authors[post["thread_id"]] = post["author_id"]
            batch.append(event)
            if len(batch) == 500:
                send()
        if batch:
            send()
        # Some readers with choices per label, some threads in other modes: the read path
        # then has preferences and modes to apply, not only defaults.
        for n in range(min(200, posts // 20)):
            labels = {"self-harm": "blur", "suicide": "hide"} if n % 2 else {"self-harm": "hide"}
            http.put(f"/v1/forums/{SLUG}/members/u{n}/preferences",
                     json={"labels": labels}).raise_for_status()
        for n, (thread, author) in enumerate(forum.authors.items()):
            mode = ("reactions_only", "diary")[n % 2]
            http.put(f"/v1/forums/{SLUG}/threads/{thread}/response-mode",
                     json={"actor_id": author, "mode": mode}).raise_for_status()
    return forum


def short_window(base: str, admin_key: str) -> None:
    """The unanswered plugin with a one-minute window for every first post from now on."""
    answer = httpx.put(f"{base}/v1/forums/{SLUG}/plugins/unanswered",
                       headers={"Authorization": f"Bearer {admin_key}"}, timeout=30,
                       json={"enabled": True, "settings": {
                           "new_member_posts": 0, "rule": {"peer_window_minutes": 1}}})
    if answer.status_code != 200:
        raise SystemExit(f"unanswered settings refused: {answer.status_code} {answer.text}")


class Probes:
    """First posts timed so that their alerts (due a minute after posting) fall due while
    the ForumKit step that follows runs."""

    def __init__(self, base: str, key: str, per_step: int) -> None:
        self.base, self.key, self.per_step, self.sent = base, key, per_step, 0

    def before_step(self, seconds: float) -> None:
        now = datetime.now(UTC)
        events = []
        for i in range(self.per_step):
            n = self.sent + i
            due = now + timedelta(seconds=1 + (seconds - 1.5) * i / max(1, self.per_step))
            events.append({"id": f"probe-{n}", "type": "post.created",
                           "occurred_at": (due - timedelta(minutes=1)).isoformat(),
                           "post": {"id": f"probe-p{n}", "thread_id": f"probe-t{n}",
                                    "author_id": f"probe-u{n}", "is_first_in_thread": True,
                                    "title": "Mornings", "body": "Does anyone have a routine "
                                    "for mornings that helps?"}})
        answer = httpx.post(f"{self.base}/v1/forums/{SLUG}/events", json={"events": events},
                            headers={"Authorization": f"Bearer {self.key}"}, timeout=60)
        answer.raise_for_status()
        self.sent += self.per_step

    def lateness(self, moderator_key: str) -> list[float]:
        """Seconds from due to fired, for each probe's alert found."""
        found: list[float] = []
        offset = 0
        with httpx.Client(base_url=self.base, timeout=60,
                          headers={"Authorization": f"Bearer {moderator_key}"}) as http:
            while True:
                page = http.get(f"/v1/forums/{SLUG}/alerts", params={
                    "kind": "unanswered", "state": "all", "limit": 200, "offset": offset})
                page.raise_for_status()
                alerts = page.json()
                found += [(datetime.fromisoformat(a["fired_at"])
                           - datetime.fromisoformat(a["due_at"])).total_seconds()
                          for a in alerts if a["post_id"].startswith("probe-")]
                if len(alerts) < 200:
                    return found
                offset += 200


# -- closed loop: wrk ------------------------------------------------------------------------

LUA_COMMON = """
math.randomseed(%(seed)d)
wrk.headers["Authorization"] = "Bearer %(key)s"
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d\\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""
LUA = {
    "render-hints": """
request = function()
  local ids = {}
  for i = 1, %(page)d do ids[i] = '"p' .. math.random(1, %(posts)d) .. '"' end
  local reader = "null"
  if math.random(10) > 1 then reader = '"u' .. math.random(0, %(members)d - 1) .. '"' end
  return wrk.format("POST", "%(path)s", nil,
    '{"reader_id":' .. reader .. ',"post_ids":[' .. table.concat(ids, ",") .. ']}')
end
""",
    "permissions": """
request = function()
  return wrk.format("GET", "%(path)s?thread_id=t" .. math.random(1, %(threads)d)
    .. "&member_id=u" .. math.random(0, %(members)d - 1))
end
""",
}


@dataclass
class Load:
    """One measured run against one server: closed loop (wrk) or open loop."""

    requests: int
    seconds: float
    non_2xx: int
    errors: int  # no answer: connect, read, write errors and timeouts
    p50: float  # ms
    p99: float
    max: float

    @property
    def rate(self) -> float:
        """2xx answers a second: a quick 503 is not capacity."""
        return (self.requests - self.non_2xx) / self.seconds if self.seconds else 0.0

    def line(self, label: str) -> str:
        if not self.requests:
            return f"{label:<9} no answer within the run ({self.errors:,} failed)"
        return (f"{label:<9} {self.rate:>8,.0f} 2xx/s  p50 {self.p50:7.1f} ms  p99 "
                f"{self.p99:7.1f} ms  max {self.max:7.1f} ms  non-2xx {self.non_2xx:,}  "
                f"no answer {self.errors:,}")


def drain(base: str, limit: float = 120) -> None:
    """Wait until the server has worked off what a run left queued: a closed client's
    requests are still answered after it goes, and would land in the next run. /healthz is
    a plain `def` in both apps, so it waits in the same thread pool queue."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        sent = time.perf_counter()
        try:
            if httpx.get(f"{base}/healthz", timeout=limit).status_code == 200 \
                    and time.perf_counter() - sent < 0.1:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{base} still busy {limit:g} s after the load stopped")


def wrk(url: str, script: Path, connections: int, seconds: float) -> Load:
    done = subprocess.run(["taskset", "-c", str(CLIENT_CORE), "wrk", "-t1",
                           f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
                           "-s", str(script), url], capture_output=True, text=True,
                          timeout=seconds + 60)
    found = re.search(r"^RESULT (.*)$", done.stdout, re.M)
    if done.returncode != 0 or not found:
        raise SystemExit(f"wrk failed:\n{done.stdout}\n{done.stderr}")
    n, us, status, *lost, p50, p99, most = (int(v) for v in found.group(1).split())
    # wrk counts an answer with a status of 400 or more as a status error (it still counts
    # it among requests); no 3xx are expected here.
    drain(url)
    return Load(n, us / 1e6, status, sum(lost), p50 / 1e3, p99 / 1e3, most / 1e3)


# -- open loop --------------------------------------------------------------------------------


def render_hints_requests(port: int, key: str, posts: int, count: int = 1000,
                          seed: int = 11) -> list[bytes]:
    """Raw HTTP/1.1 requests like the wrk script's, made up front."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        reader = f'"u{rng.randrange(MEMBERS)}"' if rng.random() >= 0.1 else "null"
        ids = ",".join(f'"p{rng.randint(1, posts)}"' for _ in range(PAGE))
        body = f'{{"reader_id":{reader},"post_ids":[{ids}]}}'.encode()
        head = (f"POST {PATHS['render-hints']} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
                f"Authorization: Bearer {key}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        out.append(head + body)
    return out


IDLE_REUSE_SECONDS = 4.0


async def open_loop(port: int, requests: list[bytes], rate: float, seconds: float,
                    max_connections: int = 256) -> Load:
    """Send request i at start + i/rate whether or not earlier ones were answered (on a
    free kept-alive connection, or a new one, up to max_connections); latency is answer
    time minus intended send time, so time spent queued anywhere counts. As HTTP clients
    do, a connection idle for `IDLE_REUSE_SECONDS` is not used again: the server may be
    closing it (uvicorn closes one idle for 5 s), and a request sent on it would be lost."""
    loop = asyncio.get_running_loop()
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []
    slots = asyncio.Semaphore(max_connections)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    lost = 0
    start = loop.time() + 0.2

    async def one(i: int) -> None:
        nonlocal lost
        intended = start + i / rate
        await asyncio.sleep(intended - loop.time())
        async with slots:
            conn = None
            while idle and conn is None:
                reader, writer, since = idle.pop()
                if loop.time() - since > IDLE_REUSE_SECONDS:
                    writer.close()
                else:
                    conn = (reader, writer)
            try:
                if conn is None:
                    conn = await asyncio.open_connection(HOST, port)
                conn[1].write(requests[i % len(requests)])
                head = await conn[0].readuntil(b"\r\n\r\n")
                length = re.search(rb"content-length: *(\d+)", head, re.I)
                await conn[0].readexactly(int(length.group(1)) if length else 0)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                lost += 1
                if conn is not None:
                    conn[1].close()
                return
            idle.append((conn[0], conn[1], loop.time()))
        latencies.append(loop.time() - intended)
        statuses[int(head[9:12])] += 1

    await asyncio.gather(*(one(i) for i in range(int(rate * seconds))))
    elapsed = loop.time() - start
    for _, writer, _since in idle:
        writer.close()
    ordered = sorted(latencies) or [0.0]

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return Load(len(latencies), elapsed, sum(n for s, n in statuses.items() if s >= 300),
                lost, pct(0.5), pct(0.99), ordered[-1] * 1000)


# -- memory -----------------------------------------------------------------------------------


def tree(pid: int) -> Iterator[int]:
    """pid and every process below it."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    todo = [pid]
    while todo:
        here = todo.pop()
        yield here
        todo += parents.get(here, [])


def memory(pid: int) -> str:
    """RSS summed over the process tree (shared pages counted in each process), and PSS
    (shared pages split between the processes sharing them) where readable."""
    rss = pss = 0
    pss_known = True
    count = 0
    for each in tree(pid):
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        count += 1
        rss += int(re.search(r"^VmRSS:\s+(\d+)", status, re.M).group(1))  # type: ignore[union-attr]
        try:
            rollup = Path(f"/proc/{each}/smaps_rollup").read_text()
            pss += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
        except (OSError, AttributeError):
            pss_known = False
    shown = f"{pss / 1024:.0f} MiB" if pss_known else "unreadable"
    return f"RSS {rss / 1024:.0f} MiB, PSS {shown} ({count} processes)"


# -- main -------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> None:
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="2,000 posts, 3 s a step: to check the bench, not to measure")
    parser.add_argument("--posts", type=int, default=None, help="posts seeded (20,000)")
    parser.add_argument("--seconds", type=float, default=None, help="each closed-loop step (10)")
    parser.add_argument("--connections", default="8,64,256", help="closed-loop steps")
    parser.add_argument("--routes", default="render-hints,permissions")
    parser.add_argument("--rate", type=float, default=300, help="open loop, requests a second")
    parser.add_argument("--workers", type=int, default=1, help="forumkit serve --workers N")
    parser.add_argument("--alerts", type=int, default=10, help="alerts due per ForumKit step")
    parser.add_argument("--database-url", default=None,
                        help="PostgreSQL admin URL; a database is created beside it and dropped")
    parser.add_argument("--setting", action="append", default=[], metavar="FORUMKIT_X=VALUE",
                        help="a setting for ForumKit's server (repeatable); the defaults "
                             "otherwise")
    args = parser.parse_args()
    posts = args.posts or (2000 if args.quick else 20_000)
    seconds = args.seconds or (3.0 if args.quick else 10.0)
    steps = [int(c) for c in args.connections.split(",")]
    routes = args.routes.split(",")
    if (os.cpu_count() or 1) < 2 or not shutil.which("wrk") or not shutil.which("taskset"):
        raise SystemExit("needs 2 cores, wrk and taskset")
    os.sched_setaffinity(0, {CLIENT_CORE})  # this process (the open-loop client) and wrk
    cores = "0" if args.workers == 1 else ",".join(str(n) for n in range(os.cpu_count() or 2))
    pin = ["taskset", "-c", cores]

    with tempfile.TemporaryDirectory(prefix="forumkit-bench-") as scratch, ExitStack() as stack:
        tmp = Path(scratch)
        url = stack.enter_context(database(args.database_url, tmp))
        env = forumkit_env(url) | {"FORUMKIT_RATE_PER_SECOND": RATE_LIMIT} | dict(
            setting.split("=", 1) for setting in args.setting)
        run_forumkit(["migrate"], env, tmp)
        run_forumkit(["forum", "create", SLUG, "--adapter", "generic"], env, tmp)
        keys = {scope: run_forumkit(["key", "create", "--scope", scope, "--forum", SLUG],
                                    env, tmp).strip().splitlines()[-1]
                for scope in ("platform", "admin", "moderator")}

        fk_port, cl_port = free_port(), free_port()
        serve = [*pin, *FORUMKIT, "serve", "--host", HOST, "--port", str(fk_port),
                 "--workers", str(args.workers)]
        ceiling = [*pin, sys.executable, "-m", "uvicorn", "ceiling_app:app", "--app-dir",
                   str(BENCH), "--host", HOST, "--port", str(cl_port), "--no-access-log",
                   "--log-level", "warning", "--workers", str(args.workers)]
        KEPT_LOG.parent.mkdir(parents=True, exist_ok=True)  # kept once the server stops
        stack.callback(lambda: shutil.copyfile(tmp / "fk.log", KEPT_LOG))
        fk: Running = stack.enter_context(running(serve, env, tmp, tmp / "fk.log", fk_port,
                                                  "/healthz", poll=0.01))
        cl: Running = stack.enter_context(running(ceiling, dict(os.environ), tmp,
                                                  tmp / "ceiling.log", cl_port, "/healthz",
                                                  poll=0.01))
        time.sleep(1)
        idle = {"forumkit": memory(fk.proc.pid), "ceiling": memory(cl.proc.pid)}

        started = time.perf_counter()
        forum = seed(fk.base, keys["platform"], posts)
        print(f"settings: {forum.posts:,} posts in {forum.threads:,} threads seeded through "
              f"the events API in {time.perf_counter() - started:.0f} s (dated over the last "
              f"{SPAN.seconds // 60} minutes), database {url.split(':')[0]}, servers on core(s) "
              f"{cores}, wrk and the open-loop client on core {CLIENT_CORE}"
              + (" (sharing it with the servers)" if args.workers > 1 else "")
              + f", --workers {args.workers} for both, per-key rate limit {RATE_LIMIT}/s, "
              + "".join(f"{setting}, " for setting in args.setting)
              + f"{seconds:g} s a step; load average {os.getloadavg()[0]:.1f}", flush=True)
        short_window(fk.base, keys["admin"])
        probes = Probes(fk.base, keys["platform"], args.alerts)

        scripts = {}
        for route in routes:
            scripts[route] = tmp / f"{route}.lua"
            scripts[route].write_text((LUA_COMMON + LUA[route]) % {
                "seed": 7, "key": keys["platform"], "page": PAGE, "posts": forum.posts,
                "members": MEMBERS, "threads": forum.threads, "path": PATHS[route]})
            for base in (fk.base, cl.base):  # warm up, not counted
                wrk(base, scripts[route], 8, 1 if args.quick else 3)

        closed: dict[tuple[str, int, str], Load] = {}
        for route in routes:
            print(f"\n{route}, closed loop (wrk, one thread), ForumKit then the ceiling each step")
            for conns in steps:
                probes.before_step(seconds)
                for label, base in (("forumkit", fk.base), ("ceiling", cl.base)):
                    closed[route, conns, label] = load = wrk(base, scripts[route], conns,
                                                             seconds)
                    print(f"  {conns:>4} conns  " + load.line(label), flush=True)
                ratio = closed[route, conns, "forumkit"].rate / max(
                    closed[route, conns, "ceiling"].rate, 1e-9)
                print(f"  {conns:>4} conns  ForumKit at {ratio:.0%} of the ceiling"
                      + (" (goal: at least 40%)" if route == "render-hints" else ""),
                      flush=True)

        print(f"\nrender-hints, open loop at {args.rate:g} req/s for {seconds:g} s, latency "
              "from the intended send time")
        opened = {}
        for label, port in (("forumkit", fk_port), ("ceiling", cl_port)):
            if label == "forumkit":
                probes.before_step(seconds)
            reqs = render_hints_requests(port, keys["platform"], forum.posts)
            opened[label] = load = asyncio.run(open_loop(port, reqs, args.rate, seconds))
            drain(f"http://{HOST}:{port}")
            print(f"  {load.line(label)}", flush=True)

        time.sleep(2)  # the last probes' alerts fall due up to 0.5 s before the step ends
        late = sorted(probes.lateness(keys["moderator"]))
        after = {"forumkit": memory(fk.proc.pid), "ceiling": memory(cl.proc.pid)}

    print(f"\nsummary (load average now {os.getloadavg()[0]:.1f}: figures from a busy machine "
          "say more about the machine)")
    for route in routes:
        rates = {c: closed[route, c, "forumkit"].rate for c in steps}
        peak = max(rates.values())
        for conns in steps:
            if conns < 64:
                continue
            load = closed[route, conns, "forumkit"]
            slow_ok = load.requests > 0 and load.max <= 1000
            print(f"  {route} at {conns} conns: {rates[conns]:,.0f} 2xx/s, "
                  f"{rates[conns] / peak:.0%} of its peak {peak:,.0f} "
                  f"(goal: within 20%: {verdict(rates[conns] >= 0.8 * peak)}); slowest "
                  f"{load.max / 1000:.2f} s (goal: at most 1 s: {verdict(slow_ok)}); "
                  f"non-2xx {load.non_2xx:,}, no answer {load.errors:,}")
        if route == "render-hints":
            best = max(steps, key=lambda c: rates[c])
            ratio = rates[best] / max(closed[route, best, "ceiling"].rate, 1e-9)
            print(f"  render-hints at its peak ({best} conns): {ratio:.0%} of the ceiling "
                  f"(goal: at least 40%: {verdict(ratio >= 0.4)})")
            if args.workers > 1:
                print(f"  render-hints with --workers {args.workers}: {peak:,.0f} 2xx/s "
                      f"(goal with 2 on 2 cores: at least 1,500: {verdict(peak >= 1500)})")
    load = opened["forumkit"]
    print(f"  render-hints open loop at {args.rate:g} req/s: p99 {load.p99:.1f} ms, "
          f"{load.rate:,.0f} 2xx/s, non-2xx {load.non_2xx:,}, no answer {load.errors:,} (goal at "
          f"300 req/s: p99 under 10 ms, every answer 2xx: "
          + (verdict(load.p99 < 10 and not load.non_2xx and not load.errors)
             if args.rate == 300 else "not judged at this rate") + ")")
    if late:
        print(f"  alert lateness (fired minus due) of {len(late)} alerts due during the "
              f"ForumKit steps: p50 {late[len(late) // 2]:.2f} s, max {late[-1]:.2f} s "
              f"(goal: under 2 s: {verdict(late[-1] < 2)})")
    print(f"  alerts due during the load: {probes.sent}, fired: {len(late)}"
          + ("" if len(late) == probes.sent else "  (MISSED: some never fired)"))
    for label, run in (("forumkit", fk), ("ceiling", cl)):
        print(f"  {label}: launch to first 200 on /healthz {run.ready_seconds:.2f} s; "
              f"idle after start {idle[label]}; after the load {after[label]}")
    print(f"ForumKit's log: {KEPT_LOG}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted; servers stopped and temp files removed")
