"""The alert job: four times a second, fire what has fallen due.

Each pass is one indexed range query (`due_at <= now`) per batch, so running it four times a
second costs next to nothing when nothing is due, and an alert fires within a quarter of a
second of its deadline. Several schedulers may run it at once: PostgreSQL hands each
its own rows (SKIP LOCKED) and the unique (post, tier) key decides any race left.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from forumkit.context import PluginContext
from forumkit.facets import PrefetchedFacets
from forumkit.plugin import JobContext
from forumkit.plugins.unanswered import fallback, risk, service
from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered.facets import POST_LABELS, THREAD_RESPONSE_MODE
from forumkit.plugins.unanswered.models import UnansweredWatch
from forumkit.plugins.unanswered.settings import UnansweredSettings

log = logging.getLogger(__name__)
PLUGIN = "unanswered"
BATCH = 200
INTERVAL_SECONDS = 0.25


def fire_due(job: JobContext) -> None:
    fire_due_count(job)


def fire_due_count(job: JobContext) -> int:
    """Fire every due tier; returns how many watches were handled."""
    if job.plugin is None:  # called directly (the demo, tests), not by the scheduler
        job = replace(job, plugin=PLUGIN)
    handled = 0
    while True:
        # One unit of work per batch: the contexts of the forums where the plugin is on, the
        # watches that fell due there, and the actions they emit, committed together.
        with job.forums() as forums:
            watches = _fire_batch(forums)
        handled += len(watches)
        if len(watches) < BATCH:
            break
    if handled:
        log.info("unanswered alerts checked", extra={"watches": handled})
    return handled


def _fire_batch(forums: dict[int, PluginContext[UnansweredSettings]]) -> list[UnansweredWatch]:
    if not forums:
        return []
    session = next(iter(forums.values())).session
    now = next(iter(forums.values())).now
    watches = repo.due_watches(session, now, list(forums), BATCH)
    answers = repo.first_answers(session, watches)
    # What other plugins know of these posts, read once for the batch, not per post.
    facets: dict[int, PrefetchedFacets] = {}
    for forum_id in {w.forum_id for w in watches}:
        ctx = forums[forum_id]
        mine = [w for w in watches if w.forum_id == forum_id]
        facets[forum_id] = PrefetchedFacets(ctx.facets)
        facets[forum_id].prefetch(THREAD_RESPONSE_MODE, session, ctx.forum,
                                  [w.thread_id for w in mine])
        facets[forum_id].prefetch(POST_LABELS, session, ctx.forum, [w.post_id for w in mine])
    # Changes are written together at commit (a few batched statements), not one flush per
    # query: the firing reads nothing the batch itself has changed.
    with session.no_autoflush:
        for watch in watches:
            ctx = forums[watch.forum_id]
            ctx.emit(service.fire_due_tiers(session, ctx.forum, ctx.settings, watch,
                                            facets[watch.forum_id], now,
                                            answers.get(watch.id or 0)))
    return watches


LABELS_INTERVAL_SECONDS = 30.0


def weigh_later_labels(job: JobContext) -> None:
    """Every half minute: concerns given a risk label since alert now (risk.labelled_since)."""
    with job.forums() as forums:
        for ctx in forums.values():
            ctx.emit(risk.labelled_since(ctx))


def send_fallbacks(job: JobContext) -> None:
    """Every half minute: alerts their channels have not delivered go to the fallback."""
    with job.forums() as forums:
        for ctx in forums.values():
            ctx.emit(fallback.send_fallbacks(ctx))
