"""The texts unanswered-post alerts send, declared in the core's message catalogue
(forumkit/messages): alerts to moderators (titles and lines), the test alert, and the
status shown to helpers of a thread a moderator has taken on."""

from __future__ import annotations

from forumkit.messages import Message, declare
from forumkit.messages.catalogue import Audience

ALERT = "alerts to moderators (adapter, webhook, Slack, e-mail)"
SUBJECT = "subject: the thread's title, or unanswered.a_post"
WAITED = "waited: how long, e.g. '4 h 5 min'"
WHERE = ("where: unanswered.in_named_subforum, unanswered.in_subforum or "
         "unanswered.on_the_forum")


def _m(key: str, text: str, where: str, note: str = "",
       audience: Audience = "moderators") -> Message:
    return Message(f"unanswered.{key}", text, audience, where, note)


MESSAGES = (
    _m("a_post", "a post", ALERT + ": the subject when a thread has no title"),
    _m("in_named_subforum", "in {subforum}", ALERT + ": where the post is",
       "subforum: its name, as the platform last sent it"),
    _m("in_subforum", "in subforum {subforum}",
       ALERT + ": where the post is, when the platform has sent no name for its subforum",
       "subforum: the platform's id of it"),
    _m("on_the_forum", "on the forum", ALERT + ": where the post is, without a subforum"),
    _m("risk_title", "May need a moderator now: {subject}", ALERT + " (risk, first)", SUBJECT),
    _m("risk_title_escalated", "Not yet claimed: may need a moderator now: {subject}",
       ALERT + " (risk, escalated)", SUBJECT),
    _m("risk_line", "A post {where} may need a moderator now. Its words suggest its writer may "
       "be at risk; please read it and decide what to do.", ALERT + " (risk)", WHERE),
    _m("risk_unclaimed", "Nobody has claimed or acknowledged the first alert yet.",
       ALERT + " (risk, escalated)"),
    _m("why", "Why: {reason}.", ALERT + " (risk): one line per reason the rules found",
       "reason: what the risk rules found, never the member's words"),
    _m("unanswered_title", "Unanswered for {waited}: {subject}", ALERT + " (first tier)",
       WAITED + "; " + SUBJECT),
    _m("unanswered_title_tier", "Still unanswered after {waited} (tier {tier}): {subject}",
       ALERT + " (later tiers)", WAITED + "; tier: 2, 3...; " + SUBJECT),
    _m("unanswered_line", "A post {where} has waited {waited} without a reply.", ALERT,
       WHERE + "; " + WAITED),
    _m("resolved_title", "Resolved: {subject}", ALERT + " (resolved)", SUBJECT),
    _m("resolved_risk_line", "The post {where} that may have needed a moderator was alerted at "
       "tier {tier}. {how}", ALERT + " (risk, resolved)",
       WHERE + "; how: one of the unanswered.resolved_* texts, or nothing"),
    _m("resolved_line", "The post {where} that waited {waited} was alerted at tier {tier}. "
       "{how}", ALERT + " (resolved)",
       WHERE + "; " + WAITED + "; how: one of the unanswered.resolved_* texts, or nothing"),
    _m("resolved_answered", "It has been answered.", ALERT + " (resolved)"),
    _m("resolved_moderator", "A moderator resolved it.", ALERT + " (resolved)"),
    _m("resolved_deleted", "The post was deleted.", ALERT + " (resolved)"),
    _m("resolved_hidden", "A moderator hid the post.", ALERT + " (resolved)"),
    _m("resolved_skipped", "It no longer needs an answer (locked, an announcement, or replies "
       "turned off).", ALERT + " (resolved)"),
    _m("note", "Note: {note}", ALERT + " (resolved): the moderator's note",
       "note: the moderator's words"),
    _m("new_member", "New member: welcome them.", ALERT),
    _m("labels", "Content warnings: {labels}.", ALERT, "labels: label keys"),
    _m("late", "Late: this was due at {due_at} and is sent only now.", ALERT,
       "due_at: date and time in the forum's zone"),
    _m("out_of_hours", "Sent to the out-of-hours channel: no moderator is on the rota now.",
       ALERT),
    _m("fallback", "Sent here too: its own channels had not delivered it after {minutes} min.",
       ALERT + " (to the fallback channel)", "minutes: the rule's fallback_after_minutes"),
    _m("test_title", "Test alert from ForumKit", "the test alert an admin sends to a channel"),
    _m("test_text", "This is a test of the unanswered-post alerts. No post is waiting.",
       "the test alert an admin sends to a channel"),
    _m("care_status_claimed", "A moderator is looking after this thread",
       "a thread's status in helper care messages, only once a moderator has claimed or "
       "acknowledged its alert", audience="member"),
)

declare("unanswered", *MESSAGES)
