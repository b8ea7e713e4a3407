"""What every care feature leaves in the database for a stream of events, sent in batches
and one event a request, stays what it was when the outcome was recorded (a digest of each
row is in tests/data/ingest-outcome.json): handling a batch set-based changes no outcome.

The stream (tests/support/stream.py) mixes what makes order matter inside a batch. A batch and
its events one by one do not always end the same (the plugins see the mirror as the whole
batch left it: a post hidden later in its batch is never watched), so each way has its own
recorded outcome. After a deliberate change of behaviour, record it again with
FORUMKIT_WRITE_OUTCOME=1 and read the difference in review."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session

from forumkit.db import session_scope
from forumkit.forums.models import Forum
from forumkit.identity import member_key
from forumkit.models import metadata
from tests.support.stream import mixed_stream
from tests.support.world import World

OUTCOME = Path(__file__).parents[1] / "data" / "ingest-outcome.json"
ROW_ID = re.compile(r"(?<=:)\d+\b|(?<=\"alert_id\": )\d+")  # in keys and payloads
MEMBER = re.compile(r"^member:(\d+)$")
FEATURES = ("content_warnings_", "gratitude_", "helper_impact_", "response_modes_",
            "unanswered_")
CORE = {"member", "thread", "post", "category_name", "outbox"}


def _rows(session: Session, forum: Forum, platform_ids: set[str]) -> dict[str, list[str]]:
    """Each feature's rows of the forum, with ids put as the platform names them (posts,
    threads, members); a feature's references to its own rows are left out."""
    tables = [t for t in metadata().metadata.sorted_tables
              if "forum_id" in t.c and (t.name in CORE or t.name.startswith(FEATURES))]
    keys = {member_key(forum.member_secret, p): p for p in platform_ids}
    members = {m.id: keys.get(m.key, m.key) for m in session.execute(
        select(metadata().metadata.tables["member"]).where(
            metadata().metadata.tables["member"].c.forum_id == forum.id))}
    names = {"member": members}
    for name in ("post", "thread"):
        table = metadata().metadata.tables[name]
        names[name] = dict(session.execute(
            select(table.c.id, table.c.ext_id).where(table.c.forum_id == forum.id)).all())
    found: dict[str, list[str]] = {}
    for table in tables:
        out = []
        for row in session.execute(select(table).where(table.c.forum_id == forum.id)):
            values = []
            for column in table.c:
                if column.name in ("id", "forum_id"):
                    continue
                value = row._mapping[column]
                target = next(iter(column.foreign_keys), None)
                if target is not None and value is not None:
                    to = target.column.table.name
                    value = names[to].get(value) if to in names else "a row"
                elif table.name == "member" and column.name == "key":
                    value = keys.get(value, value)
                elif column.name in ("dedupe_key", "payload") and value is not None:
                    value = ROW_ID.sub("#", json.dumps(value, sort_keys=True))  # row ids
                elif isinstance(value, dict | list):
                    value = json.dumps(value, sort_keys=True)
                elif isinstance(value, str):
                    value = MEMBER.sub(lambda m: f"member:{members.get(int(m[1]))}", value)
                values.append(f"{column.name}={value!r}")
            out.append(", ".join(values))
        found[table.name] = sorted(out)
    return found


def _outcome(world: World, slug: str, platform_ids: set[str]) -> dict[str, list[str]]:
    with session_scope(world.services.engine) as session:
        forum = session.execute(select(Forum).where(Forum.slug == slug)).scalar_one()
        return _rows(session, forum, platform_ids)


def _members(events: list[dict[str, Any]]) -> set[str]:
    return {e.get("post", {}).get("author_id") or e.get("reaction", {}).get("member_id")
            or e.get("member", {}).get("id") for e in events} - {None}


# Forum, events a request, events sent (of the same stream): the recording (made before
# ingest was set-based) has the first 50 one by one, the whole stream in batches.
WAYS = {"batches of 80": ("calm", 80, 160), "one by one": ("other", 1, 50)}


@pytest.mark.parametrize("way", WAYS)
def test_each_feature_leaves_what_it_left_before_for_batches_and_for_single_events(
    world: World, way: str,
) -> None:
    forum, size, sent = WAYS[way]
    events = mixed_stream(160, seed=3)[:sent]
    for first in range(0, len(events), size):
        assert world.send(events[first:first + size], forum=forum).status_code == 200
    found = _outcome(world, forum, _members(events))
    digests = {table: sorted(_digest(row) for row in rows) for table, rows in found.items()}
    if os.environ.get("FORUMKIT_WRITE_OUTCOME"):
        recorded = json.loads(OUTCOME.read_text()) if OUTCOME.exists() else {}
        OUTCOME.write_text(json.dumps({**recorded, way: digests}, indent=0, sort_keys=True)
                           + "\n")
    expected = json.loads(OUTCOME.read_text())[way]
    assert found.keys() == expected.keys()
    for table, rows in found.items():
        assert digests[table] == expected[table], (
            way, table, [row for row in rows if _digest(row) not in expected[table]])
    assert sum(len(rows) for rows in found.values()) > 3 * sent  # real work


def _digest(row: str) -> str:
    return hashlib.blake2b(row.encode(), digest_size=6).hexdigest()
