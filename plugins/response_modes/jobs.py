"""The scheduled job: held threads open to replies when their time comes.

Safe in several processes at once: rows are claimed by the UPDATE that opens them (see
repository.claim_due_holds), and each action carries a dedupe key of its change.
"""

from __future__ import annotations

import logging

from sqlmodel import Session

from forumkit.db import session_scope
from forumkit.forums.models import Forum
from forumkit.mirror.models import Thread
from forumkit.outbox import service as outbox
from forumkit.plugin import JobContext, JobSpec
from forumkit.plugins.response_modes import repository as repo
from forumkit.plugins.response_modes import service
from forumkit.plugins.response_modes.models import ModeChange
from forumkit.plugins.response_modes.rules import ModeState
from forumkit.plugins.response_modes.settings import ResponseModesSettings

log = logging.getLogger(__name__)
BATCH = 200


def open_held_threads(ctx: JobContext) -> int:
    """Open every hold that has come due; how many opened."""
    opened = 0
    while True:
        with session_scope(ctx.engine) as session:
            claimed = repo.claim_due_holds(session, ctx.now, BATCH)
            for _, forum_id, thread_id in claimed:
                _opened(session, ctx, forum_id, thread_id)
        opened += len(claimed)
        if len(claimed) < BATCH:
            return opened


def _opened(session: Session, ctx: JobContext, forum_id: int, thread_id: int) -> None:
    forum = session.get(Forum, forum_id)
    thread = session.get(Thread, thread_id)
    if forum is None or thread is None:
        return
    change = ModeChange(forum_id=forum_id, thread_id=thread_id, from_mode="held",
                        to_mode="open", by="schedule", at=ctx.now)
    session.add(change)
    session.flush()
    # Open on the platform even if the plugin was switched off since: we closed it there.
    settings = service.settings_for(session, forum) or ResponseModesSettings()
    capabilities = ctx.app.registry.capabilities(forum)
    actions = service.replies_actions(
        thread, ModeState("open", changed_at=ctx.now), change, settings, capabilities
    )
    outbox.enqueue(session, forum, actions, ctx.now)
    log.info("held thread opened", extra={"forum": forum.slug, "thread_id": thread_id})


def _run(ctx: JobContext) -> None:
    open_held_threads(ctx)


def jobs() -> list[JobSpec]:
    return [JobSpec("response_modes.open_held", _run,
                    seconds=60)]
