"""The alert payload every channel reads, checked once here, and the wording channels share.

The payload's shape is described in forumkit/channel.py. A payload that does not fit is the
producer's mistake or a moderator's typo in a target: no retry will fix it, so it fails for
good with an error that names the field but never repeats its value (a secret, an address).
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, field_validator

from forumkit.adapter import Delivery, DeliveryResult
from forumkit.links import safe_link
from forumkit.messages import Texts

FIRED = "alert.fired"
RESOLVED = "alert.resolved"
TEST = "alert.test"

# How each event reads in front of the title (messages of the catalogue); an event not
# named here adds nothing.
EVENT_LABELS = {RESOLVED: "core.channel_resolved", TEST: "core.channel_test"}

Scalar = str | int | float | bool | None
FieldValue = Scalar | list[Scalar]  # a list (content-warning labels) reads as "a, b"


class AlertMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: str = Field(min_length=1, max_length=300)
    text: str = Field(default="", max_length=10_000)
    url: HttpUrl | None = None
    fields: dict[str, FieldValue] = Field(default_factory=dict, max_length=25)
    event: str = Field(default=FIRED, min_length=1, max_length=64)

    @field_validator("title")
    @classmethod
    def _one_line(cls, value: str) -> str:
        # A title becomes a mail subject and a chat heading: line breaks have no place there.
        flat = " ".join(value.split())
        if not flat:
            raise ValueError("is blank")
        return flat

    @field_validator("url", mode="before")
    @classmethod
    def _http_only(cls, value: object) -> object:
        # A link that is not http(s) (javascript:, data:) is left out; the alert still goes.
        return None if value is None else safe_link(value)

    def field_lines(self, texts: Texts) -> list[tuple[str, str]]:
        return [(label, _shown(value, texts)) for label, value in self.fields.items()]


class WebhookTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: HttpUrl
    secret: str = Field(min_length=1, max_length=200)


class SlackTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: HttpUrl


# Deliberately plain: an address a mail server would take, with no room for header tricks.
_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class EmailTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    addresses: list[str] = Field(min_length=1, max_length=50)

    @field_validator("addresses")
    @classmethod
    def _well_formed(cls, values: list[str]) -> list[str]:
        unique: list[str] = []
        for index, value in enumerate(values):
            address = value.strip()
            if len(address) > 254 or not _ADDRESS.match(address):
                raise ValueError(f"address {index + 1} is not an e-mail address")
            if address.lower() not in (u.lower() for u in unique):
                unique.append(address)
        return unique


Target = TypeVar("Target", bound=BaseModel)


class BadAlert(Exception):
    """The delivery's payload cannot be sent by this channel, now or later."""

    def __init__(self, kind: str, problem: str) -> None:
        super().__init__(f"{kind} alert not sent: {problem}")

    def result(self) -> DeliveryResult:
        return DeliveryResult(ok=False, retry=False, error=str(self))


def read_alert(kind: str, delivery: Delivery, target: type[Target]) -> tuple[Target, AlertMessage]:
    """The target and message of an alert delivery; BadAlert if either does not fit."""
    payload = delivery.payload
    problems: list[str] = []
    to: Target | None = None
    message: AlertMessage | None = None
    try:
        to = target.model_validate(payload.get("to"))
    except ValidationError as exc:
        problems += _describe("to", exc)
    try:
        message = AlertMessage.model_validate(payload.get("message"))
    except ValidationError as exc:
        problems += _describe("message", exc)
    if to is None or message is None:
        raise BadAlert(kind, "; ".join(problems))
    return to, message


def headline(forum_name: str, message: AlertMessage, texts: Texts) -> str:
    """One line naming the forum and what happened: a mail subject, a chat heading."""
    label = EVENT_LABELS.get(message.event)
    title = f"{texts.render(label)}: {message.title}" if label else message.title
    return f"[{' '.join(forum_name.split())}] {title}"


def plain_text(forum_name: str, message: AlertMessage, delivery_id: str, texts: Texts) -> str:
    """The message as plain text, for mail: text, facts, link, and where it came from."""
    parts = [headline(forum_name, message, texts)]
    if message.text:
        parts.append(message.text.strip())
    lines = message.field_lines(texts)
    if lines:
        parts.append("\n".join(f"{label}: {value}" for label, value in lines))
    if message.url is not None:
        parts.append(texts.render("core.channel_open", url=message.url))
    parts.append("-- \n" + texts.render("core.channel_footer", forum=forum_name,
                                         event=message.event, delivery=delivery_id))
    return "\n\n".join(parts) + "\n"


def _shown(value: FieldValue, texts: Texts) -> str:
    if isinstance(value, list):
        return ", ".join(_shown(item, texts) for item in value) if value else "-"
    if value is None:
        return "-"
    if isinstance(value, bool):
        return texts.render("core.yes" if value else "core.no")
    return " ".join(str(value).split())


def _describe(where: str, exc: ValidationError) -> list[str]:
    problems = []
    for err in exc.errors()[:10]:
        loc = ".".join(str(part) for part in (where, *err["loc"]))
        problems.append(f"{loc}: {_plain(err)}")
    return problems


def _plain(err: Any) -> str:
    # pydantic's messages name the rule, not the input, so a secret or address is not echoed.
    if err["type"] == "missing":
        return "missing"
    if err["type"] in ("model_type", "dict_type"):
        return "missing" if err.get("input") is None else "not an object"
    return str(err["msg"]).removeprefix("Value error, ")
