"""Per-forum settings of content warnings: the admin's form."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from forumkit.plugins.content_warnings import suggesters

Display = Literal["show", "blur", "hide"]
OfferSkip = Literal["diary", "reactions_only", "new_member_first_post", "reply", "high_risk"]
OFFER_SKIPS: tuple[OfferSkip, ...] = ("diary", "reactions_only", "new_member_first_post",
                                      "reply", "high_risk")


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
