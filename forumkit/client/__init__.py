"""ForumKit's client library: what a forum's server installs to connect to ForumKit.

- models: every event a forum sends and every action ForumKit sends back, typed;
- Client / AsyncClient: send event batches, signed the Standard Webhooks way;
- verify_action: check and read an action delivered to the forum's callback URL;
- enqueue / queue_table: a durable queue in the forum's own database and transaction;
- Sender / send_pending: send that queue in order, with retries; `python -m forumkit.client`.

Importing it loads pydantic, httpx and SQLAlchemy, and nothing of ForumKit's server.
See docs/client.md.
"""

from forumkit.client.models import (
    ActionDelivery,
    ActionError,
    CategoryFields,
    CategoryUpdated,
    Event,
    HidePost,
    MemberChanges,
    MemberCreated,
    MemberDeleted,
    MemberFields,
    MemberRef,
    MemberUpdated,
    MessageMember,
    NewPostFields,
    NotifyModerators,
    PostCreated,
    PostDeleted,
    PostEdited,
    PostFields,
    PostHidden,
    PostModeration,
    PostRef,
    PostRestored,
    PostUnhidden,
    PostWhisper,
    ReactionAdded,
    ReactionFields,
    ReactionRemoved,
    SetPostTags,
    SetThreadReplies,
    ThreadFields,
    ThreadUpdated,
    parse_event,
)
from forumkit.client.queue import (
    PENDING,
    REJECTED,
    create_table,
    create_table_sql,
    enqueue,
    metadata,
    queue_table,
    requeue_rejected,
)
from forumkit.client.sender import Backoff, Sender, SendReport, send_pending
from forumkit.client.signing import SignatureError, signed_headers, verify_action
from forumkit.client.transport import (
    AsyncClient,
    BatchResult,
    Client,
    Refused,
    Rejected,
    SendError,
    Unavailable,
)

__all__ = [
    "PENDING", "REJECTED", "ActionDelivery", "ActionError", "AsyncClient", "Backoff",
    "BatchResult", "CategoryFields", "CategoryUpdated", "Client", "Event", "HidePost",
    "MemberChanges", "MemberCreated", "MemberDeleted", "MemberFields", "MemberRef",
    "MemberUpdated", "MessageMember", "NewPostFields", "NotifyModerators", "PostCreated",
    "PostDeleted", "PostEdited", "PostFields", "PostHidden", "PostModeration", "PostRef",
    "PostRestored", "PostUnhidden", "PostWhisper", "ReactionAdded", "ReactionFields",
    "ReactionRemoved", "Refused", "Rejected", "SendError", "SendReport", "Sender",
    "SetPostTags", "SetThreadReplies", "SignatureError", "ThreadFields", "ThreadUpdated",
    "Unavailable", "create_table", "create_table_sql", "enqueue", "metadata", "parse_event",
    "queue_table", "requeue_rejected", "send_pending",
    "signed_headers", "verify_action",
]
