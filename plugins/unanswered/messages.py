"""What moderators are told: the alert message, and the action that carries it per channel.

An alert carries its kind ("unanswered" or "risk"), the link, thread title, subforum, how
long the post has waited, the tier, the new-member flag and content-warning labels; a risk
alert the reasons its post was judged at risk (what the rules found, never the member's
words); the post's words only when the forum opted in to short excerpts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from forumkit.actions import ALERT, NOTIFY_MODERATORS, Action
from forumkit.links import safe_link
from forumkit.mirror.models import Post, Thread
from forumkit.plugins.unanswered.models import AlertKind, UnansweredAlert, UnansweredWatch
from forumkit.plugins.unanswered.rules import waited_words
from forumkit.plugins.unanswered.settings import UnansweredSettings

RESOLVED_WORDS = {
    "answered": "It has been answered.",
    "moderator": "A moderator resolved it.",
    "deleted": "The post was deleted.",
    "skipped": "It no longer needs an answer (locked, an announcement, or replies turned off).",
}


def alert_message(
    alert: UnansweredAlert, watch: UnansweredWatch, post: Post, thread: Thread,
    labels: list[str], now: datetime, event: str = "alert.fired",
) -> dict[str, Any]:
    waited = (now - watch.posted_at).total_seconds() / 60
    subject = thread.title or "a post"
    where = f"in {alert.category_id}" if alert.category_id else "on the forum"
    risk = alert.kind == AlertKind.risk
    if event == "alert.fired" and risk:
        title = (f"May need a moderator now: {subject}" if alert.tier == 1
                 else f"Not yet claimed: may need a moderator now: {subject}")
        lines = [f"A post {where} may need a moderator now. Its words suggest its writer may "
                 "be at risk; please read it and decide what to do."]
        if alert.tier > 1:
            lines.append("Nobody has claimed or acknowledged the first alert yet.")
        lines += [f"Why: {r['explanation']}." for r in alert.reasons or []]
    elif event == "alert.fired":
        title = (f"Unanswered for {waited_words(waited)}: {subject}" if alert.tier == 1
                 else f"Still unanswered after {waited_words(waited)} (tier {alert.tier}): "
                      f"{subject}")
        lines = [f"A post {where} has waited {waited_words(waited)} without a reply."]
    elif risk:
        title = f"Resolved: {subject}"
        lines = [f"The post {where} that may have needed a moderator was alerted at tier "
                 f"{alert.tier}. {RESOLVED_WORDS.get(alert.resolution or '', '')}".rstrip()]
        if alert.note:
            lines.append(f"Note: {alert.note}")
    else:
        title = f"Resolved: {subject}"
        lines = [f"The post {where} that waited {waited_words(waited)} was alerted at tier "
                 f"{alert.tier}. {RESOLVED_WORDS.get(alert.resolution or '', '')}".rstrip()]
        if alert.note:
            lines.append(f"Note: {alert.note}")
    if alert.new_member:
        lines.append("New member: welcome them.")
    if labels:
        lines.append(f"Content warnings: {', '.join(labels)}.")
    if alert.late and event == "alert.fired":
        lines.append(f"Late: this was due at {alert.due_at:%Y-%m-%d %H:%M} UTC and is sent "
                     "only now.")
    if alert.out_of_hours and event == "alert.fired":
        lines.append("Sent to the out-of-hours channel: no moderator is on the rota now.")
    if watch.excerpt and event == "alert.fired":
        lines.append(f"“{watch.excerpt}”")
    fields: dict[str, Any] = {
        "alert_id": alert.id, "kind": alert.kind, "post_id": post.ext_id,
        "thread_id": thread.ext_id,
        "thread_title": thread.title, "subforum": alert.category_id,
        "waited_minutes": int(waited), "waited": waited_words(waited), "tier": alert.tier,
        "new_member": alert.new_member, "labels": labels, "late": alert.late,
        "out_of_hours": alert.out_of_hours, "due_at": alert.due_at.isoformat(),
    }
    if watch.excerpt:
        fields["excerpt"] = watch.excerpt
    if alert.resolution:
        fields["resolution"] = alert.resolution
    if alert.reasons:  # plain lists, as every field of an alert message is
        fields["reasons"] = [r["explanation"] for r in alert.reasons]
        fields["reason_codes"] = [r["code"] for r in alert.reasons]
    url = safe_link(post.url) or safe_link(thread.url)
    return {"title": title, "text": "\n".join(lines), "url": url,
            "fields": fields, "event": event}


def actions_for(
    settings: UnansweredSettings, channel_names: list[str], message: dict[str, Any],
    dedupe: str | None,
) -> list[Action]:
    """One action per named channel (names no longer configured are left out)."""
    actions = []
    for name in channel_names:
        target = settings.channels.get(name)
        if target is None:
            continue
        key = f"{dedupe}:{name}"[:200] if dedupe else None
        if target.kind == "adapter":
            fields = message["fields"]
            actions.append(Action(
                kind=NOTIFY_MODERATORS, channel="adapter", dedupe_key=key,
                payload={
                    "text": f"{message['title']}\n{message['text']}",
                    "post_id": fields.get("post_id"), "thread_id": fields.get("thread_id"),
                    "url": message["url"], "labels": fields.get("labels", []),
                    "event": message["event"], "fields": fields,
                },
            ))
        else:
            actions.append(Action(kind=ALERT, channel=target.kind, dedupe_key=key,
                                  payload={"to": target.target(), "message": message}))
    return actions
