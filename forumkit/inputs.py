"""What a request may carry: text, ids and times that the databases can store and answers
can encode. Every route, page and request model reads its input through these.

- Text holds no NUL character (PostgreSQL refuses it in text) and no unpaired UTF-16
  surrogate (JSON can escape one, `"\\ud800"`, but it cannot be encoded as UTF-8 to be
  stored or sent back). Both are refused with 422, never truncated or replaced.
- Ids of ForumKit's own rows are INTEGER columns: 32 bits on PostgreSQL, so an id from a
  request is between 1 and 2**31 - 1. Offsets and page numbers stay within the same range.
- Times are between 1970 and the year 3000: far enough for any post, near enough that
  adding a window or a retention period to one never leaves what Python and the databases
  can hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

import annotated_types
from pydantic import AfterValidator, AwareDatetime, BaseModel, field_validator
from pydantic_core import PydanticCustomError

MAX_ROW_ID = 2**31 - 1  # PostgreSQL INTEGER, the type of every id column
MAX_OFFSET = MAX_ROW_ID
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
TEXT_ERROR = "text_characters"
TEXT_MESSAGE = "Text may not contain NUL characters or unpaired surrogates"
TIME_ERROR = "time_range"
TIME_MESSAGE = "Times must be between 1970-01-01 and 3000-01-01"


def storable(text: str) -> bool:
    """False for text holding a NUL character or an unpaired surrogate."""
    return _UNSTORABLE.search(text) is None


def cleaned(text: str) -> str:
    """The text with each character that cannot be stored replaced by U+FFFD, for text from a
    platform that would only send the same again if it were refused."""
    return _UNSTORABLE.sub("\ufffd", text)


def unstorable_at(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Where, in JSON-like data (dicts, lists, strings; keys too), text is not storable."""
    if isinstance(value, str):
        if not storable(value):
            yield loc
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str) and not storable(key):
                yield (*loc, repr(key))
            yield from unstorable_at(item, (*loc, key if isinstance(key, str | int) else repr(key)))
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            yield from unstorable_at(item, (*loc, index))
    elif isinstance(value, BaseModel) and not isinstance(value, Input):
        for name in type(value).model_fields:
            yield from unstorable_at(getattr(value, name), (*loc, name))


def in_range(moment: datetime) -> bool:
    if moment.tzinfo is None:
        return EARLIEST.replace(tzinfo=None) <= moment < LATEST.replace(tzinfo=None)
    return EARLIEST <= moment < LATEST


def check_text(value: str) -> str:
    if not storable(value):
        raise PydanticCustomError(TEXT_ERROR, TEXT_MESSAGE)
    return value


def check_time(value: datetime) -> datetime:
    if not in_range(value):
        raise PydanticCustomError(TIME_ERROR, TIME_MESSAGE)
    return value


# For query and path parameters; request bodies are models deriving from `Input`.
Text = Annotated[str, AfterValidator(check_text)]
RowId = Annotated[int, annotated_types.Interval(ge=1, le=MAX_ROW_ID)]
Offset = Annotated[int, annotated_types.Interval(ge=0, le=MAX_OFFSET)]
Moment = Annotated[AwareDatetime, AfterValidator(check_time)]


class Input(BaseModel):
    """The base of every model read from a request: text anywhere in it (nested lists and
    dicts, keys included) must be storable and times in range, or the field is refused."""

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        if isinstance(value, datetime):
            return check_time(value)
        for _ in unstorable_at(value):
            raise PydanticCustomError(TEXT_ERROR, TEXT_MESSAGE)
        return value


def whole_number(text: object, *, low: int = 0, high: int = MAX_ROW_ID) -> int | None:
    """A form's number as typed (ASCII digits only), or None if it is not one in range."""
    value = str(text).strip()
    if not value.isascii() or not value.isdigit() or len(value) > len(str(high)):
        return None
    number = int(value)
    return number if low <= number <= high else None
