"""The scheduled job: held threads open to replies when their time comes.

Safe in several processes at once: rows are claimed by the UPDATE that opens them (see
repository.claim_due_holds), and each action carries a dedupe key of its change.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from forumkit.context import PluginContext
from forumkit.messages import texts_for
from forumkit.mirror.models import Thread
from forumkit.plugin import JobContext, JobSpec
from forumkit.plugins.response_modes import repository as repo
from forumkit.plugins.response_modes import service
from forumkit.plugins.response_modes.models import ModeChange
from forumkit.plugins.response_modes.rules import ModeState
from forumkit.plugins.response_modes.settings import ResponseModesSettings

log = logging.getLogger(__name__)
PLUGIN = "response_modes"
BATCH = 200


def open_held_threads(job: JobContext) -> int:
    """Open every hold that has come due in the forums where the plugin is on; how many
    opened. A hold in a forum that switched the plugin off opens when it is on again."""
    if job.plugin is None:  # called directly (tests), not by the scheduler
        job = replace(job, plugin=PLUGIN)
    opened = 0
    while True:
        with job.forums() as forums:
            claimed = _open_batch(forums)
        opened += claimed
        if claimed < BATCH:
            return opened


def _open_batch(forums: dict[int, PluginContext[ResponseModesSettings]]) -> int:
    if not forums:
        return 0
    first = next(iter(forums.values()))
    claimed = repo.claim_due_holds(first.session, first.now, list(forums), BATCH)
    for _, forum_id, thread_id in claimed:
        _opened(forums[forum_id], thread_id)
    return len(claimed)


def _opened(ctx: PluginContext[ResponseModesSettings], thread_id: int) -> None:
    thread = ctx.session.get(Thread, thread_id)
    if thread is None:
        return
    change = ModeChange(forum_id=ctx.forum_id, thread_id=thread_id, from_mode="held",
                        to_mode="open", by="schedule", at=ctx.now)
    ctx.session.add(change)
    ctx.session.flush()
    ctx.emit(service.replies_actions(thread, ModeState("open", changed_at=ctx.now), change,
                                     ctx.settings, ctx.capabilities,
                                     texts_for(ctx.session, ctx.forum)))
    log.info("held thread opened", extra={"forum": ctx.forum.slug, "thread_id": thread_id})


def _run(job: JobContext) -> None:
    open_held_threads(job)


def jobs() -> list[JobSpec]:
    return [JobSpec("response_modes.open_held", _run, seconds=60)]
