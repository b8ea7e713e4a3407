"""The weekly digest: each active helper gets a summary of the week before, once.

Any number of processes may run this job. The first to record a forum's week in
helper_impact_digest_run does that week's work in the same transaction as the messages it
queues; the others find the week taken. Each message also carries a dedupe key per helper
per ISO week, so the outbox keeps one whatever happens.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlmodel import Session

from forumkit.db import session_scope
from forumkit.facets import GRATITUDE_RECEIVERS, Facets
from forumkit.forums import repository as forums
from forumkit.forums.models import Forum
from forumkit.mirror.models import Member
from forumkit.outbox import service as outbox
from forumkit.plugin import JobContext, JobSpec
from forumkit.plugins.helper_impact import activity, service, summary
from forumkit.plugins.helper_impact import repository as repo
from forumkit.plugins.helper_impact.settings import HelperImpactSettings

log = logging.getLogger(__name__)


def week_start(at: datetime) -> datetime:
    """Monday 00:00 UTC of the ISO week `at` falls in."""
    day = at.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def iso_week(at: datetime) -> str:
    year, week, _ = at.isocalendar()
    return f"{year}-W{week:02d}"


def digest_period(now: datetime) -> tuple[datetime, datetime]:
    """The week to summarise: the previous ISO week, once this week's send time has come."""
    this_week = week_start(now)
    return this_week - timedelta(days=7), this_week


def due(settings: HelperImpactSettings, now: datetime) -> bool:
    send_at = week_start(now) + timedelta(days=settings.digest_weekday - 1,
                                          hours=settings.digest_hour)
    return settings.digest_enabled and now >= send_at


def send_digests(ctx: JobContext) -> None:
    with session_scope(ctx.engine) as session:
        slugs = [f.slug for f in forums.all_forums(session)]
    for slug in slugs:
        # One transaction per forum: a failure in one forum leaves the others sent.
        with session_scope(ctx.engine) as session:
            forum = forums.by_slug(session, slug)
            if forum is None or not service.is_on(session, forum):
                continue
            sent = digest_forum(session, forum, ctx.app.registry.facets, ctx.now)
        if sent:
            log.info("helper digests queued", extra={"forum": slug, "helpers": sent})


def digest_forum(session: Session, forum: Forum, facets: Facets, now: datetime) -> int:
    """Queue this forum's digests for last week if they are due and not yet sent."""
    settings = service.settings_of(session, forum)
    if not due(settings, now):
        return 0
    assert forum.id is not None
    since, until = digest_period(now)
    week = iso_week(since)
    if not repo.claim_digest_week(session, forum.id, week, now):
        return 0
    helpers = _active_helpers(session, forum, facets, since, until)
    prefs = repo.preferences(session, helpers)
    actions = []
    for member_id in helpers:
        member = session.get(Member, member_id)
        if member is None or not service.wants(prefs.get(member_id), "digest"):
            continue
        found = summary.summarise(session, forum, facets, member, since, until)
        if not summary.has_news(found):
            continue
        action = service.message(
            session, member, summary.digest_text(forum, found, week),
            topic="helper_impact.digest", week=week,
            dedupe_key=f"helper_impact:digest:{member_id}:{week}",
            summary={"replies_given": found["replies_given"],
                     "threads_supported": found["threads_supported"],
                     "people_helped": found["people_helped"],
                     "reactions_total": found["reactions_total"],
                     "impact_notes": len(found["impact_notes"])},
        )
        if action is not None:
            actions.append(action)
    outbox.enqueue(session, forum, actions, now)
    run = repo.digest_run(session, forum.id, week)
    if run is not None:
        run.helpers = len(actions)
        session.add(run)
    return len(actions)


def _active_helpers(
    session: Session, forum: Forum, facets: Facets, since: datetime, until: datetime
) -> list[int]:
    assert forum.id is not None
    repliers = {r.author_id for r in activity.replies(session, forum.id, since, until)}
    thanked = set(facets.ask(GRATITUDE_RECEIVERS, session, forum, since, until) or [])
    noted = set(repo.helpers_with_notes(session, forum.id, since, until))
    return sorted(repliers | thanked | noted)


def job_specs() -> list[JobSpec]:
    return [JobSpec("helper_impact.digest", send_digests, seconds=900)]
