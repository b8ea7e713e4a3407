"""Crisis signposting: the services the forum's admins chose, offered by compose-check
when a draft may be about its writer being at risk, and by render-hints beside posts in
threads carrying a support label; nothing where the forum configured no service."""

from __future__ import annotations

from typing import Any

from tests.support.world import World, post_created

SAMARITANS = {"name": "Samaritans", "offers": "Someone to talk to, any time",
              "phone": "116 123", "url": "https://www.samaritans.org", "hours": "24 hours",
              "country": "UK"}
AT_RISK = "I want to end my life tonight, I can't do this anymore"


def _configure(world: World, **settings: Any) -> Any:
    return world.client.put("/v1/forums/calm/plugins/content_warnings",
                            json={"settings": settings}, headers=world.auth("calm:admin"))


def _compose(world: World, body: str) -> dict[str, Any]:
    response = world.client.post("/v1/forums/calm/compose-check", json={"body": body},
                                 headers=world.auth("calm:platform"))
    assert response.status_code == 200, response.text
    return response.json()


def _hints(world: World, ids: list[str]) -> dict[str, Any]:
    response = world.client.post("/v1/forums/calm/render-hints", json={"post_ids": ids},
                                 headers=world.auth("calm:platform"))
    assert response.status_code == 200, response.text
    return response.json()


def test_a_draft_that_may_need_support_is_offered_the_forums_services(world: World) -> None:
    assert _compose(world, AT_RISK)["support"] is None, "no service configured, none invented"
    assert _configure(world, support_resources=[SAMARITANS]).status_code == 200
    answer = _compose(world, AT_RISK)
    support = answer["support"]
    assert support["line"].startswith("If things feel hard right now")
    assert [r["name"] for r in support["resources"]] == ["Samaritans"]
    assert support["resources"][0]["phone"] == "116 123"
    assert "end my life" not in str(support), "the draft's words are not repeated"
    assert _compose(world, "This traffic is killing me")["support"] is None
    assert _compose(world, "Does anyone have tips for sleeping better?")["support"] is None


def test_posts_in_a_thread_with_a_support_label_show_the_services(world: World) -> None:
    _configure(world, support_resources=[SAMARITANS])
    world.send([
        post_created("e1", "p1", content_warnings=["suicide"], body="A hard week."),
        post_created("e2", "p2", author="u7", first=False, body="Here for you"),
        post_created("e3", "p3", thread="t2", author="u8", body="Gardening tips"),
    ])
    answer = _hints(world, ["p1", "p2", "p3"])
    assert {p: h["support"] for p, h in answer["posts"].items()} == {
        "p1": True, "p2": True, "p3": False}
    assert answer["support"]["resources"][0]["url"] == "https://www.samaritans.org"
    assert _hints(world, ["p3"])["support"] is None


def test_no_services_means_no_support_in_hints(world: World) -> None:
    world.send([post_created("e1", "p1", content_warnings=["suicide"], body="A hard week.")])
    answer = _hints(world, ["p1"])
    assert answer["support"] is None and answer["posts"]["p1"]["support"] is False


def test_a_service_address_must_be_a_web_link(world: World) -> None:
    bad = _configure(world, support_resources=[{**SAMARITANS, "url": "javascript:alert(1)"}])
    assert bad.status_code == 422
    assert "http or https" in bad.text


def test_a_page_s_answer_is_the_documented_model_exactly(world: World) -> None:
    from forumkit.plugins.content_warnings.schemas import RenderHintsOut

    _configure(world, support_resources=[SAMARITANS])
    world.send([
        post_created("e1", "p1", content_warnings=["suicide", "self-harm"], body="Hard."),
        post_created("e2", "p2", author="u7", first=False, body="Here for you"),
    ])
    for ids in (["p1", "p2", "p9"], ["p9"]):
        answer = _hints(world, ids)
        assert RenderHintsOut.model_validate(answer).model_dump(mode="json") == answer
    assert _hints(world, ["p2"])["support"]["resources"][0]["country"] == "UK"
