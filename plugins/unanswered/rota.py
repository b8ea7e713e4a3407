"""Moderators' hours: is the rota open at a moment, and when does a window of rota time end.

Like support-desk business hours: a 4-hour window that starts at 16:00 with a rota of
09:00-17:00 ends at 12:00 the next working day. Shifts are local wall-clock times in the
rota's zone (zoneinfo), so a shift keeps its hours across daylight-saving changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from forumkit.plugins.unanswered.settings import DAYS, Rota

MAX_DAYS = 15  # a rota with shifts has one within a week; one more week for overnight shifts


def _at(day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    hour, minute = (int(p) for p in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)


def _intervals_from(rota: Rota, start: datetime) -> Iterator[tuple[datetime, datetime]]:
    """Open intervals (UTC) that end after `start`, in order, merged where they touch."""
    zone = ZoneInfo(rota.timezone)
    first_day = start.astimezone(zone).date() - timedelta(days=1)  # yesterday's overnight shift
    pending: tuple[datetime, datetime] | None = None
    for offset in range(MAX_DAYS + 1):
        day = first_day + timedelta(days=offset)
        todays = []
        for shift in rota.shifts:
            if DAYS[day.weekday()] not in shift.days:
                continue
            begin = _at(day, shift.start, zone)
            end_day = day if shift.end > shift.start else day + timedelta(days=1)
            end = _at(end_day, shift.end, zone)
            if end > begin:
                todays.append((begin, end))
        for begin, end in sorted(todays):
            if end <= start:
                continue
            begin = max(begin, start)
            if pending is None:
                pending = (begin, end)
            elif begin <= pending[1]:
                pending = (pending[0], max(pending[1], end))
            else:
                yield pending
                pending = (begin, end)
    if pending is not None:
        yield pending


def always_open(rota: Rota) -> bool:
    return not rota.shifts


def is_open(rota: Rota, at: datetime) -> bool:
    if always_open(rota):
        return True
    for begin, _end in _intervals_from(rota, at):
        return begin <= at
    return False


def add_open_time(rota: Rota, start: datetime, minutes: float) -> datetime:
    """The moment `minutes` of rota time have passed since `start`."""
    if always_open(rota):
        return start + timedelta(minutes=minutes)
    left = timedelta(minutes=minutes)
    cursor = start
    while True:
        progressed = False
        for begin, end in _intervals_from(rota, cursor):
            progressed = True
            span = end - begin
            if span >= left:
                return begin + left
            left -= span
            cursor = end
        if not progressed:  # cannot happen with a valid rota, but never loop for ever
            return cursor + left


def next_open(rota: Rota, at: datetime) -> datetime:
    """When the rota is next open, `at` itself if open now."""
    if always_open(rota):
        return at
    for begin, _end in _intervals_from(rota, at):
        return begin
    return at
