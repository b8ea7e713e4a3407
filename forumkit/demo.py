"""The demo forum: a forum with a few sample threads, its keys, and things to try.

Running it again is harmless: events carry fixed ids, so the threads are applied once, and
the demo keys are kept in a file only the owner can read (`FORUMKIT_DEMO_KEYS_FILE`,
./var/demo-keys.json), so a restart prints the same keys and they keep working. A key in
the file that no longer works in this database (a fresh database, a revoked key) is
replaced, and demo keys whose plain text was lost are revoked.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from forumkit.db import session_scope
from forumkit.events import EventBatch
from forumkit.forums import repository as forums
from forumkit.forums import service as forum_service
from forumkit.forums.models import Forum
from forumkit.ingest.service import ingest
from forumkit.keys import service as keys
from forumkit.keys.models import ApiKey, Scope
from forumkit.services import Services

DEMO_LABEL = "demo"

# (thread, post, author, minutes ago, first?, reply to, title, category, body)
SAMPLE_POSTS: list[tuple[str, str, str, int, bool, str | None, str | None, str, str]] = [
    ("t1", "p1", "u-ash", 300, True, None, "Can't sleep again", "c-general",
     "Third night awake. My thoughts keep racing and I feel like a burden to everyone."),
    ("t1", "p2", "u-bea", 240, False, "p1", None, "c-general",
     "I know that feeling. A breathing exercise helped me: in for four, hold, out for six."),
    ("t2", "p3", "u-cal", 200, True, None, "Diary: week one without drinking", "c-diary",
     "Writing this for myself. Seven days sober. Not expecting replies, just need to get "
     "it out."),
    ("t3", "p4", "u-dee", 30, True, None, "First post, not sure where to start", "c-general",
     "Hi everyone, I lost my dad last month and I've been struggling since the funeral."),
    ("t4", "p5", "u-eli", 15, True, None, "Bad night", "c-crisis",
     "I've been having thoughts of self-harm again tonight and I don't know who to talk to."),
    ("t5", "p6", "u-fay", 320, True, None, "Does anyone else feel invisible?", "c-general",
     "I posted last week too. Some days I wonder if anyone notices I'm here."),
]
# The subforums' names, as a platform sends them beside their ids.
SAMPLE_CATEGORY_NAMES = {"c-general": "General support", "c-diary": "Diaries",
                         "c-crisis": "Crisis support"}
# What the authors chose when posting: a diary, and a content warning.
SAMPLE_CHOICES: dict[str, dict[str, Any]] = {
    "p3": {"response_mode": "diary"},
    "p5": {"content_warnings": ["self-harm"]},
}


# When each sample member joined, as a platform reports it (member.created): who is new
# goes by it. Fay joined last week; the others have been around for a while.
SAMPLE_JOINED_DAYS_AGO = {"u-ash": 700, "u-bea": 400, "u-cal": 180, "u-dee": 2, "u-eli": 365,
                          "u-fay": 9}


def sample_events(now: datetime) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [
        {"id": f"demo-join-{member}", "type": "member.created",
         "occurred_at": (now - timedelta(days=days)).isoformat(), "member": {"id": member}}
        for member, days in SAMPLE_JOINED_DAYS_AGO.items()
    ]
    for thread, post, author, ago, first, reply_to, title, category, body in SAMPLE_POSTS:
        events.append({
            "id": f"demo-{post}", "type": "post.created",
            "occurred_at": (now - timedelta(minutes=ago)).isoformat(),
            "post": {"id": post, "thread_id": thread, "author_id": author,
                     "reply_to_id": reply_to, "is_first_in_thread": first,
                     "category_id": category,
                     "category_name": SAMPLE_CATEGORY_NAMES[category],
                     "title": title, "body": body,
                     "url": f"https://forum.example/t/{thread}#{post}",
                     **SAMPLE_CHOICES.get(post, {})},
        })
    events.append({
        "id": "demo-r1", "type": "reaction.added",
        "occurred_at": (now - timedelta(minutes=200)).isoformat(),
        "reaction": {"post_id": "p2", "member_id": "u-ash", "kind": "thank_you"},
    })
    return events


def run_demo(app: Services, slug: str = "demo") -> str:
    now = app.clock.now()
    with session_scope(app.engine) as session:
        forum = forums.by_slug(session, slug)
        if forum is None:
            forum = forum_service.create_forum(
                session, app.registry, slug=slug, adapter="generic", name="Demo peer support",
                adapter_settings={}, actor="demo", now=now, outbound=app.outbound,
            )
        batch = EventBatch.model_validate({"events": sample_events(now)})
        result = ingest(session, forum, batch.events, app.registry, now)
        made = _demo_keys(session, app, forum, now)
    return _instructions(app, slug, made, result.applied)


def _demo_keys(session: Session, app: Services, forum: Forum, now: datetime) -> dict[Scope, str]:
    """The saved demo keys where they still work here; new ones (saved) where not."""
    path = Path(app.settings.demo_keys_file)
    saved = _read_keys_file(path)
    entry = _file_entry(app.settings.database_url, forum.slug)
    plain_by_scope = saved.get(entry, {})
    made: dict[Scope, str] = {}
    for scope in Scope:
        plain = plain_by_scope.get(scope.value)
        key = keys.find_active(session, plain) if plain else None
        if (plain and key is not None and key.forum_id == forum.id
                and key.scope == scope.value and key.label == DEMO_LABEL):
            made[scope] = plain
            continue
        # Demo keys of this scope whose plain text is not in the file can't be shown again.
        lost = session.exec(select(ApiKey).where(
            ApiKey.forum_id == forum.id, ApiKey.label == DEMO_LABEL,
            ApiKey.scope == scope.value, col(ApiKey.revoked_at).is_(None),
        ))
        for old in lost:
            keys.revoke(session, old.id or 0, forum.id, now)
        made[scope] = keys.create_key(
            session, scope=scope, forum_id=forum.id, now=now, label=DEMO_LABEL
        )[1]
    wanted = {scope.value: plain for scope, plain in made.items()}
    if wanted != plain_by_scope:
        saved[entry] = wanted
        _write_keys_file(path, saved)
    return made


def _file_entry(database_url: str, slug: str) -> str:
    # One file serves several databases (the default one, a scratch one) without one
    # overwriting the other's keys; the URL is hashed as it may hold a password.
    return f"{hashlib.sha256(database_url.encode()).hexdigest()[:16]}/{slug}"


def _read_keys_file(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text())
    except (FileNotFoundError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_keys_file(path: Path, data: dict[str, dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".new")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        os.fchmod(out.fileno(), 0o600)
        json.dump(data, out, indent=2)
    os.replace(scratch, path)


def forumkit_command() -> str:
    """How to call `forumkit` from this environment: the venv's script, relative if inside."""
    script = Path(sys.executable).parent / "forumkit"
    if not script.exists():
        return "forumkit"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


def _instructions(
    app: Services, slug: str, made: dict[Scope, str], applied: int
) -> str:
    base = app.settings.public_url.rstrip("/")
    plugins = ", ".join(sorted(app.registry.plugins)) or "none installed"
    p, m, a = made[Scope.platform], made[Scope.moderator], made[Scope.admin]
    command = forumkit_command()
    activate = "" if command == "forumkit" else f"  (or: source {Path(command).parent}/activate)"
    lines = [
        f"Demo forum '{slug}' is ready ({applied} new sample events applied).",
        f"Plugins: {plugins}",
        "",
        f"  platform key:  {p}",
        f"  moderator key: {m}",
        f"  admin key:     {a}",
        f"  (kept in {app.settings.demo_keys_file}: the same keys on every restart)",
        "",
        f"API docs:  {base}/docs",
        f"Pages:     {base}/ui/  (sign in with the moderator or admin key)",
        f"Command:   {command} --help{activate}",
        f"Walk through every feature: FORUMKIT_URL={base} docs/walkthrough.sh",
        "Try:",
        f"  curl -s -H 'Authorization: Bearer {a}' {base}/v1/forums/{slug}/plugins",
        f"  curl -s -H 'Authorization: Bearer {a}' {base}/v1/forums/{slug}/audit",
    ]
    if "content_warnings" in app.registry.plugins:
        lines += [
            f"  curl -s -H 'Authorization: Bearer {p}' -H 'Content-Type: application/json' \\",
            "       -d '{\"reader_id\":null,\"post_ids\":[\"p1\",\"p5\",\"p404\"]}' \\",
            f"       {base}/v1/forums/{slug}/render-hints",
        ]
    return "\n".join(lines)
