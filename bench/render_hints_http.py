"""Render hints over real HTTP, beside a bare endpoint of the same shape (bench/ceiling_app.py),
in the same run, interleaved: `forumkit serve` (scheduler on, as it runs) on a fresh SQLite
database with 2,000 posts sent through the events API (one in five with a content warning),
then rounds of a few seconds each against ForumKit and the ceiling in turn, each round
closed-loop from `--concurrency` clients asking for pages of 50 posts. Prints requests a
second and p50/p99 for both, and the ratio (issue 14's goal: at least 40%). With
`--route permissions` the clients ask `GET permissions` for a member and a thread instead.

    .venv/bin/python bench/render_hints_http.py
    .venv/bin/python bench/render_hints_http.py --rounds 4 --seconds 5 --concurrency 16
    .venv/bin/python bench/render_hints_http.py --route permissions
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from ingest import (  # noqa: E402
    FORUMKIT,
    HOST,
    Result,
    forumkit_env,
    free_port,
    run_forumkit,
    server,
)

POSTS = 2000
PAGE = 50


def history() -> list[dict[str, object]]:
    events: list[dict[str, object]] = []
    for n in range(POSTS):
        post: dict[str, object] = {"id": f"p{n}", "thread_id": f"t{n // 20}",
                                   "author_id": f"u{n % 300}", "is_first_in_thread": n % 20 == 0,
                                   "body": "A long night, but I got through it."}
        if n % 5 == 0:
            post["content_warnings"] = ["self-harm"]
        events.append({"id": f"e{n}", "type": "post.created",
                       "occurred_at": "2026-12-01T10:00:00Z", "post": post})
    return events


async def round_of(label: str, url: str, headers: dict[str, str], concurrency: int,
                   seconds: float, rng: random.Random) -> Result:
    result = Result(label)
    started = time.perf_counter()

    async def client(http: httpx.AsyncClient) -> None:
        while time.perf_counter() - started < seconds:
            sent = time.perf_counter()
            if url.endswith("/permissions"):
                params = {"member_id": f"u{rng.randrange(300)}",
                          "thread_id": f"t{rng.randrange(POSTS // 20)}"}
                response = await http.get(url, params=params, headers=headers)
            else:
                first = rng.randrange(0, POSTS - PAGE)
                body = json.dumps({"reader_id": f"u{rng.randrange(300)}",
                                   "post_ids": [f"p{first + i}" for i in range(PAGE)]})
                response = await http.post(url, content=body, headers=headers)
            result.latencies.append(time.perf_counter() - sent)
            if response.status_code != 200:
                result.errors[f"HTTP {response.status_code}"] += 1
            result.events += 1  # one request

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
    result.seconds = time.perf_counter() - started
    return result


def merge(label: str, parts: list[Result]) -> Result:
    out = Result(label)
    for part in parts:
        out.events += part.events
        out.seconds += part.seconds
        out.latencies += part.latencies
        out.errors.update(part.errors)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--route", choices=("render-hints", "permissions"),
                        default="render-hints")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        env = forumkit_env(f"sqlite:///{tmp / 'forumkit.db'}")
        run_forumkit(["migrate"], env, tmp)
        run_forumkit(["forum", "create", "bench", "--adapter", "generic"], env, tmp)
        key = run_forumkit(["key", "create", "--scope", "platform", "--forum", "bench"],
                           env, tmp).strip().splitlines()[-1]
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        path = f"/v1/forums/bench/{args.route}"
        fk_port, ceiling_port = free_port(), free_port()
        serve = [*FORUMKIT, "serve", "--host", HOST, "--port", str(fk_port)]
        ceiling_cmd = [sys.executable, "-m", "uvicorn", "ceiling_app:app", "--app-dir",
                       str(BENCH), "--host", HOST, "--port", str(ceiling_port),
                       "--no-access-log", "--log-level", "warning"]
        with server(serve, env, tmp, tmp / "fk.log", fk_port) as fk, \
                server(ceiling_cmd, dict(os.environ), tmp, tmp / "c.log", ceiling_port) as cl:
            events = history()
            for i in range(0, POSTS, 200):
                answer = httpx.post(f"{fk}/v1/forums/bench/events", headers=headers,
                                    json={"events": events[i:i + 200]}, timeout=120)
                answer.raise_for_status()
            fk_parts, cl_parts = [], []
            for _ in range(args.rounds):  # interleaved, so both meet the same machine
                fk_parts.append(asyncio.run(round_of("forumkit", fk + path, headers,
                                                     args.concurrency, args.seconds, rng)))
                cl_parts.append(asyncio.run(round_of("ceiling", cl + path, headers,
                                                     args.concurrency, args.seconds, rng)))
    forumkit, ceiling = merge("forumkit", fk_parts), merge("ceiling", cl_parts)
    for result in (forumkit, ceiling):
        print(result.line().replace("events/s", "req/s   ").replace(" requests", " answers"),
              "errors:", dict(result.errors) or 0)
    ratio = (forumkit.events / forumkit.seconds) / (ceiling.events / ceiling.seconds)
    what = f"{PAGE} posts a request" if args.route == "render-hints" else "permissions"
    print(f"ForumKit answers at {ratio:.0%} of the ceiling's rate (goal: at least 40%), "
          f"{what}, {args.concurrency} clients, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
