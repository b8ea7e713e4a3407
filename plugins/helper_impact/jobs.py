"""The weekly digest: each active helper gets a summary of the week before, once.

Any number of processes may run this job. The first to record a forum's week in
helper_impact_digest_run does that week's work in the same transaction as the messages it
queues; the others find the week taken. Each message also carries a dedupe key per helper
per ISO week, so the outbox keeps one whatever happens. The job sees only the forums where
helper impact is on (the core hands it their contexts).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from forumkit.messages import texts_for
from forumkit.mirror.models import Member
from forumkit.plugin import JobContext, JobSpec
from forumkit.plugins.helper_impact import activity, service, summary
from forumkit.plugins.helper_impact import repository as repo
from forumkit.plugins.helper_impact.facets import GRATITUDE_RECEIVERS
from forumkit.plugins.helper_impact.service import Context
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


def send_digests(job: JobContext) -> None:
    with job.forums() as forums:
        for ctx in forums.values():
            # A savepoint per forum: a failure in one forum leaves the others sent.
            try:
                with ctx.session.begin_nested():
                    sent = digest_forum(ctx)
            except Exception:
                log.exception("helper digests failed", extra={"forum": ctx.forum.slug})
                continue
            if sent:
                log.info("helper digests queued", extra={"forum": ctx.forum.slug,
                                                         "helpers": sent})


def digest_forum(ctx: Context) -> int:
    """Emit this forum's digests for last week if they are due and not yet sent."""
    session, forum, now = ctx.session, ctx.forum, ctx.now
    if not due(ctx.settings, now):
        return 0
    since, until = digest_period(now)
    week = iso_week(since)
    if not repo.claim_digest_week(session, ctx.forum_id, week, now):
        return 0
    helpers = _active_helpers(ctx, since, until)
    prefs = repo.preferences(session, helpers)
    # A helper told this week that they may step back is not sent a count of their replies.
    cared_for = {m for m, at in repo.notices_since(session, ctx.forum_id, since).items()
                 if at < until}
    actions = []
    for member_id in helpers:
        member = session.get(Member, member_id)
        if member is None or member_id in cared_for:
            continue
        if not service.wants(prefs.get(member_id), "digest"):
            continue
        found = summary.summarise(ctx, member, since, until)
        if not summary.has_news(found):
            continue
        action = service.message(
            session, member, summary.digest_text(forum, found, week, texts_for(session, forum)),
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
    run = repo.digest_run(session, ctx.forum_id, week)
    if run is not None:
        run.helpers = len(actions)
        session.add(run)
    ctx.emit(actions)
    return len(actions)


def _active_helpers(ctx: Context, since: datetime, until: datetime) -> list[int]:
    session = ctx.session
    repliers = {r.author_id for r in activity.replies(session, ctx.forum_id, since, until)}
    thanked = set(ctx.facets.ask(GRATITUDE_RECEIVERS)(session, ctx.forum, since, until) or [])
    noted = set(repo.helpers_with_notes(session, ctx.forum_id, since, until))
    return sorted(repliers | thanked | noted)


def job_specs() -> list[JobSpec]:
    return [JobSpec("helper_impact.digest", send_digests, seconds=900)]
