"""Every table: the core's, and those of each installed plugin (imported with the plugin)."""

from __future__ import annotations

from sqlmodel import SQLModel

from forumkit.audit.models import AuditEntry
from forumkit.forums.models import Forum, ForumPlugin
from forumkit.ingest.models import IngestedEvent, WebhookReceipt
from forumkit.keys.models import ApiKey
from forumkit.messages.models import MessageOverride
from forumkit.mirror.models import CategoryName, ErasedMember, Member, Post, Thread
from forumkit.outbox.models import OutboxItem
from forumkit.registry import Registry
from forumkit.web.models import WebSession

__all__ = [
    "ApiKey", "AuditEntry", "CategoryName", "ErasedMember", "Forum", "ForumPlugin",
    "IngestedEvent", "Member", "MessageOverride", "OutboxItem", "Post", "Thread", "WebSession",
    "WebhookReceipt", "metadata",
]


def metadata() -> type[SQLModel]:
    """SQLModel with every table registered: plugins' models load when they are discovered."""
    Registry.discover()
    return SQLModel
