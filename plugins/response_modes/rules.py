"""Who may reply or react under each mode, and why not, in words a member reads (from the
message catalogue, as the forum says them: `texts`).

Pure functions: no database, no clock. The service feeds them a thread's state and who is
asking; the pre-check, the facets and after-the-fact enforcement all decide here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from forumkit.messages import Texts


@dataclass(frozen=True)
class ModeState:
    mode: str
    allow_reactions: bool = False
    opens_at: datetime | None = None
    changed_at: datetime | None = None  # None: never set, e.g. the thread's first post unseen

    def effective(self, now: datetime) -> str:
        """The mode in force now: a hold whose time has come is open, even before the
        scheduled job has recorded it."""
        if self.mode == "held" and self.opens_at is not None and self.opens_at <= now:
            return "open"
        return self.mode


@dataclass(frozen=True)
class Asker:
    is_author: bool = False
    is_staff: bool = False


@dataclass(frozen=True)
class Permission:
    can_reply: bool
    can_react: bool
    reason: str | None
    response_mode: str
    opens_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "can_reply": self.can_reply, "can_react": self.can_react, "reason": self.reason,
            "response_mode": self.response_mode,
        }


def decide(
    state: ModeState, asker: Asker, *, now: datetime, texts: Texts, staff_may_reply: bool = True,
    closed: bool = False,
) -> Permission:
    mode = state.effective(now)
    opens_at = state.opens_at if mode == "held" else None
    staff = asker.is_staff and staff_may_reply
    if closed and not staff:
        return Permission(False, True, texts.render("response_modes.closed"), mode, opens_at)
    # The author may always add to their own thread, and react in it.
    if asker.is_author or staff or mode == "open":
        return Permission(True, True, None, mode, opens_at)
    can_react = mode != "diary" or state.allow_reactions
    return Permission(False, can_react, why_not(mode, can_react, state.opens_at, texts), mode,
                      opens_at)


def within(thread: Permission, post: Permission) -> Permission:
    """A post's own mode inside its thread's: the stricter of the two, with the reason of
    whichever refuses what the member asked about."""
    can_reply = thread.can_reply and post.can_reply
    can_react = thread.can_react and post.can_react
    if not thread.can_reply:
        reason = thread.reason
        if thread.can_react and not post.can_react:
            reason = post.reason  # the post also refuses the reaction the thread allows
    elif not (post.can_reply and post.can_react):
        reason = post.reason
    else:
        reason = None
    return Permission(can_reply, can_react, reason, thread.response_mode, thread.opens_at)


def why_not(mode: str, can_react: bool, opens_at: datetime | None, texts: Texts) -> str:
    if mode == "diary":
        return texts.render("response_modes.why_diary" if can_react
                            else "response_modes.why_diary_no_reactions")
    if mode == "held" and opens_at is not None:
        return texts.render("response_modes.why_held_until", opens_at=opens_at)
    if mode in ("reactions_only", "held", "moderators_only"):
        return texts.render(f"response_modes.why_{mode}")
    return texts.render("response_modes.why_other")


def replier_note(mode: str, state: ModeState, texts: Texts) -> str:
    """A kind word to someone whose reply was hidden: they did nothing wrong."""
    can_react = mode != "diary" or state.allow_reactions
    if mode == "diary":
        return texts.render("response_modes.hidden_diary" if can_react
                            else "response_modes.hidden_diary_no_reactions")
    if mode == "held" and state.opens_at is not None:
        return texts.render("response_modes.hidden_held_until", opens_at=state.opens_at)
    if mode in ("reactions_only", "held", "moderators_only"):
        return texts.render(f"response_modes.hidden_{mode}")
    return texts.render("response_modes.hidden_other")


def hide_reason(mode: str, texts: Texts, whose: str = "thread") -> str:
    """Why a reply was hidden, for the platform's records: not a breach of any rule."""
    chose = (texts.render(f"response_modes.chose_{mode}")
             if mode in ("diary", "reactions_only", "held", "moderators_only") else mode)
    return texts.render(f"response_modes.hide_reason_{'post' if whose == 'post' else 'thread'}",
                        chose=chose)


def mode_name(mode: str, texts: Texts) -> str:
    """A mode's name in a note to moderators."""
    if mode in ("diary", "reactions_only", "held", "moderators_only", "open"):
        return texts.render(f"response_modes.mode_{mode}")
    return mode.replace("_", " ")


def platform_reason(state: ModeState, texts: Texts) -> str:
    """Why replies are closed or opened on the platform, in words members may see."""
    if state.mode == "open":
        return texts.render("response_modes.open")
    can_react = state.mode != "diary" or state.allow_reactions
    return why_not(state.mode, can_react, state.opens_at, texts)
