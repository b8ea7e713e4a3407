"""Outbox delivery under slow receivers: how late one forum's alerts are while another
forum's receiver drips, and whether two workers ever send one delivery twice.

1. lateness: forum "dripping" has 40 alerts queued to a webhook that answers one byte every
   5 s; forum "steady" then queues an alert every 0.2 s for 20 s to a receiver that answers
   at once. The real scheduler runs with the service's defaults (outbox polled every second,
   each request cut off at FORUMKIT_HTTP_TIMEOUT_SECONDS, 10 s). Lateness of a steady alert
   is its arrival minus when it was queued. Goal: p99 under 2 s.
2. in flight twice: 20 alerts to a receiver that holds every request open for 100 s, two
   workers (two schedulers with their own services, as two processes would be), for 25 s.
   For this run the lease is cut to 2 s (the service's is 60 s), so without renewal it would
   run out many times over while a request hangs; the deadline is 20 s (the service's is
   10 s) and retries wait 10 minutes, so that what the receiver sees is first sends only.
   Counted: delivery ids the receiver got more than once. Goal: 0.

    .venv/bin/python bench/delivery.py                      # SQLite in a temp dir
    .venv/bin/python bench/delivery.py --only lateness      # or --only twice
    FORUMKIT_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/delivery.py                  # SQLite, then PostgreSQL
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from sqlmodel import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scratch import database  # noqa: E402  (bench/, beside this script)

from forumkit import scheduler  # noqa: E402
from forumkit.actions import ALERT, Action  # noqa: E402
from forumkit.db import session_scope  # noqa: E402
from forumkit.forums import service as forums  # noqa: E402
from forumkit.forums.models import Forum  # noqa: E402
from forumkit.migrate import upgrade  # noqa: E402
from forumkit.outbox.models import OutboxItem  # noqa: E402
from forumkit.outbox.service import enqueue  # noqa: E402
from forumkit.services import Services  # noqa: E402
from forumkit.settings import Settings  # noqa: E402
from tests.outbox.slow_receivers import SECRET, SlowReceiver, slow_receiver  # noqa: E402


def services_for(url: str, **overrides: object) -> Services:
    # The service's defaults unless overridden; the receivers are on loopback, which the
    # operator's allowance opens.
    settings = Settings(database_url=url, run_scheduler=False, outbound_allow=["127.0.0.1/32"],
                        _env_file=None, **overrides)  # type: ignore[call-arg]
    return Services.build(settings)


def make_forums(app: Services, *slugs: str) -> dict[str, Forum]:
    made = {}
    with session_scope(app.engine) as session:
        for slug in slugs:
            made[slug] = forums.create_forum(
                session, app.registry, slug=slug, adapter="generic", name=slug.title(),
                adapter_settings={}, actor="bench", now=app.clock.now(), outbound=app.outbound,
            )
    return made


def queue(app: Services, forum: Forum, url: str, tag: str) -> str:
    """Queue one alert as a plugin would; returns its delivery id."""
    action = Action(kind=ALERT, channel="webhook", dedupe_key=tag, payload={
        "to": {"url": url, "secret": SECRET},
        "message": {"title": "A post has waited for a reply", "event": "alert.test"},
    })
    with session_scope(app.engine) as session:
        enqueue(session, forum, [action], app.clock.now())
        session.flush()
        return session.exec(select(OutboxItem.id).where(
            OutboxItem.forum_id == forum.id, OutboxItem.dedupe_key == tag)).one()


@contextmanager
def running(app: Services) -> Iterator[None]:
    runner = scheduler.start(app)
    try:
        yield
    finally:
        runner.shutdown(wait=True)


def lateness(url: str) -> None:
    upgrade(url)
    app = services_for(url)
    try:
        made = make_forums(app, "dripping", "steady")
        with ExitStack() as stack:
            drip = stack.enter_context(slow_receiver(SlowReceiver(drip=5.0)))
            fast = stack.enter_context(slow_receiver(SlowReceiver()))
            for i in range(40):
                queue(app, made["dripping"], drip.url, f"drip-{i}")
            queued: dict[str, float] = {}
            stack.enter_context(running(app))
            started = time.monotonic()
            i = 0
            while time.monotonic() - started < 20:
                queued[queue(app, made["steady"], fast.url, f"steady-{i}")] = time.monotonic()
                i += 1
                time.sleep(0.2)
            fast.wait_for(len(queued), timeout=30)
            late = sorted(a.at - queued[a.delivery] for a in fast.arrivals)
            dripped = len(drip.arrivals)
        print(f"  steady forum: {len(late)} alerts while the other forum's receiver drips "
              f"({dripped} of its requests started, each cut off at the deadline)")
        print(f"  lateness p50 {statistics.median(late):.2f} s, "
              f"p99 {late[int(0.99 * (len(late) - 1))]:.2f} s, max {late[-1]:.2f} s")
    finally:
        app.close()


def twice(url: str) -> None:
    upgrade(url)
    overrides = dict(outbox_lease_seconds=2, http_timeout_seconds=20.0,
                     outbox_backoff_base_seconds=600.0, outbox_poll_seconds=0.2)
    apps = [services_for(url, **overrides) for _ in range(2)]
    try:
        made = make_forums(apps[0], "hanging")
        with slow_receiver(SlowReceiver(hold=100.0)) as receiver:
            for i in range(20):
                queue(apps[0], made["hanging"], receiver.url, f"hang-{i}")
            with running(apps[0]), running(apps[1]):
                time.sleep(25)
            counts = Counter(receiver.ids())
        repeated = sorted(i for i, n in counts.items() if n > 1)
        print(f"  two workers, 25 s, receiver holding each request 100 s: {len(counts)} "
              f"deliveries sent, {len(repeated)} delivery ids sent twice")
    finally:
        for app in apps:
            app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["lateness", "twice"])
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the deadline's cut-offs would fill the screen
    backends: list[tuple[str, str | None]] = [("SQLite", None)]
    postgres = os.environ.get("FORUMKIT_TEST_POSTGRES_URL")
    if postgres:
        backends.append(("PostgreSQL", postgres))
    for name, admin_url in backends:
        print(f"{name}:")
        with tempfile.TemporaryDirectory() as tmp:
            for part in (lateness, twice):
                if args.only in (None, part.__name__):
                    with database(admin_url, Path(tmp)) as url:
                        part(url)


if __name__ == "__main__":
    main()
