"""A helper's summary for a period: replies given, people helped, thanks, notes.

People helped are the members who said so in the period: by a gratitude reaction on one
of the helper's replies in other people's threads, or by an impact note on one of their
replies. Thanks on posts in the member's own threads are support they received, never
counted as help given.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from forumkit.context import PluginContext
from forumkit.forums.models import Forum
from forumkit.messages import Texts
from forumkit.mirror.models import Member
from forumkit.plugins.helper_impact import activity, notes
from forumkit.plugins.helper_impact import repository as repo
from forumkit.plugins.helper_impact.facets import MEMBER_GRATITUDE


def summarise(
    ctx: PluginContext[Any], member: Member | None, since: datetime, until: datetime,
) -> dict[str, Any]:
    """Gratitude comes from the facets of the context: nothing where gratitude is off."""
    session, forum = ctx.session, ctx.forum
    empty: dict[str, Any] = {
        "since": since, "until": until, "replies_given": 0, "threads_supported": 0,
        "people_helped": 0, "reactions": [], "reactions_total": 0, "impact_notes": [],
        "support_received": 0,
    }
    if member is None or member.id is None:
        return empty
    given = activity.replies(session, ctx.forum_id, since, until, author_id=member.id)
    gratitude = ctx.facets.ask(MEMBER_GRATITUDE)(session, forum, member.id, since, until)
    found = repo.notes_for_helper(session, ctx.forum_id, member.id, since, until)
    helped = set(gratitude.get("givers", [])) | {n.author_id for n in found}
    kinds = list(gratitude.get("kinds", []))
    return {
        **empty,
        "replies_given": len(given),
        "threads_supported": len({r.thread_id for r in given}),
        "people_helped": len(helped),
        "reactions": kinds,
        "reactions_total": sum(int(k["count"]) for k in kinds),
        "impact_notes": [notes.note_out(session, n) for n in found],
        "support_received": int(gratitude.get("support_received", 0)),
    }


def has_news(summary: dict[str, Any]) -> bool:
    return bool(summary["replies_given"] or summary["reactions_total"]
                or summary["impact_notes"])


def digest_text(forum: Forum, summary: dict[str, Any], week: str, texts: Texts) -> str:
    """The weekly message: calm, short, and only what is true for this helper."""
    say = texts.render
    lines = [say("helper_impact.digest_heading", forum=forum.name, week=week)]
    replies, threads = summary["replies_given"], summary["threads_supported"]
    if replies:
        lines.append(say("helper_impact.digest_replies", times=_count(texts, "times", replies),
                         threads=_count(texts, "threads", threads)))
    if summary["reactions_total"]:
        signs = ", ".join(f"{k['emoji']} {k['words']} × {k['count']}"
                          for k in summary["reactions"])
        lines.append(say("helper_impact.digest_thanked",
                         times=_count(texts, "times", summary["reactions_total"]), signs=signs))
    if summary["people_helped"]:
        lines.append(say("helper_impact.digest_helped",
                         people=_count(texts, "people", summary["people_helped"])))
    shared = summary["impact_notes"][:3]
    if shared:
        lines.append(say("helper_impact.digest_changed"))
        lines.extend(f"“{n['text']}”" for n in shared)
    if summary["support_received"]:
        lines.append(say("helper_impact.digest_support_received"))
    lines.append(say("helper_impact.digest_close"))
    return "\n\n".join(lines)


def _count(texts: Texts, what: str, n: int) -> str:
    return texts.render(f"helper_impact.count_{what}_{'one' if n == 1 else 'many'}", n=n)
