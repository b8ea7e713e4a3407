"""A stream of events that mixes what makes order matter inside a batch: a reply to a
thread opened earlier in it, a reply hidden later in it, an edit that changes a thread's
mode before later replies, reactions, deletions, risky words, content warnings and new
members."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

START = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
BODIES = (
    "I have not slept properly in days and I feel so alone",
    "Thank you, this really helped me today",
    "I want to end my life, I cannot go on like this",
    "Walking helped a bit, and writing things down before bed",
    "This traffic is killing me but otherwise fine",
    "I cut myself again last night",
)
MODES = ("open", "open", "open", "diary", "reactions_only", "held")
KINDS = ("thank_you", "hug", "heart", "like")


def mixed_stream(count: int, seed: int) -> list[dict[str, Any]]:
    """`count` events of a forum's hour, interleaved across its threads."""
    rng = random.Random(seed)
    events: list[dict[str, Any]] = []
    threads: dict[str, list[str]] = {}
    members = [f"u{i}" for i in range(8)]
    posts = 0

    def emit(kind: str, **payload: Any) -> None:
        at = START + timedelta(seconds=30 * len(events))
        events.append({"id": f"e{len(events)}", "type": kind, "occurred_at": at.isoformat(),
                       **payload})

    def new_post(thread: str, first: bool, author: str) -> dict[str, Any]:
        nonlocal posts
        posts += 1
        post_id = f"p{posts}"
        reply_to = None if first else rng.choice(threads[thread])
        threads.setdefault(thread, []).append(post_id)
        return {"id": post_id, "thread_id": thread, "author_id": author, "reply_to_id": reply_to,
                "is_first_in_thread": first, "category_id": rng.choice(("c1", "c2")),
                "title": "Struggling" if first else None, "body": rng.choice(BODIES),
                "author_is_staff": rng.random() < 0.05,
                "content_warnings": [rng.choice(("self-harm", "suicide"))]
                if rng.random() < 0.2 else [],
                "response_mode": rng.choice(MODES) if first else None}

    while len(events) < count:
        roll = rng.random()
        if not threads or roll < 0.2:
            if rng.random() < 0.3:
                members.append(f"u{len(members)}")
                emit("member.created", member={"id": members[-1], "is_staff": False})
            thread = f"t{len(threads) + 1}"
            threads[thread] = []
            emit("post.created", post=new_post(thread, True, rng.choice(members)))
            continue
        thread = rng.choice(list(threads))
        post = rng.choice(threads[thread])
        if roll < 0.55:
            emit("post.created", post=new_post(thread, False, rng.choice(members)))
        elif roll < 0.75:
            emit("reaction.added", reaction={"post_id": post, "member_id": rng.choice(members),
                                             "kind": rng.choice(KINDS)})
        elif roll < 0.85:
            emit("post.edited", post={"id": post, "body": rng.choice(BODIES),
                                      "response_mode": rng.choice((None, *MODES)),
                                      "content_warnings": rng.choice((None, [], ["suicide"]))})
        elif roll < 0.9:
            emit("post.hidden", post={"id": post, "reason": "off_topic"})
        elif roll < 0.93:
            emit("post.unhidden", post={"id": post})
        elif roll < 0.96:
            emit("post.deleted", post={"id": post})
        else:
            emit("reaction.removed", reaction={"post_id": post, "member_id": rng.choice(members),
                                               "kind": rng.choice(KINDS)})
    return events
