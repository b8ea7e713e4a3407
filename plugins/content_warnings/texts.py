"""The texts content warnings send, declared in the core's message catalogue
(forumkit/messages): messages to a post's author, the notice drawn in a post's place, and
the gentle line before the support services."""

from __future__ import annotations

from forumkit.messages import Message, declare

NOTICE = "render-hints `notice`: drawn in a labelled post's place"
THREAD_NOTICE = "render-hints `threads` `notice`: drawn in a labelled thread's place in a list"
LABELS = "labels: the labels' names"

MESSAGES = (
    Message("content_warnings.moderator_added", "A moderator added a content warning to "
            "your post: {labels}. Why: {reason}", "member",
            "message to a post's author when a moderator labels it",
            LABELS + "; reason: the moderator's words, or content_warnings.moderator_reason"),
    Message("content_warnings.moderator_reason", "The words in your post matched this label, "
            "and a moderator agreed it helps readers.", "member",
            "the reason given when a moderator confirms a suggested label without one"),
    Message("content_warnings.offer", "Thank you for sharing. If you would like, you can add "
            "a content warning to your post, so others can choose when to read it. One that "
            "might fit: {labels}. You can add it from your post.", "member",
            "message to a post's author offering suggested labels (never where an automatic "
            "message could hurt: see no_offer_on)", LABELS + ", separated by semicolons"),
    Message("content_warnings.notice_own", "Your post carries a content warning: {labels}.",
            "member", NOTICE + " (to its author)", LABELS),
    Message("content_warnings.notice_hidden", "A post is hidden here because of its content "
            "warning: {labels}.", "member", NOTICE + " (hidden)", LABELS),
    Message("content_warnings.notice_blurred", "Content warning: {labels}. The post is "
            "covered; choose to show it when you feel ready.", "member", NOTICE + " (blurred)",
            LABELS),
    Message("content_warnings.notice_shown", "Content warning: {labels}.", "member",
            NOTICE + " (shown)", LABELS),
    Message("content_warnings.notice_thread_own", "Your thread carries a content warning: "
            "{labels}.", "member", THREAD_NOTICE + " (to its author)", LABELS),
    Message("content_warnings.notice_thread_hidden", "A thread is hidden here because of its "
            "content warning: {labels}.", "member", THREAD_NOTICE + " (hidden)", LABELS),
    Message("content_warnings.notice_thread_blurred", "Content warning: {labels}. The "
            "thread's title is covered; choose to show it when you feel ready.", "member",
            THREAD_NOTICE + " (blurred)", LABELS),
    Message("content_warnings.support_line", "If things feel hard right now, you don't have to "
            "go through it alone. You can reach out to:", "member",
            "compose-check and render-hints `support.line`: before the services the forum's "
            "admins listed"),
)

declare("content_warnings", *MESSAGES)
