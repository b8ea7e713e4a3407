"""Members send feedback on how the forum works; admins read it and answer."""

from __future__ import annotations

from typing import Any

from forumkit.outbox.worker import deliver_due
from tests.plugins.helper_impact.conftest import messages
from tests.support.pages import sign_in
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created

IDEA = "Could there be a quiet room for people who just want to read?"


def _send(world: World, member: str, text: str = IDEA, forum: str = "calm") -> Any:
    return world.client.post(f"/v1/forums/{forum}/feedback",
                             json={"member_id": member, "text": text},
                             headers=world.auth(f"{forum}:platform"))


def test_a_member_sends_feedback_and_admins_see_it_open(world: World) -> None:
    sent = _send(world, "u7")
    assert sent.status_code == 201
    assert sent.json()["state"] == "open" and sent.json()["answer"] is None
    listed = world.client.get("/v1/forums/calm/feedback", params={"state": "open"},
                              headers=world.auth("calm:admin"))
    assert listed.status_code == 200
    [item] = listed.json()
    assert item["text"] == IDEA and item["answered_by"] is None
    other = world.client.get("/v1/forums/other/feedback", headers=world.auth("other:admin"))
    assert other.json() == []


def test_an_admin_answers_and_the_member_reads_the_answer_and_is_told(world: World) -> None:
    world.send([post_created("e1", "p1", author="u7")])
    item = _send(world, "u7").json()
    admin = world.auth("calm:admin")
    answered = world.client.post(f"/v1/forums/calm/feedback/{item['id']}/answer",
                                 json={"text": "Yes: we are opening one next month."},
                                 headers=admin)
    assert answered.status_code == 200, answered.text
    assert answered.json()["state"] == "answered"
    assert answered.json()["answered_by"].startswith("key:")

    mine = world.client.get("/v1/forums/calm/members/u7/feedback",
                            headers=world.auth("calm:platform")).json()
    assert mine[0]["answer"] == "Yes: we are opening one next month."
    assert "answered_by" not in mine[0]
    [message] = messages(world, "helper_impact.feedback_answer")
    assert message["payload"]["about_post_id"] == "p1"
    assert "Yes: we are opening one next month." in message["payload"]["text"]

    [entry, *_] = world.client.get("/v1/forums/calm/audit", headers=admin).json()
    assert entry["action"] == "feedback.answer"
    assert entry["subject"] == f"feedback:{item['id']}"
    assert world.client.get("/v1/forums/calm/feedback", params={"state": "open"},
                            headers=admin).json() == []


def test_a_member_without_posts_is_told_through_the_feedback_they_sent(world: World) -> None:
    item = _send(world, "lurker").json()
    world.client.post(f"/v1/forums/calm/feedback/{item['id']}/answer",
                      json={"text": "Thank you, we will."}, headers=world.auth("calm:admin"))
    [message] = messages(world, "helper_impact.feedback_answer")
    payload = message["payload"]
    assert "about_post_id" not in payload and payload["feedback_id"] == item["id"]
    assert "Thank you, we will." in payload["text"]
    mine = world.client.get("/v1/forums/calm/members/lurker/feedback",
                            headers=world.auth("calm:platform")).json()
    assert mine[0]["answer"] == "Thank you, we will."


def test_the_answer_reaches_the_forum_that_sent_the_feedback(world: World) -> None:
    with running(Receiver()) as forum_server:
        assert world.client.patch("/v1/forums/calm", headers=world.auth("calm:admin"),
                                  json={"adapter_settings": {"callback_url": forum_server.url}}
                                  ).status_code == 200
        item = _send(world, "lurker").json()
        world.client.post(f"/v1/forums/calm/feedback/{item['id']}/answer",
                          json={"text": "Thank you, we will."},
                          headers=world.auth("calm:admin"))
        while deliver_due(world.services):
            pass
        [delivery] = forum_server.wait_for(1)
    body = delivery.json()
    assert body["type"] == "message_member"
    assert body["data"]["feedback_id"] == item["id"] and "Thank you, we will." in (
        body["data"]["text"])


def test_feedback_is_only_for_admins_of_its_forum_and_members_see_only_their_own(
    world: World,
) -> None:
    item = _send(world, "u7").json()
    _send(world, "u9", "Please make the font bigger")
    assert world.client.get("/v1/forums/calm/feedback",
                            headers=world.auth("calm:platform")).status_code == 403
    assert world.client.get("/v1/forums/calm/feedback",
                            headers=world.auth("calm:moderator")).status_code == 403
    assert world.client.post(f"/v1/forums/other/feedback/{item['id']}/answer",
                             json={"text": "x"}, headers=world.auth("other:admin")
                             ).status_code == 404
    mine = world.client.get("/v1/forums/calm/members/u9/feedback",
                            headers=world.auth("calm:platform")).json()
    assert [m["text"] for m in mine] == ["Please make the font bigger"]
    assert _send(world, "u7", "   ").status_code == 422


def test_erasing_a_member_removes_their_feedback_notes_and_preferences(world: World) -> None:
    world.send([post_created("e1", "p1", author="u42"),
                post_created("e2", "p2", author="u7", first=False)])
    _send(world, "u42")
    platform = world.auth("calm:platform")
    world.client.post("/v1/forums/calm/posts/p2/impact-notes",
                      json={"member_id": "u42", "text": "Thank you", "public": True},
                      headers=platform)
    world.client.put("/v1/forums/calm/members/u42/impact-preferences", json={"digest": False},
                     headers=platform)
    world.client.delete("/v1/forums/calm/members/u42", headers=platform)
    assert world.client.get("/v1/forums/calm/feedback",
                            headers=world.auth("calm:admin")).json() == []
    notes = world.client.get("/v1/forums/calm/posts/p2/impact-notes", headers=platform)
    assert notes.json()["notes"] == []
    prefs = world.client.get("/v1/forums/calm/members/u42/impact-preferences", headers=platform)
    assert prefs.json() == {"digest": True, "note_messages": True}


def test_the_page_and_the_api_answer_feedback_the_same_way(world: World) -> None:
    world.send([post_created("e1", "p1", author="u7")])
    first = _send(world, "u7").json()["id"]
    second = _send(world, "u7", "Could the forum be darker at night?").json()["id"]
    by_api = world.client.post(f"/v1/forums/calm/feedback/{first}/answer",
                               json={"text": "Yes, from next week."},
                               headers=world.auth("calm:admin"))
    assert by_api.status_code == 200
    sign_in(world.client, world.keys["calm:admin"])
    page = world.client.get("/ui/forums/calm/feedback").text
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    by_page = world.client.post(f"/ui/forums/calm/feedback/{second}/answer",
                                data={"csrf": csrf, "answer": "We will try it."},
                                follow_redirects=False)
    assert by_page.status_code == 303
    answers = world.client.get("/v1/forums/calm/members/u7/feedback",
                               headers=world.auth("calm:platform")).json()
    assert {a["answer"] for a in answers} == {"Yes, from next week.", "We will try it."}
    assert len(messages(world, "helper_impact.feedback_answer")) == 2

    missing = world.client.post("/ui/forums/calm/feedback/999/answer",
                                data={"csrf": csrf, "answer": "Hello"})
    assert missing.status_code == 404
    assert "There is no suggestion 999 in this forum. Nothing was sent." in missing.text
