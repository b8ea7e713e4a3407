"""A Discourse forum's settings: validated when saved, the API key never shown again."""

from __future__ import annotations

from forumkit.outbox.worker import deliver_due
from tests.adapters.discourse.conftest import Site
from tests.adapters.discourse.fake_discourse import API_KEY


def _admin(site: Site) -> dict[str, str]:
    return {"Authorization": f"Bearer {site.admin_key}"}


def test_the_api_key_is_masked_in_answers_and_the_audit_log(site: Site) -> None:
    shown = site.client.get("/v1/forums/dc", headers=_admin(site)).json()
    assert shown["adapter_settings"]["api_key"] == "********"
    changed = site.client.patch("/v1/forums/dc", headers=_admin(site), json={
        "adapter_settings": {"api_key": "********", "moderator_group": "moderators"}})
    assert changed.status_code == 200
    assert API_KEY not in changed.text
    audit = site.client.get("/v1/forums/dc/audit", headers=_admin(site))
    assert audit.json()[0]["action"] == "forum.update" and API_KEY not in audit.text
    # Sending the mask back kept the real key: deliveries still authenticate.
    site.queue("notify_moderators", text="Someone needs a look")
    deliver_due(site.services)
    assert [i["status"] for i in site.outbox()] == ["delivered"]


def test_bad_settings_are_refused_field_by_field(site: Site) -> None:
    response = site.client.patch("/v1/forums/dc", headers=_admin(site), json={
        "adapter_settings": {"base_url": "https://forum.example.org/latest", "colour": "x"}})
    assert response.status_code == 422
    problems = {tuple(p["loc"]): p["msg"] for p in response.json()["detail"]}
    assert "without a path" in problems[("body", "adapter_settings", "base_url")]
    assert ("body", "adapter_settings", "colour") in problems
