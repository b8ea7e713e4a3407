"""Admins' overrides and a forum's locale and time zone, end to end: what a member or a
moderator receives through the API and the outbox changes with them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from forumkit.clock import FrozenClock
from tests.plugins.response_modes.conftest import (
    connect,
    delivered,
    diary,
    permissions,
    reply,
    set_mode,
)
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created

HELD = "response_modes.why_held_until"
HIDDEN = "response_modes.hidden_diary_no_reactions"


def _put(world: World, message_id: str, text: str, who: str = "calm:admin") -> Any:
    return world.client.put(f"/v1/forums/calm/messages/{message_id}", json={"text": text},
                            headers=world.auth(who))


def _listed(world: World, message_id: str) -> dict[str, Any]:
    found = world.client.get("/v1/forums/calm/messages", headers=world.auth("calm:admin"))
    assert found.status_code == 200, found.text
    return next(m for m in found.json()["messages"] if m["id"] == message_id)


def test_admins_list_every_message_with_its_default_placeholders_and_override(
    world: World,
) -> None:
    held = _listed(world, HELD)
    assert held["placeholders"] == ["opens_at"]
    assert held["default"].startswith("The author has asked for replies to wait until {opens_at}")
    assert held["text"] == held["default"] and held["override"] is None
    assert held["owner"] == "response_modes" and held["audience"] == "member"
    listing = world.client.get("/v1/forums/calm/messages", headers=world.auth("calm:admin"))
    assert listing.json()["locale"] == "en" and "es" in listing.json()["translations"]
    assert world.client.get("/v1/forums/calm/messages",
                            headers=world.auth("calm:moderator")).status_code == 403
    assert world.client.get("/v1/forums/calm/messages",
                            headers=world.auth("other:admin")).status_code == 404


def test_an_override_changes_the_note_a_member_receives_with_a_hidden_reply(
    world: World,
) -> None:
    words = "Thanks for caring. The author wanted no replies here, so yours is hidden."
    assert _put(world, HIDDEN, words).status_code == 200
    with running(Receiver()) as platform:
        connect(world, platform.url, pre_check=False)
        diary(world)
        reply(world, "r1")
        [hide] = delivered(world, platform, "hide_post")
    assert hide["data"]["message"] == words


def test_an_override_changes_the_notice_drawn_in_a_labelled_post_s_place(world: World) -> None:
    world.send([post_created("e1", "p1", content_warnings=["self-harm"])])

    def notice() -> str:
        answer = world.client.post("/v1/forums/calm/render-hints",
                                   json={"reader_id": "u7", "post_ids": ["p1"]},
                                   headers=world.auth("calm:platform"))
        assert answer.status_code == 200, answer.text
        return str(answer.json()["posts"]["p1"]["notice"])

    assert notice() == ("Content warning: Self-harm. The post is covered; choose to show it "
                        "when you feel ready.")
    assert _put(world, "content_warnings.notice_blurred",
                "Covered ({labels}): open it when you want to.").status_code == 200
    assert notice() == "Covered (Self-harm): open it when you want to."
    # Only this forum's words changed.
    assert _listed(world, "content_warnings.notice_blurred")["override"] is not None


def test_an_override_keeps_the_placeholders_of_its_message(world: World) -> None:
    missing = _put(world, HELD, "The author has asked for replies to wait.")
    assert missing.status_code == 422
    assert "missing {opens_at}" in missing.text
    unknown = _put(world, HELD, "Wait until {opens_at}, {name}.")
    assert unknown.status_code == 422 and "unknown {name}" in unknown.text
    attribute = _put(world, HELD, "Wait until {opens_at.__class__}.")
    assert attribute.status_code == 422 and "is not a placeholder" in attribute.text
    braces = _put(world, HELD, "Wait until {opens_at.")
    assert braces.status_code == 422
    unsafe = _put(world, "helper_impact.care", "Someone committed suicide, it is not an emergency.")
    assert unsafe.status_code == 422 and "safe-messaging" in unsafe.text
    assert _put(world, "no_such.message", "Hello").status_code == 404
    assert _put(world, HELD, "Wait until {opens_at}.", who="calm:platform").status_code == 403
    assert _listed(world, HELD)["override"] is None


def test_going_back_to_the_default_is_audited_like_the_change(world: World) -> None:
    assert _put(world, HELD, "Replies wait until {opens_at}.").status_code == 200
    assert _listed(world, HELD)["text"] == "Replies wait until {opens_at}."
    back = world.client.delete(f"/v1/forums/calm/messages/{HELD}",
                               headers=world.auth("calm:admin"))
    assert back.status_code == 200 and back.json()["override"] is None
    assert back.json()["text"] == back.json()["default"]
    audit = world.client.get("/v1/forums/calm/audit", headers=world.auth("calm:admin")).json()
    actions = [(e["action"], e["subject"]) for e in audit[:2]]
    assert actions == [("message.reset", f"message:{HELD}"),
                       ("message.override", f"message:{HELD}")]
    assert audit[1]["after"] == {"text": "Replies wait until {opens_at}."}


def test_a_spanish_forum_in_madrid_tells_members_when_held_replies_open(
    world: World, clock: FrozenClock,
) -> None:
    changed = world.client.patch("/v1/forums/calm", json={"locale": "es-ES",
                                                          "timezone": "Europe/Madrid"},
                                 headers=world.auth("calm:admin"))
    assert changed.status_code == 200, changed.text
    assert (changed.json()["locale"], changed.json()["timezone"]) == ("es_ES", "Europe/Madrid")
    diary(world)
    opens = clock.now() + timedelta(hours=3)  # 05:10 UTC
    assert set_mode(world, "u42", "held", opens_at=opens.isoformat()).status_code == 200
    assert permissions(world, "u7")["reason"] == (
        "Quien abrió el hilo ha pedido que las respuestas esperen hasta el lunes 5 de enero de "
        "2026 a las 06:10 (CET). Aun así, puedes dejar una reacción para mostrar que lo has "
        "leído.")
    # The member's own zone, when the platform sends it with the question.
    assert "a las 00:10 (EST)" in permissions(world, "u7", timezone="America/New_York")["reason"]


def test_an_english_forum_shows_held_times_in_its_zone(world: World, clock: FrozenClock) -> None:
    assert world.client.patch("/v1/forums/calm", json={"timezone": "Australia/Sydney"},
                              headers=world.auth("calm:admin")).status_code == 200
    diary(world)
    opens = clock.now() + timedelta(hours=3)
    assert set_mode(world, "u42", "held", opens_at=opens.isoformat()).status_code == 200
    assert "wait until Monday 5 January 2026 at 16:10 AEDT." in permissions(world, "u7")["reason"]


def test_a_forum_s_locale_and_zone_are_checked(world: World) -> None:
    wrong = world.client.patch("/v1/forums/calm", json={"locale": "zz-nope",
                                                        "timezone": "Mars/Olympus"},
                               headers=world.auth("calm:admin"))
    assert wrong.status_code == 422
    fields = [e["loc"][-1] for e in wrong.json()["detail"]]
    assert fields == ["locale", "timezone"]


def test_the_read_path_runs_the_page_s_query_alone_once_its_forum_is_known(
    world: World,
) -> None:
    world.send([post_created("e1", "p1"),  # no labels: no notice to draw
                post_created("e2", "p2", first=False, content_warnings=["self-harm"])])
    platform = world.auth("calm:platform")
    with world.statements() as first:
        world.client.post("/v1/forums/calm/render-hints", json={"post_ids": ["p1", "p2"]},
                          headers=platform)
    # The first request of the process reads the key, the forum, its plugins, its wording
    # and its labels; later ones, the page alone, whether a notice is drawn or not.
    assert any("message_override" in s for s in first)
    for post_ids in (["p1"], ["p1", "p2"]):
        with world.statements() as seen:
            answer = world.client.post("/v1/forums/calm/render-hints",
                                       json={"post_ids": post_ids}, headers=platform)
        assert answer.status_code == 200
        assert [s for s in seen if s != "BEGIN"] == [
            s for s in seen if "content_warnings_post_label" in s], seen
        assert len([s for s in seen if s != "BEGIN"]) == 1, seen
    assert answer.json()["posts"]["p2"]["notice"] == (
        "Content warning: Self-harm. The post is covered; choose to show it when you feel "
        "ready.")
    # An admin's new wording applies to the next page at once in this process.
    assert _put(world, "content_warnings.notice_blurred", "Covered: {labels}.").status_code == 200
    answer = world.client.post("/v1/forums/calm/render-hints", json={"post_ids": ["p2"]},
                               headers=platform)
    assert answer.json()["posts"]["p2"]["notice"] == "Covered: Self-harm."
