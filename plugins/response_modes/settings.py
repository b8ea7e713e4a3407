"""Per-forum settings of response modes: defaults per subforum and tag, enforcement, safety."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Mode = Literal["open", "reactions_only", "diary", "held", "moderators_only"]
MODES: tuple[str, ...] = ("open", "reactions_only", "diary", "held", "moderators_only")
Key = Annotated[str, Field(min_length=1, max_length=200)]
Label = Annotated[str, Field(min_length=1, max_length=64)]


def _default_tags() -> dict[str, Mode]:
    return {"diary": "diary", "reactions-only": "reactions_only"}


def _default_safety_modes() -> list[Mode]:
    # The modes the unanswered-post alerts skip: their posts need this check instead.
    return ["diary", "reactions_only"]


class ResponseModesSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default_mode: Mode = Field(
        default="open",
        description="The mode of a new thread when neither its author, its tags nor its "
        "subforum say otherwise",
    )
    category_modes: dict[Key, Mode] = Field(
        default_factory=dict, max_length=200,
        description="Subforums (category ids) with their own default mode, e.g. "
        '{"c-diary": "diary"} makes a diary space',
    )
    tag_modes: dict[Key, Mode] = Field(
        default_factory=_default_tags,
        max_length=200,
        description="Tags that set the mode of a new thread when its author adds them",
    )
    diary_reactions: bool = Field(
        default=False,
        description="Diary posts accept reactions unless the author says otherwise "
        "(off: no reactions unless the author allows them)",
    )
    held_default_hours: int | None = Field(
        default=24, ge=1, le=24 * 60,
        description="A post that arrives held without a time opens to replies after this "
        "many hours; empty: it stays held until the author opens it",
    )
    max_hold_days: int = Field(
        default=60, ge=1, le=366, description="The latest an author may set replies to open"
    )
    staff_may_reply: bool = Field(
        default=True,
        description="Moderators and staff may reply whatever the mode (for a safety check)",
    )
    close_replies_on_platform: Literal["without_pre_check", "always", "never"] = Field(
        default="without_pre_check",
        description="Also close replies on the platform while a thread is not open: only "
        "where the platform cannot ask before it accepts a reply, always, or never",
    )
    hide_replies_after: Literal["without_pre_check", "always"] = Field(
        default="without_pre_check",
        description="Hide a reply that arrives against the mode (with a kind note to its "
        "writer): only where the platform cannot ask first, or always",
    )
    high_risk_labels: list[Label] = Field(
        default_factory=lambda: ["suicide", "self-harm"], max_length=50,
        description="Content warnings on a diary post that still send moderators a quiet "
        "check, though nobody is expected to reply",
    )
    safety_check_modes: list[Mode] = Field(
        default_factory=_default_safety_modes, max_length=5,
        description="Modes whose posts unanswered-post alerts skip, and so get the quiet check",
    )
