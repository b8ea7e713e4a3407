"""Moderators' hours: windows that count only rota time, and out-of-hours routing."""

from __future__ import annotations

from datetime import UTC, datetime

from forumkit.plugins.unanswered.rota import add_open_time, is_open, next_open
from forumkit.plugins.unanswered.settings import Rota
from tests.plugins.unanswered.support import (
    advance,
    alert_actions,
    alerts,
    configure,
    fields,
    post_created,
)
from tests.support.world import World

WEEKDAYS = {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00"}
LONDON = Rota.model_validate({"timezone": "Europe/London", "shifts": [WEEKDAYS]})


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_window_before_the_rota_opens_counts_from_opening() -> None:
    # Monday 02:10 in London (GMT in January): four rota hours end at 13:00.
    assert add_open_time(LONDON, utc("2026-01-05T02:10"), 240) == utc("2026-01-05T13:00")


def test_window_that_runs_past_closing_continues_next_working_day() -> None:
    assert add_open_time(LONDON, utc("2026-01-05T16:00"), 240) == utc("2026-01-06T12:00")
    # Friday afternoon runs on into Monday.
    assert add_open_time(LONDON, utc("2026-01-09T16:00"), 240) == utc("2026-01-12T12:00")


def test_rota_keeps_local_hours_across_daylight_saving() -> None:
    new_york = Rota.model_validate({"timezone": "America/New_York", "shifts": [WEEKDAYS]})
    # Friday 16:00 EST (21:00 UTC); clocks go forward on Sunday 8 March 2026.
    # One hour on Friday, one on Monday from 09:00 EDT (13:00 UTC).
    assert add_open_time(new_york, utc("2026-03-06T21:00"), 120) == utc("2026-03-09T14:00")


def test_overnight_shift_runs_into_the_next_day() -> None:
    nights = Rota.model_validate({"timezone": "UTC", "shifts": [
        {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "start": "22:00",
         "end": "06:00"}]})
    assert is_open(nights, utc("2026-01-06T05:00"))
    assert not is_open(nights, utc("2026-01-06T12:00"))
    assert add_open_time(nights, utc("2026-01-06T05:00"), 120) == utc("2026-01-06T23:00")
    assert next_open(nights, utc("2026-01-06T12:00")) == utc("2026-01-06T22:00")


def test_empty_rota_is_always_open() -> None:
    always = Rota()
    assert is_open(always, utc("2026-01-10T03:00"))
    assert add_open_time(always, utc("2026-01-10T03:00"), 90) == utc("2026-01-10T04:30")


HOLD = {"rota": {"timezone": "Europe/London", "shifts": [WEEKDAYS]},
        "rule": {"peer_window_minutes": 240, "outside_rota": "hold",
                 "escalation": [{"after_minutes": 480, "channels": ["moderators"]}]},
        "new_member_posts": 0}


def test_hold_waits_for_the_rota_then_counts_only_rota_time(world: World) -> None:
    configure(world, HOLD)
    world.send([post_created("e1", "p1")])  # Monday 02:10, before the rota opens
    advance(world, hours=4)
    assert alerts(world) == [], "4 h of wall time, but no rota time has passed"
    advance(world, hours=6, minutes=49)  # 12:59
    assert alerts(world) == []
    advance(world, minutes=1)  # 13:00: 09:00 plus four rota hours
    [alert] = alerts(world)
    assert alert["due_at"].startswith("2026-01-05T13:00")
    assert alert["late"] is False


NIGHT = {"channels": {
            "moderators": {"kind": "adapter"},
            "night": {"kind": "slack", "url": "https://hooks.example/night"}},
         "rota": {"timezone": "Europe/London", "shifts": [WEEKDAYS]},
         "rule": {"peer_window_minutes": 30, "outside_rota": "route",
                  "out_of_hours_channels": ["night"],
                  "escalation": [{"after_minutes": 600, "channels": ["moderators"]}]},
         "new_member_posts": 0}


def test_route_sends_off_rota_alerts_to_the_out_of_hours_channel(world: World) -> None:
    configure(world, NIGHT)
    world.send([post_created("e1", "p1")])  # Monday 02:10
    advance(world, minutes=30)  # 02:40, off rota: fires on time, to the night channel
    [alert] = alerts(world)
    assert alert["out_of_hours"] is True and alert["channels"] == ["night"]
    [action] = alert_actions(world)
    assert action.channel == "slack" and action.kind == "alert"
    assert action.payload["to"] == {"url": "https://hooks.example/night"}
    assert "out-of-hours" in action.payload["message"]["text"]
    assert fields(action)["out_of_hours"] is True

    advance(world, hours=9, minutes=30)  # 12:10, on rota: tier 2 goes to the moderators
    [tier2] = alerts(world)
    assert tier2["tier"] == 2 and tier2["out_of_hours"] is False
    assert alert_actions(world, "alert.fired")[-1].channel == "adapter"


def test_route_uses_the_tier_channels_while_the_rota_is_open(world: World) -> None:
    configure(world, NIGHT)
    world.services.clock.set(utc("2026-01-05T10:00"))  # type: ignore[attr-defined]
    world.send([post_created("e1", "p1", at="2026-01-05T10:00:00Z")])
    advance(world, minutes=30)
    [alert] = alerts(world)
    assert alert["out_of_hours"] is False and alert["channels"] == ["moderators"]


def test_the_readme_worked_example_holds() -> None:
    from forumkit.plugins.unanswered import rules
    from forumkit.plugins.unanswered.models import UnansweredWatch
    from forumkit.plugins.unanswered.settings import UnansweredSettings

    settings = UnansweredSettings.model_validate({
        "channels": {
            "moderators": {"kind": "adapter"},
            "team-hook": {"kind": "webhook", "url": "https://alerts.example.org/in",
                          "secret": "whsec_x"},
            "seniors": {"kind": "email", "addresses": ["seniors@charity.example"]},
            "night": {"kind": "slack", "url": "https://hooks.slack.com/services/T0/B0/X"}},
        "rule": {"peer_window_minutes": 240, "new_member_window_minutes": 60,
                 "channels": ["moderators", "team-hook"],
                 "escalation": [{"after_minutes": 720, "channels": ["seniors"]}],
                 "outside_rota": "hold"},
        "categories": {"c-crisis": {
            "peer_window_minutes": 30, "new_member_window_minutes": 15,
            "escalation": [{"after_minutes": 90, "channels": ["seniors"]}],
            "outside_rota": "route", "out_of_hours_channels": ["night"]}},
        "rota": {"timezone": "Europe/London", "shifts": [
            {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "21:00"},
            {"days": ["sat", "sun"], "start": "10:00", "end": "16:00"}]},
    })

    def watch(at: str, category: str | None = None, new: bool = False) -> UnansweredWatch:
        return UnansweredWatch(forum_id=1, post_id=1, thread_id=1, category_id=category,
                               posted_at=utc(at), new_member=new)

    friday = watch("2026-01-09T20:00")  # London is on GMT in January
    assert rules.due_at(settings, friday, 1) == utc("2026-01-10T13:00")
    assert rules.channels_for(settings, None, 1, utc("2026-01-10T13:00")) == (
        ["moderators", "team-hook"], False)
    crisis = watch("2026-01-10T02:00", "c-crisis")
    assert rules.due_at(settings, crisis, 1) == utc("2026-01-10T02:30")
    assert rules.channels_for(settings, "c-crisis", 1, utc("2026-01-10T02:30")) == (
        ["night"], True)
    assert rules.due_at(settings, crisis, 2) == utc("2026-01-10T03:30")
    assert rules.channels_for(settings, "c-crisis", 2, utc("2026-01-10T03:30")) == (
        ["night"], True)
    assert rules.due_at(settings, watch("2026-01-10T02:00", "c-crisis", new=True), 1) == utc(
        "2026-01-10T02:15")
