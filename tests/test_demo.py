"""The demo forum: sample threads applied once, fresh keys that work, old ones revoked."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from forumkit.demo import SAMPLE_POSTS, run_demo
from forumkit.plugin import JobContext
from forumkit.plugins.unanswered.jobs import fire_due_count
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


def test_demo_shows_each_care_feature_at_work(services: Services, client: TestClient) -> None:
    keys = _keys(run_demo(services))
    platform = {"Authorization": f"Bearer {keys['platform']}"}
    hints = client.post("/v1/forums/demo/render-hints", headers=platform,
                        json={"reader_id": None, "post_ids": ["p1", "p5"]}).json()
    assert hints["posts"]["p5"]["display"] == "blur"
    assert [label["key"] for label in hints["posts"]["p5"]["labels"]] == ["self-harm"]
    assert hints["posts"]["p1"]["display"] == "show"
    diary = client.get("/v1/forums/demo/permissions", headers=platform,
                       params={"member_id": "u-bea", "thread_id": "t2"}).json()
    assert (diary["response_mode"], diary["can_reply"]) == ("diary", False)

    # The scheduler's alert job finds the post nobody has answered for over five hours.
    fire_due_count(JobContext(engine=services.engine, now=services.clock.now(), app=services))
    moderator = {"Authorization": f"Bearer {keys['moderator']}"}
    alerts = client.get("/v1/forums/demo/alerts", headers=moderator).json()
    assert [(a["post_id"], a["new_member"]) for a in alerts] == [("p6", True)]
