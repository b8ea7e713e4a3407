"""The alert job: four times a second, fire what has fallen due.

Each pass is one indexed range query (`due_at <= now`) per batch, so running it four times a
second costs next to nothing when nothing is due, and an alert fires within a quarter of a
second of its deadline. Several schedulers may run it at once: PostgreSQL hands each
its own rows (SKIP LOCKED) and the unique (post, tier) key decides any race left.
"""

from __future__ import annotations

import logging

from forumkit.db import session_scope
from forumkit.facets import POST_LABELS, THREAD_RESPONSE_MODE, PrefetchedFacets
from forumkit.forums.models import Forum
from forumkit.outbox import service as outbox
from forumkit.plugin import JobContext
from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered import service
from forumkit.plugins.unanswered.settings import UnansweredSettings

log = logging.getLogger(__name__)
BATCH = 200
INTERVAL_SECONDS = 0.25


def fire_due(ctx: JobContext) -> None:
    fire_due_count(ctx)


def fire_due_count(ctx: JobContext) -> int:
    """Fire every due tier; returns how many watches were handled."""
    app = ctx.app
    handled = 0
    while True:
        with session_scope(app.engine) as session:
            enabled: dict[int, tuple[Forum, UnansweredSettings]] = {}
            for forum, stored in repo.forums_with_plugin_on(session, True):
                try:
                    assert forum.id is not None
                    enabled[forum.id] = (forum, UnansweredSettings.model_validate(stored))
                except ValueError as exc:  # one forum's broken settings must not stop others
                    log.error("unanswered settings unreadable",
                              extra={"forum": forum.slug, "error": str(exc)[:300]})
            now = app.clock.now()
            watches = repo.due_watches(session, now, list(enabled), BATCH)
            answers = repo.first_answers(session, watches)
            # What other plugins know of these posts, read once for the batch, not per post.
            facets = PrefetchedFacets(app.registry.facets)
            for forum_id in {w.forum_id for w in watches}:
                forum = enabled[forum_id][0]
                mine = [w for w in watches if w.forum_id == forum_id]
                facets.prefetch(THREAD_RESPONSE_MODE, session, forum, [w.thread_id for w in mine])
                facets.prefetch(POST_LABELS, session, forum, [w.post_id for w in mine])
            # Changes are written together at commit (a few batched statements), not one
            # flush per query: the firing reads nothing the batch itself has changed.
            with session.no_autoflush:
                for watch in watches:
                    forum, settings = enabled[watch.forum_id]
                    actions = service.fire_due_tiers(session, forum, settings, watch,
                                                     facets, now,
                                                     answers.get(watch.id or 0))
                    outbox.enqueue(session, forum, actions, now)
        handled += len(watches)
        if len(watches) < BATCH:
            break
    if handled:
        log.info("unanswered alerts checked", extra={"watches": handled})
    return handled
