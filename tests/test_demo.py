"""The demo forum: sample threads applied once, keys that stay the same across restarts."""

from __future__ import annotations

import re
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from forumkit.demo import SAMPLE_JOINED_DAYS_AGO, SAMPLE_POSTS, run_demo
from forumkit.plugin import JobContext
from forumkit.plugins.unanswered.jobs import fire_due_count
from forumkit.services import Services
from forumkit.settings import Settings


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    """The shared settings, with the demo's key file in this test's own folder."""
    return settings.model_copy(update={"demo_keys_file": str(tmp_path / "var" / "keys.json")})


def _keys(text: str) -> dict[str, str]:
    return dict(re.findall(r"(platform|moderator|admin) key:\s+(fk_\S+)", text))


def _works(client: TestClient, key: str, path: str) -> bool:
    return client.get(path, headers={"Authorization": f"Bearer {key}"}).status_code == 200


def test_a_second_run_prints_the_same_keys_and_they_keep_working(
    services: Services, client: TestClient, settings: Settings
) -> None:
    first = run_demo(services)
    events = len(SAMPLE_POSTS) + 1 + len(SAMPLE_JOINED_DAYS_AGO)  # posts, a reaction, joins
    assert f"({events} new sample events applied)" in first
    keys = _keys(first)
    assert set(keys) == {"platform", "moderator", "admin"}

    second = run_demo(services)
    assert "(0 new sample events applied)" in second
    assert _keys(second) == keys
    assert _works(client, keys["admin"], "/v1/forums/demo/plugins")
    assert _works(client, keys["moderator"], "/v1/forums/demo/alerts")
    assert _works(client, keys["platform"], "/v1/forums/demo/gratitude/kinds")
    kept = Path(settings.demo_keys_file)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert keys["admin"] in kept.read_text()


def test_a_revoked_demo_key_is_replaced_and_the_others_kept(
    services: Services, client: TestClient
) -> None:
    keys = _keys(run_demo(services))
    admin = {"Authorization": f"Bearer {keys['admin']}"}
    listed = client.get("/v1/forums/demo/keys", headers=admin).json()
    platform_id = next(k["id"] for k in listed if k["scope"] == "platform")
    assert client.delete(f"/v1/forums/demo/keys/{platform_id}", headers=admin).status_code == 200

    again = _keys(run_demo(services))
    assert again["platform"] != keys["platform"]
    assert _works(client, again["platform"], "/v1/forums/demo/gratitude/kinds")
    assert (again["moderator"], again["admin"]) == (keys["moderator"], keys["admin"])


def test_without_the_key_file_new_keys_are_made_and_the_lost_ones_revoked(
    services: Services, client: TestClient, settings: Settings
) -> None:
    keys = _keys(run_demo(services))
    Path(settings.demo_keys_file).unlink()

    again = _keys(run_demo(services))
    assert again["admin"] != keys["admin"]
    assert _works(client, again["admin"], "/v1/forums/demo/plugins")
    assert not _works(client, keys["admin"], "/v1/forums/demo/plugins")


def test_the_printed_urls_follow_the_port_the_service_listens_on(
    services: Services, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "http://127.0.0.1:8000/docs" in run_demo(services)
    monkeypatch.setenv("FORUMKIT_PORT", "8011")
    on_8011 = Settings(database_url=settings.database_url,  # type: ignore[call-arg]
                       demo_keys_file=settings.demo_keys_file, _env_file=None)
    text = run_demo(replace(services, settings=on_8011))
    assert "http://127.0.0.1:8011/docs" in text
    assert "http://127.0.0.1:8011/v1/forums/demo/plugins" in text
    assert ":8000" not in text


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
    # On top: Eli's post, which may need a moderator now; then Fay's, a newcomer's,
    # unanswered for over five hours.
    assert [(a["kind"], a["post_id"], a["new_member"]) for a in alerts] == [
        ("risk", "p5", False), ("unanswered", "p6", True)]
