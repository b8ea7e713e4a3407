"""`python -m forumkit.client send`: the queue sent from the command line, the secret read
from the environment, a JSON report on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import Engine

from forumkit.client import enqueue
from forumkit.client.cli import main
from tests.client.conftest import LiveForumKit
from tests.support.world import post_created


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_send_as_a_command_sends_the_queue_and_reports_counts(
    forum_db: Engine, forumkit: LiveForumKit
) -> None:
    with forum_db.begin() as conn:
        enqueue(conn, post_created("e1", "p1"))
        enqueue(conn, post_created("e2", "p2", first=False))
    env = {**os.environ, "FORUM_FK_SECRET": forumkit.secret}
    ran = subprocess.run(
        [sys.executable, "-m", "forumkit.client", "send", "--database-url", _url(forum_db),
         "--url", forumkit.url, "--forum", "calm", "--secret-env", "FORUM_FK_SECRET"],
        env=env, capture_output=True, text=True, timeout=30)
    assert ran.returncode == 0, ran.stderr
    report = json.loads(ran.stdout)
    assert (report["applied"], report["pending"], report["stopped"]) == (2, 0, None)
    assert forumkit.ingested() == {"e1", "e2"}
    assert forumkit.secret not in ran.stdout + ran.stderr


def test_send_exits_non_zero_when_forumkit_stays_down(
    forum_db: Engine, forumkit: LiveForumKit, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    with forum_db.begin() as conn:
        enqueue(conn, post_created("e1", "p1"))
    forumkit.stop()
    monkeypatch.setenv("FORUM_FK_KEY", forumkit.world.keys["calm:platform"])
    code = main(["send", "--database-url", _url(forum_db), "--url", forumkit.url,
                 "--forum", "calm", "--key-env", "FORUM_FK_KEY", "--backoff", "0.01",
                 "--tries", "2"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert (report["sent"], report["failures"], report["pending"]) == (0, 2, 1)
    assert report["stopped"].startswith("unavailable")


def test_send_without_the_secret_in_the_environment_says_which_variable(
    forum_db: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("FORUM_FK_SECRET", raising=False)
    code = main(["send", "--database-url", _url(forum_db), "--url", "http://127.0.0.1:9",
                 "--forum", "calm", "--secret-env", "FORUM_FK_SECRET"])
    assert code == 2
    assert "FORUM_FK_SECRET is not set" in capsys.readouterr().err
