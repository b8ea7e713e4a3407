"""The `forumkit` command line, run as an operator would, against the test database."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.support.processes import forumkit, forumkit_env

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins

def test_forum_create_prints_json_with_its_secret_and_key_create_prints_the_key(
    db: str, client: TestClient
) -> None:
    env = forumkit_env(db)
    created = forumkit(["forum", "create", "peer-care", "--adapter", "generic",
                        "--name", "Peer Care", "-s", "callback_url=http://127.0.0.1:9/cb"], env)
    assert created.returncode == 0, created.stderr
    forum = json.loads(created.stdout)
    assert forum["slug"] == "peer-care"
    assert forum["name"] == "Peer Care"
    assert forum["webhook_secret"].startswith("whsec_")
    assert forum["adapter_settings"]["callback_url"] == "http://127.0.0.1:9/cb"

    made = forumkit(["key", "create", "--scope", "admin", "--forum", "peer-care"], env)
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip().splitlines()[-1]
    assert key.startswith("fk_")
    response = client.get("/v1/forums/peer-care/plugins",
                          headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200

    listed = forumkit(["forum", "list"], env)
    assert "peer-care\tgeneric\tPeer Care" in listed.stdout


def test_cli_errors_are_clear_and_exit_nonzero(db: str) -> None:
    env = forumkit_env(db)
    forumkit(["forum", "create", "calm"], env)
    again = forumkit(["forum", "create", "calm"], env)
    assert again.returncode == 2
    assert "a forum 'calm' already exists" in again.stderr
    bad = forumkit(["forum", "create", "x", "--adapter", "nope"], env)
    assert "adapter: 'nope' is not installed" in bad.stderr
    nokey = forumkit(["key", "create", "--scope", "platform", "--forum", "missing"], env)
    assert nokey.returncode == 2 and "no forum 'missing'" in nokey.stderr
    revoked = forumkit(["key", "revoke", "999"], env)
    assert revoked.returncode == 2 and "no key 999" in revoked.stderr


def test_operator_key_and_revoke(db: str, client: TestClient) -> None:
    env = forumkit_env(db)
    made = forumkit(["key", "create", "--scope", "admin"], env)
    lines = made.stdout.strip().splitlines()
    key, key_id = lines[-1], lines[0].split()[1]
    headers = {"Authorization": f"Bearer {key}"}
    assert client.post("/v1/forums", json={"slug": "via-api"}, headers=headers).status_code == 201
    assert forumkit(["key", "revoke", key_id], env).returncode == 0
    assert client.get("/v1/forums", headers=headers).status_code == 401
