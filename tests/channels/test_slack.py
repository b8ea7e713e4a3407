"""The Slack channel: alerts from the outbox to a real local incoming-webhook receiver."""

from __future__ import annotations

from datetime import timedelta

from forumkit.outbox.worker import deliver_due
from tests.support.alerts import message, outbox, queue_alert
from tests.support.receiver import Receiver, running
from tests.support.world import World

LINK = "<https://forum.example/t/cant-sleep/17|Open in the forum>"


def _to(receiver: Receiver) -> dict[str, str]:
    return {"url": receiver.url + "/services/T000/B000/XXXX"}


def _send(world: World, msg: dict | None = None) -> dict:
    """Queue one alert, deliver it, and return the JSON the incoming webhook received."""
    with running(Receiver(body=b"ok")) as receiver:
        queue_alert(world, "slack", _to(receiver), msg)
        assert deliver_due(world.services) == 1
        [request] = receiver.received
    assert request.path == "/services/T000/B000/XXXX"
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert headers["content-type"] == "application/json"
    return request.json()


def test_alert_arrives_as_mrkdwn_text_with_the_link(world: World) -> None:
    body = _send(world)
    assert body["text"] == (
        "*[Calm] A first post has waited 24 hours for a reply*\n"
        "\"Can't sleep\" in Night owls has no reply yet.\n" + LINK
    )
    [item] = outbox(world)
    assert (item["status"], item["channel"]) == ("delivered", "slack")


def test_blocks_lay_out_the_text_the_facts_and_the_link(world: World) -> None:
    blocks = _send(world)["blocks"]
    assert [b["type"] for b in blocks] == ["section", "section", "section", "context"]
    assert blocks[0]["text"] == {
        "type": "mrkdwn",
        "text": "*[Calm] A first post has waited 24 hours for a reply*\n"
                "\"Can't sleep\" in Night owls has no reply yet.",
    }
    assert [f["text"] for f in blocks[1]["fields"]] == [
        "*Subforum*\nNight owls", "*Waiting*\n24 hours", "*First post*\nyes",
    ]
    assert blocks[2]["text"]["text"] == LINK
    assert blocks[3]["elements"][0]["text"] == "ForumKit · Calm · alert.fired"


def test_nothing_is_added_beyond_the_message_it_was_given(world: World) -> None:
    body = _send(world, {"title": "A post is waiting", "event": "alert.fired"})
    assert body["text"] == "*[Calm] A post is waiting*"
    assert [b["type"] for b in body["blocks"]] == ["section", "context"]


def test_words_from_a_post_cannot_mention_everyone_or_make_links(world: World) -> None:
    body = _send(world, message(text="<!channel> see <https://evil.example|this> & that"))
    assert "&lt;!channel&gt; see &lt;https://evil.example|this&gt; &amp; that" in body["text"]
    assert "<!channel>" not in body["text"]
    assert "<https://evil.example" not in str(body["blocks"])


def test_a_resolved_alert_says_so_in_its_heading(world: World) -> None:
    body = _send(world, message(event="alert.resolved", title="The post has a reply"))
    assert body["text"].startswith("*[Calm] Resolved: The post has a reply*")
    assert body["blocks"][-1]["elements"][0]["text"] == "ForumKit · Calm · alert.resolved"


def test_long_text_is_cut_to_what_slack_accepts(world: World) -> None:
    body = _send(world, message(text="word " * 2000))
    assert len(body["blocks"][0]["text"]["text"]) == 3000
    assert body["blocks"][0]["text"]["text"].endswith("…")


def test_a_server_error_is_retried_and_the_alert_arrives_once(world: World, clock) -> None:
    with running(Receiver(script=[(503, {})])) as receiver:
        queue_alert(world, "slack", _to(receiver))
        deliver_due(world.services)
        [item] = outbox(world)
        assert (item["status"], item["last_error"]) == ("pending", "HTTP 503")
        clock.advance(timedelta(minutes=5))
        assert deliver_due(world.services) == 1
        clock.advance(timedelta(hours=1))
        assert deliver_due(world.services) == 0
        assert len(receiver.received) == 2
        assert receiver.received[0].body == receiver.received[1].body
    [item] = outbox(world)
    assert (item["status"], item["attempts"]) == ("delivered", 2)


def test_rate_limit_retry_after_is_waited_out(world: World, clock) -> None:
    with running(Receiver(script=[(429, {"Retry-After": "120"})])) as receiver:
        queue_alert(world, "slack", _to(receiver))
        deliver_due(world.services)
        clock.advance(timedelta(seconds=110))
        assert deliver_due(world.services) == 0
        clock.advance(timedelta(seconds=20))
        assert deliver_due(world.services) == 1
        assert len(receiver.received) == 2
    assert [i["status"] for i in outbox(world)] == ["delivered"]


def test_a_removed_webhook_goes_dead_with_slacks_reason(world: World, clock) -> None:
    with running(Receiver(default=404, body=b"no_service")) as receiver:
        queue_alert(world, "slack", _to(receiver))
        deliver_due(world.services)
        clock.advance(timedelta(hours=2))
        deliver_due(world.services)
        assert len(receiver.received) == 1
    [dead] = outbox(world, "dead")
    assert dead["last_error"] == "HTTP 404 no_service; a permanent failure, not retried"


def test_a_target_without_a_url_fails_for_good(world: World) -> None:
    queue_alert(world, "slack", {"channel": "#mods"})
    deliver_due(world.services)
    [dead] = outbox(world, "dead")
    assert dead["last_error"].startswith("slack alert not sent: ")
    assert "to.url: missing" in dead["last_error"]
    assert "to.channel" in dead["last_error"]
