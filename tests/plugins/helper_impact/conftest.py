"""Stand-ins for what other plugins know (content warnings, moderators' care status), so
helper impact is tested against the facets it reads, the way those plugins will answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlmodel import col, select

from forumkit.db import session_scope
from forumkit.mirror.models import Post, Thread
from forumkit.outbox.models import OutboxItem
from forumkit.plugins.helper_impact.facets import POST_LABELS, TEXT_LABELS, THREAD_CARE_STATUS
from tests.support.world import World


@dataclass
class Facts:
    labels: dict[str, list[str]] = field(default_factory=dict)  # post ext id -> labels
    statuses: dict[str, str] = field(default_factory=dict)  # thread ext id -> words
    words: dict[str, str] = field(default_factory=dict)  # word in a text -> label

    def post_labels(self, session: Any, forum: Any, ids: list[int]) -> dict[int, list[str]]:
        posts = session.exec(select(Post).where(col(Post.id).in_(ids))).all()
        return {p.id: self.labels[p.ext_id] for p in posts if p.ext_id in self.labels}

    def care_status(self, session: Any, forum: Any, ids: list[int]) -> dict[int, str]:
        threads = session.exec(select(Thread).where(col(Thread.id).in_(ids))).all()
        return {t.id: self.statuses[t.ext_id] for t in threads if t.ext_id in self.statuses}

    def text_labels(self, session: Any, forum: Any, text: str) -> list[dict[str, Any]]:
        found: dict[str, list[str]] = {}
        for word, label in self.words.items():
            if word in text.lower():
                found.setdefault(label, []).append(word)
        return [{"key": k, "matched": v} for k, v in sorted(found.items())]


@pytest.fixture
def facts(world: World) -> Facts:
    made = Facts()
    world.services.registry.replace_facet(POST_LABELS, made.post_labels)
    world.services.registry.replace_facet(THREAD_CARE_STATUS, made.care_status)
    world.services.registry.replace_facet(TEXT_LABELS, made.text_labels)
    return made


def messages(world: World, topic: str | None = None) -> list[dict[str, Any]]:
    """message_member actions queued in the outbox, optionally of one topic (those queued at
    one moment come in no particular order)."""
    with session_scope(world.services.engine) as session:
        rows = session.exec(
            select(OutboxItem).where(OutboxItem.kind == "message_member")
            .order_by(col(OutboxItem.created_at), col(OutboxItem.id))
        ).all()
        found = [{"payload": r.payload, "dedupe_key": r.dedupe_key, "status": r.status,
                  "created_at": r.created_at} for r in rows]
    return [i for i in found if topic is None or i["payload"].get("topic") == topic]
