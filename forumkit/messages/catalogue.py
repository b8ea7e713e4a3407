"""The message catalogue: every text ForumKit sends to members and moderators, by id.

A message is declared once, with its English text (the source of every translation), the
placeholders it takes (`{name}` in the text), who reads it and where it is sent. The core
declares its own (forumkit/messages/core.py); each plugin declares its own in its package
(`texts.py`), through `declare`, so they share one catalogue, one `.pot` template and one
admin page of overrides. Code asks for a text by id (forumkit/messages/texts.py); a text is
never written where it is sent.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Audience = Literal["member", "moderators", "platform"]
MAX_TEXT = 2000

# Words no text of ForumKit may use (published safe-messaging guidance on suicide and
# self-harm), checked on every default in the tests and on every override an admin saves.
# The second item names the only messages that may say it: "looking after" is true only
# in the message shown once a moderator has claimed or acknowledged a thread.
UNSAFE_PHRASES: tuple[tuple[str, frozenset[str]], ...] = (
    ("committed suicide", frozenset()),
    ("commit suicide", frozenset()),
    ("successful suicide", frozenset()),
    ("failed suicide", frozenset()),
    ("suicide victim", frozenset()),
    ("not an emergency", frozenset()),
    ("isn't an emergency", frozenset()),
    ("is not urgent", frozenset()),
    ("looking after", frozenset({"unanswered.care_status_claimed"})),
    ("keeping you safe", frozenset()),
    ("you are safe", frozenset()),
    ("everything will be", frozenset()),
)


class UnknownMessage(KeyError):
    """No message of the catalogue has this id."""


def placeholders(text: str) -> frozenset[str]:
    """The `{name}` placeholders of a text; ValueError for any other use of braces (a format
    spec, a conversion, an attribute or an index: a text only ever names a value)."""
    names: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValueError(f"braces do not match ({exc}); write {{{{ and }}}} for a brace") \
            from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"{{{name}}} is not a placeholder: use {{name}} with a name alone")
        names.add(name)
    return frozenset(names)


def unsafe_phrase(message_id: str, text: str) -> str | None:
    """The first phrase of UNSAFE_PHRASES this text uses where it may not, or None."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    for phrase, allowed in UNSAFE_PHRASES:
        if phrase in lowered and message_id not in allowed:
            return phrase
    return None


@dataclass(frozen=True)
class Message:
    id: str  # "<owner>.<what>": the core's start "core.", a plugin's its name
    text: str  # the English default, the source text of translations
    audience: Audience  # who reads it
    where: str  # where it is sent, in a few words (the admins' list, docs/messages.md)
    note: str = ""  # for translators and admins: what the placeholders hold
    placeholders: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "placeholders", placeholders(self.text))
        if len(self.text) > MAX_TEXT:
            raise ValueError(f"message {self.id}: longer than {MAX_TEXT} characters")


class Catalogue:
    """The messages every installed part of ForumKit declared, and where their translations
    are (a `locales` folder per declaring package)."""

    def __init__(self) -> None:
        self._messages: dict[str, Message] = {}
        self._owner: dict[str, str] = {}
        self.locale_dirs: list[Path] = []

    def declare(self, owner: str, messages: Iterable[Message],
                locales: Path | None = None) -> None:
        for message in messages:
            known = self._messages.get(message.id)
            if known is not None and known != message:
                raise ValueError(f"message {message.id!r} is declared twice, differently")
            if not message.id.startswith(f"{owner}."):
                raise ValueError(f"{owner} may declare only ids starting {owner}.: "
                                 f"{message.id!r}")
            self._messages[message.id] = message
            self._owner[message.id] = owner
        if locales is not None and locales not in self.locale_dirs:
            self.locale_dirs.append(locales)

    def get(self, message_id: str) -> Message:
        try:
            return self._messages[message_id]
        except KeyError:
            raise UnknownMessage(message_id) from None

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._messages

    def owner(self, message_id: str) -> str:
        return self._owner[message_id]

    def all(self) -> list[Message]:
        return [self._messages[k] for k in sorted(self._messages)]


CATALOGUE = Catalogue()


def declare(owner: str, *messages: Message, locales: Path | None = None) -> None:
    """Add messages to the catalogue: the core (`owner` "core") or a plugin (its name), with
    the folder of its translations if it ships any (`<locales>/<lang>/LC_MESSAGES/forumkit.po`)."""
    CATALOGUE.declare(owner, messages, locales)
