"""The core's own messages: how a time reads, and the words alert channels and adapters put
around what plugins send (a heading's event, a link, a footer, a title when none was set)."""

from __future__ import annotations

from forumkit.messages.catalogue import Message, declare
from forumkit.messages.translations import CORE_LOCALES
from forumkit.risk.rules import EXPLANATIONS

MESSAGES: tuple[Message, ...] = (
    Message("core.moment", "{weekday} {day} {month} {year} at {time} {zone}", "member",
            "every time shown in a text (e.g. when held replies open)",
            "weekday and month come named in the forum's language; time is 24-hour HH:MM; "
            "zone is the zone's abbreviation (UTC, GMT, CET)"),
    Message("core.moment_short", "{date} {time} {zone}", "moderators",
            "times in alerts to moderators (e.g. when a late alert was due)",
            "date: YYYY-MM-DD; time: HH:MM; zone: the zone's abbreviation"),
    Message("core.channel_resolved", "Resolved", "moderators",
            "alert channels (e-mail subject, Slack heading): before the title of a resolved "
            "alert"),
    Message("core.channel_test", "Test", "moderators",
            "alert channels: before the title of a test alert"),
    Message("core.channel_open", "Open: {url}", "moderators", "e-mail alerts: the link",
            "url: the post's address"),
    Message("core.channel_open_link", "Open in the forum", "moderators",
            "Slack alerts: the words of the link"),
    Message("core.channel_footer", "Sent by ForumKit for {forum} ({event}, delivery {delivery}).",
            "moderators", "e-mail alerts: the last line",
            "forum: the forum's name; event: alert.fired, alert.resolved...; delivery: its id"),
    Message("core.yes", "yes", "moderators", "alert channels: a fact that is true"),
    Message("core.no", "no", "moderators", "alert channels: a fact that is false"),
    Message("core.moderators_title", "ForumKit: {text}", "moderators",
            "Discourse: the subject of a note to moderators that came without one",
            "text: the note's first line"),
    Message("core.moderators_labels", "Content warnings: {labels}", "moderators",
            "Discourse: the labels under a note to moderators", "labels: label keys"),
    Message("core.member_title", "A note from the forum", "member",
            "Discourse: the subject of a private message to a member that came without one"),
    Message("core.hidden_reply_title", "About your reply", "member",
            "Discourse: the subject of the kind note sent with a hidden reply"),
)

# Why a risk alert fired, one line per reason, as moderators read it: the rules' codes
# (forumkit/risk/rules.py) and the one a risk label with words of concern adds. A trained
# classifier's own reasons come in its own words.
REASONS = {**EXPLANATIONS, "labelled_by_author": "labelled suicide or self-harm, and speaks "
           "of the writer's own distress now"}
MESSAGES += tuple(
    Message(f"core.risk_reason.{code}", text, "moderators",
            "risk alerts to moderators: one of the reasons the rules found (never the "
            "member's words)")
    for code, text in REASONS.items())

declare("core", *MESSAGES, locales=CORE_LOCALES)
