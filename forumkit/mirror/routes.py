"""Erasing a member: the platform forwards a deletion request and everything of theirs goes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from forumkit.deps import PlatformAccess, ServicesDep, SessionDep
from forumkit.errors import responses
from forumkit.inputs import Text
from forumkit.mirror import service

router = APIRouter(tags=["members"])


class ErasedOut(BaseModel):
    erased: bool = Field(description="False when ForumKit held nothing of this member")
    posts: int = Field(description="Posts of theirs removed from the mirror")


@router.delete(
    "/v1/forums/{forum}/members/{member}", response_model=ErasedOut,
    responses=responses(401, 403, 404), summary="Erase a member and everything of theirs",
)
def erase_member(
    member: Annotated[Text, Path(max_length=200, description="The platform's user id")],
    access: PlatformAccess, session: SessionDep, app: ServicesDep,
) -> ErasedOut:
    """Removes the member's pseudonym, their posts in the mirror, and what each plugin holds
    about them (labels they chose, preferences, reactions, notes). Safe to repeat."""
    posts = service.erase_member(session, access.forum, member, app.registry)
    if posts is None:
        return ErasedOut(erased=False, posts=0)
    return ErasedOut(erased=True, posts=posts)
