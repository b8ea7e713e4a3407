"""Members' feedback on how the forum works, and the admins' answers.

Research: "encouraging and responding to feedback so that members have a sense of
ownership". A member sends a suggestion; admins read and answer it; the member reads the
answer (and is told through the forum when the platform knows a post of theirs).
"""

from __future__ import annotations

from typing import Any

from forumkit.audit import service as audit
from forumkit.errors import NotFound, Unprocessable
from forumkit.messages import render
from forumkit.mirror import service as mirror
from forumkit.mirror.models import Member
from forumkit.plugins.helper_impact import repository as repo
from forumkit.plugins.helper_impact import service
from forumkit.plugins.helper_impact.models import FEEDBACK_MAX, HelperImpactFeedback


def _text(text: str) -> str:
    text = text.strip()
    if not text or len(text) > FEEDBACK_MAX:
        raise Unprocessable([{"loc": ["body", "text"], "type": "value_error",
                              "msg": f"write 1 to {FEEDBACK_MAX} characters"}])
    return text


def send(ctx: service.Context, platform_member: str, text: str) -> HelperImpactFeedback:
    member = mirror.member_of(ctx.session, ctx.forum, platform_member, ctx.now)
    assert member.id is not None
    item = HelperImpactFeedback(forum_id=ctx.forum_id, member_id=member.id, text=_text(text),
                                created_at=ctx.now)
    ctx.session.add(item)
    ctx.session.flush()
    return item


def answer(ctx: service.Context, feedback_id: int, text: str) -> HelperImpactFeedback:
    """An admin answers a member's suggestion (from the API or the page); the member's
    message, when the platform knows a post of theirs, is emitted on `ctx`."""
    session, now, actor = ctx.session, ctx.now, ctx.actor
    item = repo.feedback_item(session, ctx.forum_id, feedback_id)
    if item is None:
        raise NotFound(f"no feedback {feedback_id} in this forum")
    first_answer = item.answered_at is None
    before = None if first_answer else {"answer": item.answer}
    item.answer, item.answered_at, item.answered_by = _text(text), now, actor
    session.add(item)
    audit.record(session, forum_id=ctx.forum_id, actor=actor, action="feedback.answer",
                 subject=f"feedback:{item.id}", at=now, before=before,
                 after={"answer": item.answer})
    member = session.get(Member, item.member_id)
    if member is None:
        return item
    said = render(ctx, "helper_impact.feedback_answered" if first_answer
                  else "helper_impact.feedback_updated", answer=item.answer)
    action = service.message(
        session, member, said,
        topic="helper_impact.feedback_answer", feedback_id=item.id,
        dedupe_key=f"helper_impact:feedback:{item.id}:{now.isoformat()}",
    )
    ctx.emit([action] if action else [])
    return item


def feedback_out(item: HelperImpactFeedback, *, for_admin: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.id, "text": item.text, "created_at": item.created_at,
        "state": "answered" if item.answered_at else "open", "answer": item.answer,
        "answered_at": item.answered_at,
    }
    if for_admin:
        out["answered_by"] = item.answered_by
    return out
