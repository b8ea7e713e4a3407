"""Connecting a Discourse forum from the command line, and checking the connection against a
local server posing as Discourse."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.adapters.discourse.fake_discourse import API_KEY, API_USERNAME, FakeDiscourse
from tests.support.processes import forumkit, forumkit_env


def test_create_configure_and_check_a_discourse_forum(
    db: str, client: TestClient, fake: FakeDiscourse
) -> None:
    env = forumkit_env(db)
    created = forumkit(["forum", "create", "peer-dc", "--adapter", "discourse",
                        "-s", f"base_url={fake.url}"], env)
    assert created.returncode == 0, created.stderr
    forum = json.loads(created.stdout)
    assert forum["adapter"] == "discourse"
    assert len(forum["webhook_secret"]) >= 12  # Discourse wants 12 characters or more
    assert forum["webhook_url"].endswith("/v1/hooks/peer-dc")

    configured = forumkit(["forum", "configure", "peer-dc", "--set", f"api_key={API_KEY}",
                           "--set", f"api_username={API_USERNAME}",
                           "--set", 'warning_tags={"cw-self-harm": "self-harm"}',
                           "--set", "whispers=true"], env)
    assert configured.returncode == 0, configured.stderr
    shown = json.loads(configured.stdout)["adapter_settings"]
    assert shown["api_key"] == "********" and API_KEY not in configured.stdout
    assert shown["warning_tags"] == {"cw-self-harm": "self-harm"} and shown["whispers"] is True

    checked = forumkit(["forum", "check", "peer-dc"], env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines() == [
        f"ok    reached {fake.url} with the API key",
        "ok    alerts go to group 'moderators'",
        f"ok    '{API_USERNAME}' is staff; whispers are on",
    ]
    assert [r.path for r in fake.received] == ["/groups/moderators.json", "/session/current.json"]


def test_check_reports_what_does_not_work(db: str, client: TestClient,
                                          fake: FakeDiscourse) -> None:
    env = forumkit_env(db)
    created = forumkit(["forum", "create", "peer-dc", "--adapter", "discourse",
                        "-s", f"base_url={fake.url}", "-s", f"api_key={API_KEY}",
                        "-s", f"api_username={API_USERNAME}", "-s", "moderator_group=carers",
                        "-s", 'diary_tags=["diary", "journal"]'], env)
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["adapter_settings"]["diary_tags"] == ["diary", "journal"]
    missing_group = forumkit(["forum", "check", "peer-dc"], env)
    assert missing_group.returncode == 1
    assert "FAIL  no group 'carers': alerts would not arrive" in missing_group.stdout

    forumkit(["forum", "configure", "peer-dc", "--set", "api_key=not-the-right-key"], env)
    refused = forumkit(["forum", "check", "peer-dc"], env)
    assert refused.returncode == 1
    assert f"FAIL  Discourse refused the API key for user '{API_USERNAME}' (HTTP 403)" in (
        refused.stdout)

    unknown = forumkit(["forum", "configure", "peer-dc", "--set", "colour=blue"], env)
    assert unknown.returncode == 2 and "colour" in unknown.stderr
    nowhere = forumkit(["forum", "check", "no-such-forum"], env)
    assert nowhere.returncode == 2 and "no forum 'no-such-forum'" in nowhere.stderr
