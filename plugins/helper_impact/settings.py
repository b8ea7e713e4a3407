"""Per-forum settings of helper impact: notes, helper care, the weekly digest."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class HelperImpactSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notes_from: Literal["thread_author", "any_member"] = Field(
        default="thread_author",
        description=(
            "Who may leave an impact note on a reply: the person it was written for (the "
            "thread's author, or the member it answered), or any member"
        ),
    )
    tell_helper_of_notes: bool = Field(
        default=True, description="Message a helper when someone leaves a note on their reply",
    )
    high_risk_labels: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default_factory=lambda: ["suicide", "self-harm"], max_length=30,
        description="Content warnings that make a thread high-risk for helper care",
    )
    care_threshold: int = Field(
        default=3, ge=2, le=50,
        description="High-risk threads a member replies to within the window before they get "
                    "a gentle message",
    )
    care_window_hours: int = Field(
        default=24, ge=1, le=336, description="The sliding window for helper care, in hours",
    )
    care_message: str | None = Field(
        default=None, min_length=20, max_length=1000,
        description="Kept for forums that set it before the message catalogue: when set, the "
        "start of the helper-care message. Leave it empty and edit the message "
        "helper_impact.care instead (Messages), which can be translated",
    )
    digest_enabled: bool = Field(
        default=True, description="Send each active helper a summary of their week",
    )
    digest_weekday: int = Field(
        default=1, ge=1, le=7, description="Day the weekly digest goes out (1 Monday, 7 Sunday)",
    )
    digest_hour: int = Field(
        default=9, ge=0, le=23, description="Hour (UTC) from which the weekly digest goes out",
    )
