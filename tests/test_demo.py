"""The demo forum: sample threads applied once, fresh keys that work, old ones revoked."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from forumkit.demo import SAMPLE_POSTS, run_demo
from forumkit.services import Services


def _keys(text: str) -> dict[str, str]:
    return dict(re.findall(r"(platform|moderator|admin) key:\s+(fk_\S+)", text))


def test_demo_sets_up_a_forum_with_threads_and_prints_working_keys(
    services: Services, client: TestClient
) -> None:
    first = run_demo(services)
    assert f"({len(SAMPLE_POSTS) + 1} new sample events applied)" in first
    keys = _keys(first)
    assert set(keys) == {"platform", "moderator", "admin"}
    assert "http://127.0.0.1:8000/docs" in first

    second = run_demo(services)
    assert "(0 new sample events applied)" in second
    new_keys = _keys(second)
    admin = {"Authorization": f"Bearer {new_keys['admin']}"}
    assert client.get("/v1/forums/demo/plugins", headers=admin).status_code == 200
    old = {"Authorization": f"Bearer {keys['admin']}"}
    assert client.get("/v1/forums/demo/plugins", headers=old).status_code == 401
