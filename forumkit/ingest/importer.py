"""`forumkit import`: a forum's history from a JSON Lines file of native events, one event a
line, in batches marked as an import (nothing is sent from them: forumkit.ingest.service).

Progress is kept beside the file (`<file>.progress`: how many lines are done), so a run
that stops resumes where it was; events are applied once by id, so a line done twice
changes nothing. Lines that are not valid events are set aside in `<file>.rejected` with
their line number and errors, and the import goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlmodel import Session

from forumkit.db import retrying
from forumkit.errors import NotFound
from forumkit.events import Event, split
from forumkit.forums import repository as forums
from forumkit.forums.models import Forum
from forumkit.ingest import service
from forumkit.services import Services

BATCH = 200


@dataclass
class Imported:
    lines: int = 0  # lines read this run
    applied: int = 0
    duplicates: int = 0
    rejected: int = 0
    resumed_at: int = 0  # lines already done before this run


def run(app: Services, slug: str, source: Path,
        progress: Callable[[int], None] = lambda n: None) -> Imported:
    """Import `source` into forum `slug`; `progress` is told how many lines each batch took."""
    done_file = source.with_name(source.name + ".progress")
    rejected_file = source.with_name(source.name + ".rejected")
    start = int(done_file.read_text().strip() or 0) if done_file.exists() else 0
    found = Imported(resumed_at=start)
    forum = retrying(app.engine, lambda session: forums.by_slug(session, slug))
    if forum is None:
        raise NotFound(f"no forum {slug!r}")
    for first, chunk in _batches(source, start):
        events, bad = split([item for _, item in chunk])
        if bad:
            with rejected_file.open("a") as out:
                for r in bad:
                    out.write(json.dumps({"line": chunk[r.index][0], "id": r.id,
                                          "errors": r.errors}) + "\n")
        result = retrying(app.engine, partial(_apply, app, forum, events))
        found.lines += len(chunk)
        found.applied += result.applied
        found.duplicates += result.duplicates
        found.rejected += len(bad)
        done_file.write_text(str(first + len(chunk)))
        progress(len(chunk))
    return found


def _apply(app: Services, forum: Forum, events: list[Event],
           session: Session) -> service.IngestResult:
    return service.ingest(session, forum, events, app.registry, app.clock.now(), importing=True)


def _batches(source: Path, start: int) -> Iterator[tuple[int, list[tuple[int, Any]]]]:
    """(lines done before the batch, [(line number, the line's JSON)]) from line `start`."""
    chunk: list[tuple[int, Any]] = []
    first = start
    with source.open() as lines:
        for number, line in enumerate(lines, start=1):
            if number <= start:
                continue
            if not chunk:
                first = number - 1
            if not line.strip():
                continue
            try:
                item: Any = json.loads(line)
            except json.JSONDecodeError:
                item = line  # not JSON: rejected as not an event
            chunk.append((number, item))
            if len(chunk) == BATCH:
                yield first, chunk
                chunk = []
    if chunk:
        yield first, chunk


def total_lines(source: Path) -> int:
    with source.open() as lines:
        return sum(1 for _ in lines)
