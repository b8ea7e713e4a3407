"""Who may reply or react under each mode, and why not, in words a member reads.

Pure functions: no database, no clock. The service feeds them a thread's state and who is
asking; the pre-check, the facets and after-the-fact enforcement all decide here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


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
    state: ModeState, asker: Asker, *, now: datetime, staff_may_reply: bool = True,
    closed: bool = False,
) -> Permission:
    mode = state.effective(now)
    opens_at = state.opens_at if mode == "held" else None
    staff = asker.is_staff and staff_may_reply
    if closed and not staff:
        return Permission(False, True, "This thread is closed to new replies.", mode, opens_at)
    # The author may always add to their own thread, and react in it.
    if asker.is_author or staff or mode == "open":
        return Permission(True, True, None, mode, opens_at)
    can_react = mode != "diary" or state.allow_reactions
    return Permission(False, can_react, why_not(mode, can_react, state.opens_at), mode, opens_at)


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


def why_not(mode: str, can_react: bool, opens_at: datetime | None) -> str:
    react = " You can still leave a reaction to show you've read it." if can_react else ""
    if mode == "diary":
        if can_react:
            return ("This is a diary post: the author is writing for themselves and has "
                    "turned replies off." + react)
        return ("This is a diary post: the author is writing for themselves and has turned "
                "replies and reactions off.")
    if mode == "reactions_only":
        return "The author has asked for reactions only, so replies are off." + react
    if mode == "held":
        if opens_at is None:
            return "The author has asked for replies to wait until they are ready." + react
        return f"The author has asked for replies to wait until {when(opens_at)}." + react
    if mode == "moderators_only":
        return "The author has asked for replies from moderators only." + react
    return "Replies are not open here at the moment." + react


def replier_note(mode: str, state: ModeState) -> str:
    """A kind word to someone whose reply was hidden: they did nothing wrong."""
    thanks = "Thank you for wanting to support someone here. "
    fine = " You haven't done anything wrong, and nothing changes for your account."
    can_react = mode != "diary" or state.allow_reactions
    react = " A reaction is a gentle way to let them know you read it." if can_react else ""
    if mode == "diary":
        return (thanks + "This post is a diary entry: its author asked to write without "
                "replies, so we've hidden your reply from the thread." + fine + react)
    if mode == "reactions_only":
        return (thanks + "The author asked for reactions only, so we've hidden your reply "
                "from the thread." + fine + react)
    if mode == "held":
        later = f"until {when(state.opens_at)}" if state.opens_at else "until they are ready"
        return (thanks + f"The author asked for replies to wait {later}, so we've hidden your "
                "reply for now." + fine + " You're welcome to post it again once replies "
                "open.")
    if mode == "moderators_only":
        return (thanks + "The author asked for replies from moderators only, so we've hidden "
                "your reply from the thread." + fine + react)
    return thanks + "Replies are not open here at the moment, so we've hidden yours." + fine


def hide_reason(mode: str, whose: str = "thread") -> str:
    """Why a reply was hidden, for the platform's records: not a breach of any rule."""
    words = {
        "diary": "a diary post",
        "reactions_only": "reactions only",
        "held": "replies held until later",
        "moderators_only": "replies from moderators only",
    }.get(mode, mode)
    return f"Hidden because the {whose}'s author chose {words}; the reply breaks no rule."


def platform_reason(state: ModeState) -> str:
    """Why replies are closed or opened on the platform, in words members may see."""
    if state.mode == "open":
        return "Replies are open."
    can_react = state.mode != "diary" or state.allow_reactions
    return why_not(state.mode, can_react, state.opens_at)


def when(moment: datetime | None) -> str:
    if moment is None:
        return "later"
    return f"{moment:%A} {moment.day} {moment:%B %Y} at {moment:%H:%M} UTC"
