"""Helper care: notice members who reply to many high-risk threads in a short time.

Research warns that helpers who feel responsible for others' safety can be harmed. When a
member's replies reach the threshold of distinct high-risk threads (by the content warnings
on each thread's first post) within the sliding window, they get one gentle message per
window saying moderators can see those threads, with each thread's status (a moderator
"looking after" one only once a moderator has claimed its alert); and
moderators can see who may be carrying too much.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from forumkit.actions import Action
from forumkit.links import safe_link
from forumkit.messages import render
from forumkit.mirror.models import Member, Post
from forumkit.plugins.helper_impact import activity, service
from forumkit.plugins.helper_impact import repository as repo
from forumkit.plugins.helper_impact.facets import POST_LABELS, THREAD_CARE_STATUS
from forumkit.plugins.helper_impact.service import Context
from forumkit.plugins.helper_impact.settings import HelperImpactSettings


@dataclass
class RiskyThread:
    thread_id: int
    labels: list[str]
    replies: int = 0
    last_reply_at: datetime | None = None
    last_post_ext_id: str = ""
    last_post_url: str | None = None


@dataclass
class Load:
    member_id: int
    threads: dict[int, RiskyThread] = field(default_factory=dict)


def _risky(
    ctx: Context, since: datetime, until: datetime, author_id: int | None = None,
) -> list[tuple[activity.Reply, list[str]]]:
    """Replies in [since, until) in high-risk threads, each with the thread's risky labels."""
    session = ctx.session
    found = activity.replies(session, ctx.forum_id, since, until, author_id=author_id,
                             staff=False)
    firsts = activity.first_posts(session, {r.thread_id for r in found})
    labels = ctx.facets.get(POST_LABELS, session, ctx.forum, firsts.values()) if firsts else {}
    high = set(ctx.settings.high_risk_labels)
    risky = {t: sorted(high.intersection(labels.get(p, []))) for t, p in firsts.items()}
    return [(r, risky[r.thread_id]) for r in found if risky.get(r.thread_id)]


def _in_risky_thread(ctx: Context, post: Post) -> bool:
    """Whether the thread's first post carries a high-risk label."""
    if post.thread_id is None:
        return False
    first = activity.first_post_of(ctx.session, post.thread_id)
    if first is None:
        return False
    labels = ctx.facets.get(POST_LABELS, ctx.session, ctx.forum, [first])
    return bool(set(ctx.settings.high_risk_labels).intersection(labels.get(first, [])))


def _group(replies: list[tuple[activity.Reply, list[str]]]) -> dict[int, Load]:
    """Per helper: the high-risk threads among these replies."""
    loads: dict[int, Load] = {}
    for reply, labels in replies:
        load = loads.setdefault(reply.author_id, Load(reply.author_id))
        thread = load.threads.setdefault(reply.thread_id, RiskyThread(reply.thread_id, labels))
        thread.replies += 1
        thread.last_reply_at = reply.created_at
        thread.last_post_ext_id, thread.last_post_url = reply.post_ext_id, reply.url
    return loads


def _heaviest_window(
    replies: list[tuple[activity.Reply, list[str]]], at: datetime, window: timedelta,
) -> list[tuple[activity.Reply, list[str]]]:
    """Of the windows of this length that hold the moment `at`, the one with the most
    distinct threads: replies can arrive late, so a reply may complete a run after it."""
    best: list[tuple[activity.Reply, list[str]]] = []
    starts = sorted({r.created_at for r, _ in replies if at - window <= r.created_at <= at})
    for start in starts:
        inside = [(r, lab) for r, lab in replies if start <= r.created_at <= start + window]
        if len({r.thread_id for r, _ in inside}) > len({r.thread_id for r, _ in best}):
            best = inside
    return best


def _window(settings: HelperImpactSettings) -> timedelta:
    return timedelta(hours=settings.care_window_hours)


def check_reply(ctx: Context, post: Post, member: Member) -> list[Action]:
    """After a new reply: the care message, if this reply takes its author over the line."""
    session, settings = ctx.session, ctx.settings
    if post.created_at is None or member.id is None or member.is_staff or post.author_is_staff:
        return []
    if not _in_risky_thread(ctx, post):
        return []  # most replies: nothing to look back over
    at = post.created_at
    window = _window(settings)
    nearby = _risky(ctx, at - window, at + window + timedelta(seconds=1), author_id=member.id)
    if not any(r.post_id == post.id for r, _ in nearby):
        return []  # this reply is not in a high-risk thread
    load = _group(_heaviest_window(nearby, at, window)).get(member.id)
    if load is None:
        return []
    if len(load.threads) < settings.care_threshold:
        return []
    last = repo.latest_notice(session, member.id)
    if last is not None and last.sent_at > at - window:
        return []
    window_key = int(at.timestamp() // window.total_seconds())
    if not repo.record_notice(session, forum_id=ctx.forum_id, member_id=member.id,
                              window_key=window_key, threads=len(load.threads), at=at):
        return []
    described = describe(ctx, load)
    lines = [settings.care_message or render(ctx, "helper_impact.care"), ""]
    lines += [render(ctx, "helper_impact.care_thread", title=t["title"], status=t["status"])
              for t in described]
    action = service.message(
        session, member, "\n".join(lines), about_post_id=post.ext_id, topic="helper_care",
        dedupe_key=f"helper_impact:care:{member.id}:{window_key}",
        threads=[{k: t[k] for k in ("thread_id", "title", "url", "status")}
                 for t in described],
    )
    return [action] if action else []


def describe(ctx: Context, load: Load) -> list[dict[str, Any]]:
    """Each thread of a helper's load, with its title and what moderators are doing."""
    found = activity.threads(ctx.session, load.threads)
    statuses = ctx.facets.get(THREAD_CARE_STATUS, ctx.session, ctx.forum, load.threads)
    described = []
    for thread_id, risky in sorted(load.threads.items(),
                                   key=lambda item: item[1].last_reply_at or 0, reverse=True):
        thread = found.get(thread_id)
        described.append({
            "thread_id": thread.ext_id if thread else None,
            "title": (thread.title if thread and thread.title
                      else render(ctx, "helper_impact.care_untitled")),
            "url": safe_link(thread.url) if thread else None,
            # Said when no moderator has claimed the thread: true on any forum, and calm.
            "status": statuses.get(thread_id) or render(ctx, "helper_impact.care_no_status"),
            "labels": risky.labels, "replies": risky.replies,
            "last_reply_at": risky.last_reply_at,
            "last_reply_post_id": risky.last_post_ext_id, "last_reply_url": risky.last_post_url,
        })
    return described


def carrying(ctx: Context) -> list[dict[str, Any]]:
    """Helpers at or over the threshold in the window ending now, most threads first."""
    session, settings = ctx.session, ctx.settings
    since = ctx.now - _window(settings)
    loads = _group(_risky(ctx, since, ctx.now + timedelta(seconds=1)))
    told = repo.notices_since(session, ctx.forum_id, since)
    heavy = [load for load in loads.values() if len(load.threads) >= settings.care_threshold]
    out = []
    for load in heavy:
        member = session.get(Member, load.member_id)
        threads = describe(ctx, load)
        out.append({
            "helper": member.key[:12] if member else "?",
            "threads": threads,
            "thread_count": len(threads),
            "replies": sum(t["replies"] for t in threads),
            "latest_reply_post_id": threads[0]["last_reply_post_id"],
            "latest_reply_url": threads[0]["last_reply_url"],
            "last_reply_at": threads[0]["last_reply_at"],
            "told_at": told.get(load.member_id),
        })
    out.sort(key=lambda h: (-h["thread_count"], -h["replies"]))
    return out
