"""`forumkit import FILE --forum SLUG`: history from JSON Lines, sent nowhere, resumable,
with lines that are not events set aside."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import func, select

from forumkit.db import session_scope
from forumkit.ingest import importer
from forumkit.mirror.models import Post
from forumkit.outbox.models import OutboxItem
from tests.support.processes import forumkit, forumkit_env
from tests.support.world import World, post_created


def _write(path: Path, count: int, bad_at: int) -> None:
    lines = []
    for n in range(count):
        lines.append("{not json" if n == bad_at else json.dumps(post_created(
            f"h{n}", f"p{n}", thread=f"t{n // 5}", author=f"u{n % 7}", first=n % 5 == 0,
            body="I was cutting myself again last night.")))
    path.write_text("\n".join(lines) + "\n")


def test_an_import_applies_history_sends_nothing_and_resumes(
    world: World, db: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(importer, "BATCH", 20)  # several batches from a short file
    source = tmp_path / "history.jsonl"
    _write(source, 45, bad_at=7)
    env = forumkit_env(db)
    ran = forumkit(["import", str(source), "--forum", "calm"], env)
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout.strip().splitlines()[-1]) == {
        "lines": 45, "applied": 44, "duplicates": 0, "rejected": 1, "resumed_after_line": 0}
    [rejected] = (tmp_path / "history.jsonl.rejected").read_text().splitlines()
    assert json.loads(rejected)["line"] == 8
    with session_scope(world.services.engine) as session:
        assert session.exec(select(func.count()).select_from(Post)).one() == 44
        assert session.exec(select(OutboxItem)).all() == [], "no one is messaged or alerted"
    # A second run has nothing left; one told it had stopped half-way picks up from there.
    again = forumkit(["import", str(source), "--forum", "calm"], env)
    assert json.loads(again.stdout.strip().splitlines()[-1])["lines"] == 0
    (tmp_path / "history.jsonl.progress").write_text("20")
    resumed = forumkit(["import", str(source), "--forum", "calm"], env)
    summary = json.loads(resumed.stdout.strip().splitlines()[-1])
    assert (summary["resumed_after_line"], summary["lines"]) == (20, 25)
    assert (summary["applied"], summary["duplicates"]) == (0, 25)


def test_importing_into_an_unknown_forum_fails_clearly(db: str, tmp_path: Path) -> None:
    source = tmp_path / "h.jsonl"
    _write(source, 3, bad_at=-1)
    ran = forumkit(["import", str(source), "--forum", "nowhere"], forumkit_env(db))
    assert ran.returncode == 2 and "no forum 'nowhere'" in ran.stderr
    assert importer.total_lines(source) == 3
