"""`python -m forumkit.client`: send the forum's queue to ForumKit, once or in a loop.

    python -m forumkit.client send --database-url URL --url https://forumkit.example \\
        --forum peer-care --secret-env FORUMKIT_WEBHOOK_SECRET [--loop]

The secret (or a platform key, `--key-env`) is read from the environment variable named,
never from the command line, where other users of the machine could read it.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence

from sqlalchemy import create_engine

from forumkit.client.queue import create_table
from forumkit.client.sender import Backoff, Sender
from forumkit.client.transport import MAX_BATCH, Client


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m forumkit.client",
                                   description="ForumKit's client: the forum's event queue")
    commands = main.add_subparsers(dest="command", required=True)
    send = commands.add_parser("send", help="send queued events to ForumKit")
    send.add_argument("--database-url", required=True,
                      help="the forum's database, as a SQLAlchemy URL")
    send.add_argument("--url", required=True, help="ForumKit's address, e.g. https://fk.example")
    send.add_argument("--forum", required=True, help="the forum's slug in ForumKit")
    auth = send.add_mutually_exclusive_group(required=True)
    auth.add_argument("--secret-env", metavar="NAME",
                      help="environment variable holding the forum's webhook secret (whsec_...)")
    auth.add_argument("--key-env", metavar="NAME",
                      help="environment variable holding a platform API key")
    send.add_argument("--batch-size", type=int, default=100,
                      help=f"events per request, at most {MAX_BATCH} (default 100)")
    send.add_argument("--loop", action="store_true", help="keep sending until stopped")
    send.add_argument("--interval", type=float, default=5.0,
                      help="with --loop: seconds between looks at the queue (default 5)")
    send.add_argument("--backoff", type=float, default=1.0,
                      help="seconds before the first retry; doubled each time (default 1)")
    send.add_argument("--tries", type=int, default=5,
                      help="tries before giving up until the next run (default 5)")
    commands.add_parser("create-table", help="create the queue table (for trials; use "
                        "migrations in production)").add_argument("--database-url",
                                                                 required=True)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    engine = create_engine(args.database_url)
    if args.command == "create-table":
        create_table(engine)
        return 0
    name = args.secret_env or args.key_env
    value = os.environ.get(name)
    if not value:
        print(f"the environment variable {name} is not set", file=sys.stderr)
        return 2
    client = (Client(args.url, args.forum, secret=value) if args.secret_env
              else Client(args.url, args.forum, api_key=value))
    with client:
        sender = Sender(engine, client, batch_size=args.batch_size,
                        backoff=Backoff(first=args.backoff, tries=args.tries))
        if args.loop:
            stop = threading.Event()
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: stop.set())
            sender.run(interval=args.interval, stop=stop)
            return 0
        report = sender.send_pending()
    print(json.dumps(report.as_dict()))
    return 1 if report.stopped else 0
