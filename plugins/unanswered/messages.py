"""What moderators are told: the alert message, and the action that carries it per channel.

An alert carries its kind ("unanswered" or "risk"), the link, thread title, subforum (by
its name when the platform sent one, else by its id), how long the post has waited, the
tier, the new-member flag and content-warning labels; a risk alert the reasons its post
was judged at risk (what the rules found, never the member's words); the post's words only
when the forum opted in to short excerpts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from forumkit.actions import ALERT, NOTIFY_MODERATORS, Action
from forumkit.links import safe_link
from forumkit.messages import Texts
from forumkit.messages.catalogue import CATALOGUE
from forumkit.mirror.models import Post, Thread
from forumkit.plugins.unanswered.models import AlertKind, UnansweredAlert, UnansweredWatch
from forumkit.plugins.unanswered.rules import waited_words
from forumkit.plugins.unanswered.schemas import AlertFields
from forumkit.plugins.unanswered.settings import UnansweredSettings

RESOLUTIONS = ("answered", "moderator", "deleted", "hidden", "skipped")


def where_words(texts: Texts, category_id: str | None, name: str | None) -> str:
    """Where the post is: "in Anxiety" when the platform named the subforum, "in subforum
    c-7" when it sent only the id, "on the forum" without one."""
    if not category_id:
        return texts.render("unanswered.on_the_forum")
    if name:
        return texts.render("unanswered.in_named_subforum", subforum=name)
    return texts.render("unanswered.in_subforum", subforum=category_id)


def alert_message(
    alert: UnansweredAlert, watch: UnansweredWatch, post: Post, thread: Thread,
    labels: list[str], now: datetime, texts: Texts, event: str = "alert.fired", *,
    subforum_name: str | None,
) -> dict[str, Any]:
    """The message about an alert; `subforum_name` is the name of its subforum, if the
    platform sent one (forumkit/mirror/categories.py)."""
    waited = (now - watch.posted_at).total_seconds() / 60
    say = texts.render
    subject = thread.title or say("unanswered.a_post")
    where = where_words(texts, alert.category_id, subforum_name)
    risk = alert.kind == AlertKind.risk
    how = (say(f"unanswered.resolved_{alert.resolution}")
           if alert.resolution in RESOLUTIONS else "")
    if event == "alert.fired" and risk:
        title = say("unanswered.risk_title" if alert.tier == 1
                    else "unanswered.risk_title_escalated", subject=subject)
        lines = [say("unanswered.risk_line", where=where)]
        if alert.tier > 1:
            lines.append(say("unanswered.risk_unclaimed"))
        lines += [say("unanswered.why", reason=_reason(texts, r)) for r in alert.reasons or []]
    elif event == "alert.fired":
        title = (say("unanswered.unanswered_title", waited=waited_words(waited), subject=subject)
                 if alert.tier == 1
                 else say("unanswered.unanswered_title_tier", waited=waited_words(waited),
                          tier=alert.tier, subject=subject))
        lines = [say("unanswered.unanswered_line", where=where, waited=waited_words(waited))]
    else:
        title = say("unanswered.resolved_title", subject=subject)
        lines = [(say("unanswered.resolved_risk_line", where=where, tier=alert.tier, how=how)
                  if risk else
                  say("unanswered.resolved_line", where=where, waited=waited_words(waited),
                      tier=alert.tier, how=how)).rstrip()]
        if alert.note:
            lines.append(say("unanswered.note", note=alert.note))
    if alert.new_member:
        lines.append(say("unanswered.new_member"))
    if labels:
        lines.append(say("unanswered.labels", labels=labels))
    if alert.late and event == "alert.fired":
        lines.append(say("unanswered.late", due_at=texts.moment_short(alert.due_at)))
    if alert.out_of_hours and event == "alert.fired":
        lines.append(say("unanswered.out_of_hours"))
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
    if alert.category_id and subforum_name:
        fields["subforum_name"] = subforum_name
    if watch.excerpt:
        fields["excerpt"] = watch.excerpt
    if alert.resolution:
        fields["resolution"] = alert.resolution
    if alert.reasons:  # plain lists, as every field of an alert message is
        fields["reasons"] = [r["explanation"] for r in alert.reasons]
        fields["reason_codes"] = [r["code"] for r in alert.reasons]
    # Checked against the published model (docs/actions.md), so the two cannot drift apart.
    fields = AlertFields(**fields).model_dump(mode="json", exclude_unset=True)
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
                    "title": message["title"],
                    "text": f"{message['title']}\n{message['text']}",
                    "post_id": fields.get("post_id"), "thread_id": fields.get("thread_id"),
                    "url": message["url"], "labels": fields.get("labels", []),
                    "subforum_name": fields.get("subforum_name"),
                    "event": message["event"], "fields": fields,
                },
            ))
        else:
            actions.append(Action(kind=ALERT, channel=target.kind, dedupe_key=key,
                                  payload={"to": target.target(), "message": message}))
    return actions


def _reason(texts: Texts, reason: dict[str, str]) -> str:
    """A reason as the forum words it (core.risk_reason.<code>); a classifier's own reasons
    come in the classifier's words."""
    if f"core.risk_reason.{reason['code']}" in CATALOGUE:
        return texts.render(f"core.risk_reason.{reason['code']}")
    return reason["explanation"]
