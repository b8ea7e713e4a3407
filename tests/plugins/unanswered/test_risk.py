"""Risk alerts: a post whose words suggest its writer may be at risk reaches the moderators
at once, whatever the thread's mode, in the same queue (kind "risk", on top), escalating
when nobody claims it; the member is never told."""

from __future__ import annotations

import json

from sqlmodel import select

from forumkit.db import session_scope
from forumkit.outbox.models import OutboxItem
from forumkit.outbox.worker import deliver_due
from forumkit.scheduler import all_jobs, run_job
from tests.plugins.unanswered.support import (
    advance,
    alert_actions,
    alerts,
    configure,
    fields,
    post_created,
    reply,
)
from tests.support.receiver import Receiver, running
from tests.support.world import World

AT_RISK = "I just want to die and I have the pills ready"
RULES = {"rule": {"peer_window_minutes": 240,
                  "escalation": [{"after_minutes": 480, "channels": ["moderators"]}]}}


def _member_messages(world: World) -> list[OutboxItem]:
    with session_scope(world.services.engine) as session:
        return [r for r in session.exec(select(OutboxItem)) if r.kind == "message_member"]


def test_a_diary_post_at_risk_alerts_at_once_and_its_writer_is_never_told(
    world: World,
) -> None:
    configure(world, RULES)
    world.send([post_created("e1", "p1", body=AT_RISK, response_mode="diary",
                             content_warnings=[])])
    [alert] = alerts(world, kind="risk")
    assert alert["post_id"] == "p1" and alert["tier"] == 1 and alert["state"] == "open"
    codes = {r["code"] for r in alert["reasons"]}
    assert "plan_or_means" in codes
    assert all("pills" not in r["explanation"] for r in alert["reasons"])
    [fired] = alert_actions(world, "alert.fired")
    assert fields(fired)["kind"] == "risk"
    assert "may need a moderator now" in fired.payload["text"]
    assert "pills" not in fired.payload["text"], "the member's words are not repeated"
    assert "emergency" not in fired.payload["text"]
    assert _member_messages(world) == []
    assert alerts(world, kind="unanswered") == []  # a diary is not watched for an answer


def test_an_everyday_figure_of_speech_alerts_no_one(world: World) -> None:
    configure(world, RULES)
    world.send([post_created("e1", "p1", body="This traffic is killing me, honestly"),
                post_created("e2", "p2", thread="t2", body="I'm not suicidal, just tired")])
    assert alerts(world, state="all") == []


def test_risk_alerts_sit_above_older_unanswered_ones(world: World) -> None:
    configure(world, {"rule": {"peer_window_minutes": 30, "escalation": []},
                      "new_member_posts": 0})
    world.send([post_created("e1", "p1")])
    advance(world, minutes=31)
    world.send([post_created("e2", "p2", thread="t2", author="u8", body=AT_RISK)])
    assert [(a["kind"], a["post_id"]) for a in alerts(world)] == [("risk", "p2"),
                                                                  ("unanswered", "p1")]
    counts = world.client.get("/v1/forums/calm/alerts/counts",
                              headers=world.auth("calm:moderator")).json()
    assert counts["risk"] == 1 and counts["open"] == 2
    [unanswered] = alert_actions(world, "alert.fired")[:1]
    assert fields(unanswered)["kind"] == "unanswered"


def test_unclaimed_risk_escalates_after_fifteen_minutes_and_a_claim_stops_it(
    world: World,
) -> None:
    configure(world, RULES)
    world.send([post_created("e1", "p1", body=AT_RISK),
                post_created("e2", "p2", thread="t2", author="u8", body=AT_RISK)])
    first = {a["post_id"]: a for a in alerts(world, kind="risk")}
    moderator = world.auth("calm:moderator")
    claimed = world.client.post(f"/v1/forums/calm/alerts/{first['p2']['id']}/claim",
                                headers=moderator)
    assert claimed.status_code == 200, claimed.text
    advance(world, minutes=14)
    assert {a["tier"] for a in alerts(world, kind="risk")} == {1}
    advance(world, minutes=1)
    tiers = {(a["post_id"], a["tier"]) for a in alerts(world, kind="risk")}
    assert tiers == {("p1", 2), ("p2", 1)}
    [escalated] = [r for r in alert_actions(world, "alert.fired") if fields(r)["tier"] == 2]
    assert "Nobody has claimed or acknowledged the first alert yet." in escalated.payload["text"]
    assert fields(escalated)["reasons"], "the reasons go with the escalation"


def test_replies_do_not_close_a_risk_alert_only_a_moderator_does(world: World) -> None:
    configure(world, RULES)
    world.send([post_created("e1", "p1", body=AT_RISK),
                reply("e2", "p2", author="u7", at="2026-01-05T02:20:00Z", body="hugs, I'm here")])
    [alert] = alerts(world, kind="risk")
    assert alert["state"] == "open"
    resolved = world.client.post(f"/v1/forums/calm/alerts/{alert['id']}/resolve",
                                 json={"note": "called the member"},
                                 headers=world.auth("calm:moderator"))
    assert resolved.status_code == 200 and resolved.json()["state"] == "resolved"


def test_an_edit_that_raises_the_level_alerts_then(world: World) -> None:
    configure(world, RULES)
    world.send([post_created("e1", "p1", body="Rough day, can't sleep")])
    assert alerts(world, kind="risk") == []
    world.send([{"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T02:30:00Z",
                 "post": {"id": "p1", "body": "I can't do this anymore, I want to end my life"}}])
    [alert] = alerts(world, kind="risk")
    assert alert["post_id"] == "p1"
    world.send([{"id": "e3", "type": "post.edited", "occurred_at": "2026-01-05T02:40:00Z",
                 "post": {"id": "p1", "body": "I want to end my life tonight"}}])
    assert len(alerts(world, kind="risk", state="all")) == 1, "one risk alert per post"


def test_posts_by_staff_and_old_posts_of_an_import_raise_no_risk_alert(world: World) -> None:
    configure(world, RULES)
    world.send([post_created("e1", "p1", body=AT_RISK, author_is_staff=True),
                post_created("e2", "p2", thread="t2", body=AT_RISK, at="2025-11-01T10:00:00Z")])
    assert alerts(world, state="all") == []


def test_a_risk_alert_reaches_a_webhook_with_its_kind_and_reasons(world: World) -> None:
    with running(Receiver()) as hooks:
        configure(world, {"channels": {"hook": {"kind": "webhook", "url": hooks.url,
                                                "secret": "whsec_" + "c2VjcmV0LWZvci1yaXNr"}},
                          "rule": {"channels": ["hook"], "escalation": []}})
        world.send([post_created("e1", "p1", body=AT_RISK, response_mode="diary")])
        while deliver_due(world.services):
            pass
        [delivery] = hooks.wait_for(1)
    sent = json.loads(delivery.body)
    assert sent["type"] == "alert.fired"
    assert sent["data"]["fields"]["kind"] == "risk"
    assert "plan_or_means" in sent["data"]["fields"]["reason_codes"]
    assert "speaks of a plan or means" in sent["data"]["fields"]["reasons"]
    assert sent["data"]["title"].startswith("May need a moderator now")


def test_risk_alerts_can_be_switched_off(world: World) -> None:
    configure(world, {**RULES, "risk_alerts": False})
    world.send([post_created("e1", "p1", body=AT_RISK)])
    assert alerts(world, kind="risk", state="all") == []


def test_words_of_distress_with_the_authors_risk_label_alert_then(world: World) -> None:
    configure(world, RULES)
    world.send([post_created("e1", "p1", body="I can't cope anymore, everything is falling "
                             "apart", response_mode="diary"),
                post_created("e2", "p2", thread="t2", author="u8",
                             body="My friend can't cope anymore", content_warnings=["suicide"])])
    assert alerts(world, kind="risk") == [], "distress alone, or about someone else: no alert"
    world.send([{"id": "e3", "type": "post.edited", "occurred_at": "2026-01-05T02:30:00Z",
                 "post": {"id": "p1", "body": "I can't cope anymore, everything is falling "
                          "apart", "content_warnings": ["self-harm"]}}])
    [alert] = alerts(world, kind="risk")
    assert alert["post_id"] == "p1"
    assert "labelled_by_author" in {r["code"] for r in alert["reasons"]}


def test_a_risk_label_given_later_through_the_api_alerts_with_the_words_of_concern(
    world: World,
) -> None:
    configure(world, RULES)
    world.send([post_created("e1", "p1", body="I can't cope anymore, everything is falling "
                             "apart"),
                post_created("e2", "p2", thread="t2", author="u8",
                             body="My friend can't cope anymore")])
    for post, author in (("p1", "u42"), ("p2", "u8")):
        labelled = world.client.put(f"/v1/forums/calm/posts/{post}/labels",
                                    json={"by": "author", "actor_id": author,
                                          "labels": ["self-harm"]},
                                    headers=world.auth("calm:platform"))
        assert labelled.status_code == 200, labelled.text
    assert alerts(world, kind="risk") == []
    [later] = [s for s in all_jobs(world.services) if s.name == "unanswered.later_labels"]
    run_job(world.services, later)
    [alert] = alerts(world, kind="risk")
    assert alert["post_id"] == "p1", "not p2: its words are about someone else"
    assert [r["code"] for r in alert["reasons"]] == ["distress", "labelled_by_author"]
    run_job(world.services, later)
    assert len(alerts(world, kind="risk", state="all")) == 1
