"""Rendering a message for a forum: its override, else its translation, else the English.

`texts_for(session, forum)` gives the forum's `Texts`: its locale, its time zone and its
overrides (read once per unit of work). `render(ctx, id, **values)` is the one call code
makes where it sends a text. Times are shown in the forum's zone (`Forum.timezone`), or in
a member's when the platform sent it for this call (`Texts.in_zone`).
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names
from sqlmodel import Session, col, select

from forumkit.messages.catalogue import CATALOGUE, Message
from forumkit.messages.models import MessageOverride
from forumkit.messages.translations import translated

if TYPE_CHECKING:
    from forumkit.forums.models import Forum

SESSION_KEY = "forumkit.message_overrides"
DEFAULT_LOCALE = "en"
DEFAULT_ZONE = "UTC"


def valid_zone(name: str) -> str:
    """An IANA time zone name (Europe/London, UTC); ValueError when it names none."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValueError(f"{name!r} is not a time zone: use an IANA name such as "
                         "Europe/London or America/New_York") from None
    return name


@lru_cache(maxsize=64)
def _babel_locale(locale: str) -> Locale:
    try:
        return Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LOCALE)


def fill(text: str, values: Mapping[str, str]) -> str:
    """The text with each `{name}` replaced by its value; nothing else of str.format is
    used, so a value or an override can never reach an attribute or an index."""
    out = []
    for literal, name, _, _ in string.Formatter().parse(text):
        out.append(literal)
        if name is not None:
            out.append(values[name])
    return "".join(out)


@dataclass(frozen=True)
class Texts:
    """A forum's words: how each message reads there, and how times are shown."""

    locale: str = DEFAULT_LOCALE
    zone: str = DEFAULT_ZONE
    overrides: Mapping[str, str] = field(default_factory=dict)

    def render(self, message: str | Message, /, **values: Any) -> str:
        """The message filled in. Values are shown as text; a datetime as a moment in this
        forum's (or member's) zone, a list joined by commas."""
        found = CATALOGUE.get(message if isinstance(message, str) else message.id)
        given = set(values)
        if given != found.placeholders:
            raise ValueError(f"message {found.id} takes {sorted(found.placeholders)}, "
                             f"was given {sorted(given)}")
        return fill(self.text_of(found), {k: self._shown(v) for k, v in values.items()})

    def text_of(self, message: Message) -> str:
        override = self.overrides.get(message.id)
        if override is not None:
            return override
        return translated(message, self.locale) or message.text

    def in_zone(self, zone: str | None) -> Texts:
        """These texts with times in a member's zone (when the platform sent a valid one)."""
        if not zone:
            return self
        try:
            return replace(self, zone=valid_zone(zone))
        except ValueError:
            return self

    def moment(self, when: datetime) -> str:
        """A time as a member reads it, e.g. "Monday 5 January 2026 at 14:00 GMT"."""
        local = self._local(when)
        locale = _babel_locale(self.locale)
        return self.render(
            "core.moment",
            weekday=get_day_names("wide", context="format", locale=locale)[local.weekday()],
            day=str(local.day),
            month=get_month_names("wide", context="format", locale=locale)[local.month],
            year=str(local.year), time=f"{local:%H:%M}", zone=local.tzname() or self.zone,
        )

    def moment_short(self, when: datetime) -> str:
        """A time for moderators' alerts, e.g. "2026-01-05 03:10 UTC"."""
        local = self._local(when)
        return self.render("core.moment_short", date=f"{local:%Y-%m-%d}",
                           time=f"{local:%H:%M}", zone=local.tzname() or self.zone)

    def _local(self, when: datetime) -> datetime:
        try:
            zone = ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo(DEFAULT_ZONE)
        return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(zone)

    def _shown(self, value: Any) -> str:
        if isinstance(value, datetime):
            return self.moment(value)
        if isinstance(value, Sequence) and not isinstance(value, str):
            return ", ".join(str(v) for v in value)
        return str(value)


ENGLISH = Texts()  # the catalogue's defaults: for code with no forum (a test's Delivery)


def overrides_of(session: Session, forum_id: int) -> dict[str, str]:
    """The forum's overrides, read once per unit of work (kept in the session's info)."""
    cache: dict[int, dict[str, str]] = session.info.setdefault(SESSION_KEY, {})
    if forum_id not in cache:
        rows = session.exec(select(MessageOverride.message_id, MessageOverride.text)
                            .where(col(MessageOverride.forum_id) == forum_id))
        cache[forum_id] = {message_id: text for message_id, text in rows}
    return cache[forum_id]


def forget_overrides(session: Session, forum_id: int) -> None:
    session.info.get(SESSION_KEY, {}).pop(forum_id, None)


class _Overrides(Mapping[str, str]):
    """A forum's overrides, read from the database the first time a text needs them: the
    read path (render-hints, permissions) mostly draws no text at all."""

    def __init__(self, session: Session, forum_id: int) -> None:
        self._session, self._forum_id = session, forum_id
        self._read: Mapping[str, str] | None = None

    def _all(self) -> Mapping[str, str]:
        if self._read is None:
            self._read = overrides_of(self._session, self._forum_id)
        return self._read

    def __getitem__(self, message_id: str) -> str:
        return self._all()[message_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def texts_for(session: Session, forum: Forum, zone: str | None = None, *,
              lazy: bool = False) -> Texts:
    """The forum's words. `lazy`: the overrides are read when first needed, inside this unit
    of work (the read path); otherwise now, so the texts can outlive the session."""
    assert forum.id is not None
    overrides = (_Overrides(session, forum.id) if lazy
                 else overrides_of(session, forum.id))
    texts = Texts(locale=forum.locale or DEFAULT_LOCALE, zone=forum.timezone or DEFAULT_ZONE,
                  overrides=overrides)
    return texts.in_zone(zone)


class ForumWork(Protocol):
    """Anything that knows its forum and its unit of work: a plugin's context, an event's."""

    @property
    def session(self) -> Session: ...

    @property
    def forum(self) -> Forum: ...


def render(where: ForumWork | Texts, message: str | Message, /, **values: Any) -> str:
    """The message as the forum of `where` says it, filled in with `values`."""
    texts = where if isinstance(where, Texts) else texts_for(where.session, where.forum)
    return texts.render(message, **values)
