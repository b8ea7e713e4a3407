"""Per-forum settings of content warnings: the admin's form."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from forumkit.links import safe_link
from forumkit.plugins.content_warnings import suggesters

Display = Literal["show", "blur", "hide"]
OfferSkip = Literal["diary", "reactions_only", "new_member_first_post", "reply", "high_risk"]
OFFER_SKIPS: tuple[OfferSkip, ...] = ("diary", "reactions_only", "new_member_first_post",
                                      "reply", "high_risk")


def _link(value: str | None) -> str | None:
    if value is not None and safe_link(value) is None:
        raise ValueError("an absolute http or https address")
    return value


class SupportResource(BaseModel):
    """A service people can turn to, shown where a post or draft may be about suicide or
    self-harm. The forum's admins choose these for their members' countries."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120, description="e.g. Samaritans")
    offers: str = Field(default="", max_length=300,
                        description="What it offers, e.g. 'someone to talk to, any time'")
    phone: str | None = Field(default=None, max_length=40)
    text: str | None = Field(default=None, max_length=80, description="How to reach it by "
                             "text message, e.g. 'text SHOUT to 85258'")
    url: Annotated[str | None, AfterValidator(_link)] = Field(default=None, max_length=500)
    hours: str = Field(default="", max_length=120, description="e.g. '24 hours, every day'")
    country: str = Field(default="", max_length=60, description="Where it serves, e.g. UK")


class ContentWarningSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    member_default: Display = Field(
        default="blur",
        description="How a signed-in reader sees a labelled post when they have not chosen: "
        "show it, blur it behind its labels with a way to reveal it, or hide it",
    )
    anonymous_default: Display = Field(
        default="blur", description="How a reader who is not signed in sees a labelled post"
    )
    author_may_remove: bool = Field(
        default=True,
        description="Authors may take off labels they or the suggester added (never a "
        "moderator's label)",
    )
    suggestions: Literal["off", "author", "auto"] = Field(
        default="author",
        description="off: no suggestions on new posts; author: suggested labels wait for "
        "the author to accept them; auto: the labels listed below are applied at once, "
        "others wait for the author",
    )
    auto_labels: list[str] = Field(
        default_factory=list, max_length=100,
        description="With suggestions on auto, the label keys applied without asking",
    )
    message_author: bool = Field(
        default=True,
        description="Send the author a private message when labels are suggested for their "
        "post or a moderator labels it",
    )
    no_offer_on: list[OfferSkip] = Field(
        default_factory=lambda: list(OFFER_SKIPS), max_length=5,
        description="Posts whose author is not sent the gentle offer of a label after "
        "posting (suggestions are still recorded, and offered while writing): diary and "
        "reactions_only threads, a new member's first post, replies, and posts that may "
        "need a moderator (high_risk; moderators see those)",
    )
    support_resources: list[SupportResource] = Field(
        default_factory=list, max_length=20,
        description="Services people can turn to (crisis lines and the like), offered with a "
        "gentle line by compose-check when a draft may need them, and by render-hints beside "
        "posts in threads carrying a support label. None by default: choose them for your "
        "members' countries",
    )
    support_labels: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default_factory=lambda: ["suicide", "self-harm"], max_length=50,
        description="Threads whose first post carries one of these labels show the support "
        "resources beside their posts",
    )
    support_line: str | None = Field(
        default=None, min_length=10, max_length=300,
        description="Kept for forums that set it before the message catalogue: when set, "
        "the line shown before the resources. Leave it empty and edit the message "
        "content_warnings.support_line instead (Messages), which can be translated")
    mirror_tags: bool = Field(
        default=True,
        description="Ask the platform to tag posts with their labels (where it can)",
    )
    suggester: str = Field(
        default="lexicon", max_length=64,
        description="Which installed suggester proposes labels",
    )

    @field_validator("suggester")
    @classmethod
    def _installed(cls, value: str) -> str:
        names = sorted(suggesters.installed())
        if value not in names:
            raise ValueError(f"no suggester {value!r} is installed; choose from {names}")
        return value
