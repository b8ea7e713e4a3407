"""Per-forum settings of gratitude: the reaction set, platform reactions, who sees counts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forumkit.inputs import Input

KindKey = Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]


class GratitudeKind(Input):
    model_config = ConfigDict(extra="forbid")

    key: KindKey = Field(description="What platforms send, e.g. thank_you (a-z, 0-9, _)")
    emoji: str = Field(min_length=1, max_length=16, description="The sign members tap")
    words: str = Field(min_length=1, max_length=40, description="Its words, e.g. Thank you")


DEFAULT_KINDS = [
    GratitudeKind(key="thank_you", emoji="🙏", words="Thank you"),
    GratitudeKind(key="this_helped", emoji="💡", words="This helped"),
    GratitudeKind(key="me_too", emoji="🤝", words="Me too"),
    GratitudeKind(key="sending_support", emoji="💙", words="Sending support"),
    GratitudeKind(key="tried_this", emoji="🌱", words="I tried this"),
]


class GratitudeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kinds: list[GratitudeKind] = Field(
        default_factory=lambda: [k.model_copy() for k in DEFAULT_KINDS],
        min_length=1, max_length=12,
        description="The gratitude reactions members can give, in the order they are shown",
    )
    native_kinds: dict[Annotated[str, Field(max_length=64)], KindKey] = Field(
        default_factory=dict, max_length=20,
        description=(
            "Platform reactions that count as gratitude, e.g. {\"like\": \"thank_you\"}. "
            "Platform reactions not named here (and not a gratitude key) are ignored."
        ),
    )
    counts_visible: Literal["everyone", "author"] = Field(
        default="everyone",
        description="Who sees how many of each reaction a post has: everyone, or only its author",
    )

    @model_validator(mode="after")
    def _consistent(self) -> GratitudeSettings:
        keys = [k.key for k in self.kinds]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"each reaction needs its own key; used twice: {', '.join(twice)}")
        unknown = sorted({v for v in self.native_kinds.values() if v not in keys})
        if unknown:
            raise ValueError(
                "native_kinds names reactions that are not in the set: " + ", ".join(unknown)
            )
        return self

    def kind(self, key: str) -> GratitudeKind | None:
        return next((k for k in self.kinds if k.key == key), None)

    def gratitude_kind_for(self, platform_kind: str) -> str | None:
        """The gratitude kind a platform's reaction counts as, or None if it is not gratitude."""
        if self.kind(platform_kind) is not None:
            return platform_kind
        return self.native_kinds.get(platform_kind)
