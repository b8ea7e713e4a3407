"""An unanswered post's alerts delivered for real: a signed webhook and a Slack-compatible
webhook to a local HTTP receiver, and e-mail to a local SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
from collections.abc import Iterator

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
