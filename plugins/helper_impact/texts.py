"""The texts helper impact sends, declared in the core's message catalogue
(forumkit/messages): the helper-care message, the weekly digest, impact notes passed on,
answers to members' suggestions, and the answers to a note that cannot be left."""

from __future__ import annotations

from forumkit.messages import Message, declare
from forumkit.messages.catalogue import Audience

CARE = "the helper-care message to a member replying to many high-risk threads"
DIGEST = "the weekly digest to a helper"
COUNT = "inside the digest's lines: n is a number"


def _m(key: str, text: str, where: str, note: str = "",
       audience: Audience = "member") -> Message:
    return Message(f"helper_impact.{key}", text, audience, where, note)


MESSAGES = (
    _m("care", "Thank you for being there for people who are going through a very hard time. "
       "You have replied to several threads about suicide or self-harm recently. You don't "
       "have to carry them on your own: the moderators can see these threads and can step "
       "in, and it is fine to step back and look after yourself.", CARE + ": its start"),
    _m("care_thread", "• {title}: {status}", CARE + ": one line per thread",
       "title: the thread's title or helper_impact.care_untitled; status: what moderators "
       "are doing (unanswered.care_status_claimed once one has claimed it) or "
       "helper_impact.care_no_status"),
    _m("care_untitled", "A thread you replied to", CARE + ": a thread without a title"),
    _m("care_no_status", "The moderators can see this thread and can step in.",
       CARE + ": a thread no moderator has claimed"),
    _m("digest_heading", "Your week on {forum} ({week}).", DIGEST,
       "forum: the forum's name; week: e.g. 2026-W02"),
    _m("digest_replies", "You replied {times} in {threads} started by other people.", DIGEST,
       "times: helper_impact.count_times_*; threads: helper_impact.count_threads_*"),
    _m("digest_thanked", "Your replies were thanked {times}: {signs}.", DIGEST,
       "times: helper_impact.count_times_*; signs: each reaction's emoji, words and count"),
    _m("digest_helped", "{people} let you know you helped them.", DIGEST,
       "people: helper_impact.count_people_*"),
    _m("digest_changed", "What changed for them:", DIGEST + ": before up to three notes"),
    _m("digest_support_received", "Others also sent support on your own threads: you matter "
       "here too.", DIGEST),
    _m("digest_close", "Thank you for being here for others. You can turn these weekly notes "
       "off in your settings.", DIGEST + ": its end"),
    _m("count_times_one", "{n} time", COUNT),
    _m("count_times_many", "{n} times", COUNT),
    _m("count_threads_one", "{n} thread", COUNT),
    _m("count_threads_many", "{n} threads", COUNT),
    _m("count_people_one", "{n} person", COUNT),
    _m("count_people_many", "{n} people", COUNT),
    _m("note_anonymous", "Someone shared what your reply changed for them:\n\n“{note}”\n\n"
       "Thank you for being there.", "message to a helper passing on an anonymous impact note",
       "note: the note's words, as its writer chose to send them"),
    _m("note_named", "A member you helped shared what your reply changed for them:\n\n"
       "“{note}”\n\nThank you for being there.",
       "message to a helper passing on a named impact note",
       "note: the note's words, as its writer chose to send them"),
    _m("feedback_answered", "The forum's team answered your suggestion:\n\n“{answer}”",
       "message to a member whose suggestion the admins answered", "answer: the admins' words"),
    _m("feedback_updated", "The forum's team updated their answer to your suggestion:\n\n"
       "“{answer}”", "message to a member whose suggestion's answer changed",
       "answer: the admins' words"),
    _m("note_own_reply", "This is your own reply: notes are for telling someone else what "
       "their reply changed for you.", "the answer (403) to a member leaving a note on their "
       "own reply"),
    _m("note_not_yours", "Only the person this reply was written for can leave a note on it.",
       "the answer (403) to a member leaving a note on a reply not written for them"),
    _m("note_already", "You have already left a note on this reply. Take it back first to "
       "write a new one.", "the answer (409) to a second note on one reply"),
)

declare("helper_impact", *MESSAGES)
