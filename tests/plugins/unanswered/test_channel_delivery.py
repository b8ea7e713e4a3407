"""An unanswered post's alerts delivered for real: a signed webhook and a Slack-compatible
webhook to a local HTTP receiver, and e-mail to a local SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from forumkit import signing
from forumkit.outbox.worker import deliver_due
from forumkit.settings import Settings
from tests.plugins.unanswered.support import advance, configure, post_created, reply
from tests.support.receiver import Receiver, running
from tests.support.smtp import SmtpServer
from tests.support.smtp import running as smtp_running
from tests.support.world import World

SECRET = "whsec_" + "c2VjcmV0LWZvci1hbGVydHMtMTIzNDU2Nzg="


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with smtp_running(SmtpServer()) as server:
        yield server


@pytest.fixture
def settings(db: str, smtp: SmtpServer) -> Settings:
    return Settings(
        database_url=db, run_scheduler=False, outbox_backoff_base_seconds=1.0,
        outbox_max_attempts=4, outbound_allow=["127.0.0.1/32"],
        smtp_host=smtp.host, smtp_port=smtp.port,
        smtp_from="ForumKit <alerts@forumkit.example>", smtp_security="none",
        _env_file=None,  # type: ignore[call-arg]
    )


def _deliver_all(world: World) -> None:
    while deliver_due(world.services):
        pass


def test_alerts_reach_a_webhook_slack_and_e_mail_and_hear_of_the_answer(
    world: World, smtp: SmtpServer
) -> None:
    with running(Receiver()) as hooks:
        configure(world, {
            "channels": {
                "hook": {"kind": "webhook", "url": hooks.url + "/alerts", "secret": SECRET},
                "slack": {"kind": "slack", "url": hooks.url + "/slack"},
                "mail": {"kind": "email", "addresses": ["night-team@charity.example"]},
            },
            "rule": {"peer_window_minutes": 30, "new_member_window_minutes": 30,
                     "channels": ["hook", "slack", "mail"],
                     "escalation": []},
        })
        world.send([post_created("e1", "p1", category_id="c-crisis",
                                 content_warnings=["self-harm"],
                                 url="https://forum.example/t/1/1")])
        assert advance(world, minutes=29) == 0
        _deliver_all(world)
        assert hooks.received == [] and smtp.received == []

        advance(world, minutes=1)
        _deliver_all(world)
        by_path = {r.path: r for r in hooks.wait_for(2)}
        assert len(smtp.received) == 1

        hook = by_path["/alerts"]
        assert signing.verify(secret=SECRET, headers=hook.headers, body=hook.body,
                              now=world.services.clock.now()) == hook.headers["webhook-id"]
        fired = json.loads(hook.body)
        assert fired["type"] == "alert.fired"
        assert fired["data"]["url"] == "https://forum.example/t/1/1"
        assert fired["data"]["fields"]["tier"] == 1
        assert fired["data"]["fields"]["subforum"] == "c-crisis"

        slack = json.loads(by_path["/slack"].body)
        assert "https://forum.example/t/1/1" in slack["text"]
        assert "I have not slept" not in by_path["/slack"].body.decode()

        [mail] = smtp.received
        assert mail.rcpt_tos == ["night-team@charity.example"]
        assert "https://forum.example/t/1/1" in mail.body()
        assert "I have not slept" not in mail.body()
        assert "self-harm" in mail.body()  # the post's content warnings, for the moderator

        # A peer answers: each channel hears that the post is no longer waiting.
        world.send([reply("e2", "p2", at="2026-01-05T02:45:00Z")])
        _deliver_all(world)
        later = [json.loads(r.body) for r in hooks.wait_for(4)[2:]]
        assert {r["type"] for r in later if "type" in r} == {"alert.resolved"}
        assert len(smtp.received) == 2
        assert "answered" in smtp.received[1].body()


def _thread_renamed(event_id: str, at: str, name: str, *, thread: str = "t1",
                    category: str = "c-7") -> dict[str, Any]:
    return {"id": event_id, "type": "thread.updated", "occurred_at": at,
            "thread": {"id": thread, "category_id": category, "category_name": name}}


def _every_channel(hooks: Receiver) -> dict[str, Any]:
    """The webhook, e-mail and the forum itself (the generic adapter's callback)."""
    return {
        "channels": {
            "hook": {"kind": "webhook", "url": hooks.url + "/alerts", "secret": SECRET},
            "mail": {"kind": "email", "addresses": ["night-team@charity.example"]},
            "moderators": {"kind": "adapter"},
        },
        "rule": {"peer_window_minutes": 30, "new_member_window_minutes": 30,
                 "channels": ["hook", "mail", "moderators"], "escalation": []},
    }


def _delivered(world: World, hooks: Receiver, smtp: SmtpServer, count: int
               ) -> tuple[dict[str, Any], dict[str, Any], str]:
    """The newest webhook alert, notify_moderators call and e-mail body, once `count` of
    each arrived."""
    _deliver_all(world)
    received = hooks.wait_for(2 * count)
    by_path: dict[str, list[Any]] = {}
    for item in received:
        by_path.setdefault(item.path, []).append(json.loads(item.body))
    assert len(smtp.received) == count
    return by_path["/alerts"][-1]["data"], by_path["/forum"][-1]["data"], smtp.received[-1].body()


def _alerts_everywhere(world: World, hooks: Receiver) -> None:
    """Alerts by e-mail, to a webhook and to the forum itself (its adapter)."""
    configure(world, _every_channel(hooks))
    world.client.patch("/v1/forums/calm",
                       json={"adapter_settings": {"callback_url": hooks.url + "/forum"}},
                       headers=world.auth("calm:admin"))


def test_moderators_read_the_subforum_s_name_and_its_new_name_after_a_rename(
    world: World, smtp: SmtpServer
) -> None:
    with running(Receiver()) as hooks:
        _alerts_everywhere(world, hooks)
        world.send([post_created("e1", "p1", category_id="c-7", category_name="Anxiety",
                                 url="https://forum.example/t/1/1")])
        advance(world, minutes=30)
        hook, forum, mail = _delivered(world, hooks, smtp, 1)

        line = "A post in Anxiety has waited 30 min without a reply."
        assert line in mail and "subforum_name: Anxiety" in mail
        assert line in hook["text"]
        assert hook["fields"]["subforum_name"] == "Anxiety"
        assert hook["fields"]["subforum"] == "c-7"  # the id, as before
        assert forum["subforum_name"] == "Anxiety" and line in forum["text"]
        assert forum["fields"]["subforum_name"] == "Anxiety"
        assert forum["url"] == "https://forum.example/t/1/1"
        assert "subforum c-7" not in mail

        # The platform renames the subforum; an older event delivered late does not undo it.
        world.send([_thread_renamed("e2", "2026-01-05T02:35:00Z", "Anxiety and worry")])
        world.send([_thread_renamed("e3", "2026-01-05T02:20:00Z", "Anxiety")])
        world.send([reply("e4", "p2", at="2026-01-05T02:45:00Z")])
        hook, forum, mail = _delivered(world, hooks, smtp, 2)

    renamed = "The post in Anxiety and worry that waited"
    assert renamed in mail and "subforum_name: Anxiety and worry" in mail
    assert renamed in hook["text"] and hook["fields"]["subforum_name"] == "Anxiety and worry"
    assert renamed in forum["text"] and forum["subforum_name"] == "Anxiety and worry"


def test_a_subforum_the_platform_never_named_is_called_by_its_id(
    world: World, smtp: SmtpServer
) -> None:
    with running(Receiver()) as hooks:
        _alerts_everywhere(world, hooks)
        # Blank names, a name for another subforum and a name without an id name nothing here.
        world.send([
            post_created("e1", "p1", category_id="c-9", category_name="   ",
                         url="https://forum.example/t/1/1"),
            reply("e2", "p5", thread="t5", category_id="c-other", category_name="Other things"),
            _thread_renamed("e3", "2026-01-05T02:11:00Z", "", category="c-9"),
            {"id": "e4", "type": "post.edited", "occurred_at": "2026-01-05T02:12:00Z",
             "post": {"id": "p1", "category_name": "Not a name without an id"}},
        ])
        advance(world, minutes=30)
        hook, forum, mail = _delivered(world, hooks, smtp, 1)

    line = "A post in subforum c-9 has waited 30 min without a reply."
    assert line in mail and line in hook["text"] and line in forum["text"]
    assert "subforum_name" not in mail and "Not a name" not in mail
    assert "subforum_name" not in hook["fields"] and "subforum_name" not in forum["fields"]
    assert hook["fields"]["subforum"] == "c-9"
    assert forum["subforum_name"] is None
    assert forum["url"] == "https://forum.example/t/1/1"
