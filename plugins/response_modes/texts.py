"""The texts response modes send, declared in the core's message catalogue
(forumkit/messages): why a member may not reply, the kind note with a hidden reply, the
words for the platform's records, and the moderators' quiet check."""

from __future__ import annotations

from forumkit.messages import Message, declare
from forumkit.messages.catalogue import Audience

REACT = " You can still leave a reaction to show you've read it."
THANKS = "Thank you for wanting to support someone here. "
FINE = " You haven't done anything wrong, and nothing changes for your account."
GENTLE = " A reaction is a gentle way to let them know you read it."
WHY = "permissions `reason` (the member asking to reply), and the platform's closed-replies notice"
HIDDEN = "the kind note to someone whose reply was hidden (with the hide)"


def _m(key: str, text: str, audience: Audience, where: str, note: str = "") -> Message:
    return Message(f"response_modes.{key}", text, audience, where, note)


MESSAGES = (
    _m("closed", "This thread is closed to new replies.", "member", WHY),
    _m("open", "Replies are open.", "member", "the platform's notice when replies open"),
    _m("why_diary", "This is a diary post: the author is writing for themselves and has "
       "turned replies off." + REACT, "member", WHY),
    _m("why_diary_no_reactions", "This is a diary post: the author is writing for themselves "
       "and has turned replies and reactions off.", "member", WHY),
    _m("why_reactions_only", "The author has asked for reactions only, so replies are off."
       + REACT, "member", WHY),
    _m("why_held", "The author has asked for replies to wait until they are ready." + REACT,
       "member", WHY),
    _m("why_held_until", "The author has asked for replies to wait until {opens_at}." + REACT,
       "member", WHY, "opens_at: when replies open, in the forum's or the member's zone"),
    _m("why_moderators_only", "The author has asked for replies from moderators only."
       + REACT, "member", WHY),
    _m("why_other", "Replies are not open here at the moment." + REACT, "member", WHY),
    _m("hidden_diary", THANKS + "This post is a diary entry: its author asked to write "
       "without replies, so we've hidden your reply from the thread." + FINE + GENTLE,
       "member", HIDDEN),
    _m("hidden_diary_no_reactions", THANKS + "This post is a diary entry: its author asked "
       "to write without replies, so we've hidden your reply from the thread." + FINE,
       "member", HIDDEN),
    _m("hidden_reactions_only", THANKS + "The author asked for reactions only, so we've "
       "hidden your reply from the thread." + FINE + GENTLE, "member", HIDDEN),
    _m("hidden_held", THANKS + "The author asked for replies to wait until they are ready, "
       "so we've hidden your reply for now." + FINE + " You're welcome to post it again once "
       "replies open.", "member", HIDDEN),
    _m("hidden_held_until", THANKS + "The author asked for replies to wait until {opens_at}, "
       "so we've hidden your reply for now." + FINE + " You're welcome to post it again once "
       "replies open.", "member", HIDDEN, "opens_at: when replies open, in the forum's zone"),
    _m("hidden_moderators_only", THANKS + "The author asked for replies from moderators only, "
       "so we've hidden your reply from the thread." + FINE + GENTLE, "member", HIDDEN),
    _m("hidden_other", THANKS + "Replies are not open here at the moment, so we've hidden "
       "yours." + FINE, "member", HIDDEN),
    _m("hide_reason_thread", "Hidden because the thread's author chose {chose}; the reply "
       "breaks no rule.", "platform", "the platform's record of a hidden reply",
       "chose: one of the response_modes.chose_* texts"),
    _m("hide_reason_post", "Hidden because the post's author chose {chose}; the reply breaks "
       "no rule.", "platform", "the platform's record of a hidden reply to a post with a mode",
       "chose: one of the response_modes.chose_* texts"),
    _m("chose_diary", "a diary post", "platform", "inside hide_reason_*"),
    _m("chose_reactions_only", "reactions only", "platform", "inside hide_reason_*"),
    _m("chose_held", "replies held until later", "platform", "inside hide_reason_*"),
    _m("chose_moderators_only", "replies from moderators only", "platform",
       "inside hide_reason_*"),
    _m("mode_diary", "diary", "moderators", "a mode's name in notes to moderators"),
    _m("mode_reactions_only", "reactions only", "moderators",
       "a mode's name in notes to moderators"),
    _m("mode_held", "held", "moderators", "a mode's name in notes to moderators"),
    _m("mode_moderators_only", "moderators only", "moderators",
       "a mode's name in notes to moderators"),
    _m("mode_open", "open", "moderators", "a mode's name in notes to moderators"),
    _m("cannot_hide", "A reply arrived in a thread whose author chose {mode}, and the forum "
       "cannot hide it automatically. Please move or hide it kindly if that is right.",
       "moderators", "note to moderators when the platform cannot hide a reply",
       "mode: one of the response_modes.mode_* texts"),
    _m("safety_check", "A quiet check: a {mode} post carries the content warning {labels}. "
       "Its author asked not to get replies, so no unanswered-post alert will come for it. "
       "Please look in on it when you can.", "moderators",
       "quiet note to moderators: a high-risk post nobody is expected to answer",
       "mode: one of the response_modes.mode_* texts; labels: label keys"),
)

declare("response_modes", *MESSAGES)
