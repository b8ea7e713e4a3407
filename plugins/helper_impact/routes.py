"""Helper-impact routes: impact notes, helper summaries and preferences, helper care for
moderators, and members' feedback on the forum."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import AwareDatetime

from forumkit.deps import (
    AdminAccess,
    ModeratorAccess,
    PlatformAccess,
    PlatformReadAccess,
    ReadSessionDep,
    ServicesDep,
    SessionDep,
)
from forumkit.errors import Unprocessable, responses
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror import service as mirror
from forumkit.outbox import service as outbox
from forumkit.plugins.helper_impact import care, feedback, notes, service, summary
from forumkit.plugins.helper_impact import repository as repo
from forumkit.plugins.helper_impact import schemas as s

router = APIRouter()
PostId = Annotated[str, Path(max_length=200, description="The platform's post id")]
MemberId = Annotated[str, Path(max_length=200, description="The platform's user id")]
ERRORS = responses(401, 403, 404, 422)
LONGEST_PERIOD = timedelta(days=366)


@router.post("/posts/{post}/impact-notes", response_model=s.NoteCreated, status_code=201,
             responses=responses(401, 403, 404, 409, 422),
             summary="Tell a helper what their reply changed")
def leave_note(post: PostId, body: s.NoteIn, access: PlatformAccess, session: SessionDep,
               app: ServicesDep) -> s.NoteCreated:
    """By the person the reply was written for (or any member, if the forum says so); one
    per member per reply. The helper is messaged unless they turned that off."""
    now = app.clock.now()
    left = notes.leave(session, access.forum, app.registry.facets, post_ext_id=post,
                       platform_member=body.member_id, text=body.text,
                       anonymous=body.anonymous, public=body.public, now=now)
    outbox.enqueue(session, access.forum, left.actions, now)
    return s.NoteCreated(**notes.note_out(session, left.note, left.post),
                         suggested_labels=left.suggested)


@router.delete("/posts/{post}/impact-notes/mine", response_model=s.Withdrawn,
               responses=ERRORS, summary="Take back one's own note")
def withdraw_note(post: PostId, access: PlatformAccess, session: SessionDep,
                  member_id: Annotated[str, Query(min_length=1, max_length=200)]
                  ) -> s.Withdrawn:
    return s.Withdrawn(withdrawn=notes.withdraw(session, access.forum, post_ext_id=post,
                                                platform_member=member_id))


@router.get("/posts/{post}/impact-notes", response_model=s.PublicNotes, responses=ERRORS,
            summary="A reply's public notes, to show under it")
def public_notes(post: PostId, access: PlatformReadAccess,
                 session: ReadSessionDep) -> s.PublicNotes:
    service.require_on(session, access.forum)
    found = notes.reply_for_note(session, access.forum, post)
    assert found.id is not None
    return s.PublicNotes(notes=[s.NoteOut(**notes.note_out(session, n, found))
                                for n in repo.public_notes(session, found.id)])


@router.get("/members/{member}/impact", response_model=s.ImpactOut, responses=ERRORS,
            summary="A helper's summary for a period")
def impact(member: MemberId, access: PlatformReadAccess, session: ReadSessionDep,
           app: ServicesDep,
           since: Annotated[AwareDatetime | None, Query(description="Default: until - 7 days")]
           = None,
           until: Annotated[AwareDatetime | None, Query(description="Default: now")] = None,
           ) -> s.ImpactOut:
    """Replies given, people helped, reactions by kind and impact notes in [since, until).
    Meant for the helper themself: it includes private notes."""
    service.require_on(session, access.forum)
    end = until or app.clock.now()
    start = since or end - timedelta(days=7)
    _check_period(start, end)
    assert access.forum.id is not None
    found = mirror_repo.member_for(session, access.forum.id, access.forum.member_secret, member)
    result = summary.summarise(session, access.forum, app.registry.facets, found, start, end)
    return s.ImpactOut(member_id=member, **result)


def _check_period(since: datetime, until: datetime) -> None:
    if since >= until:
        raise Unprocessable([{"loc": ["query", "since"], "type": "value_error",
                              "msg": "since must be before until"}])
    if until - since > LONGEST_PERIOD:
        raise Unprocessable([{"loc": ["query", "since"], "type": "value_error",
                              "msg": "ask for at most 366 days at a time"}])


@router.get("/members/{member}/impact-preferences", response_model=s.PreferencesOut,
            responses=ERRORS, summary="A helper's choices about impact messages")
def get_preferences(member: MemberId, access: PlatformReadAccess,
                    session: ReadSessionDep) -> s.PreferencesOut:
    assert access.forum.id is not None
    found = mirror_repo.member_for(session, access.forum.id, access.forum.member_secret, member)
    pref = repo.preference(session, found.id) if found and found.id else None
    return s.PreferencesOut(digest=service.wants(pref, "digest"),
                            note_messages=service.wants(pref, "note_messages"))


@router.put("/members/{member}/impact-preferences", response_model=s.PreferencesOut,
            responses=ERRORS, summary="Turn the weekly digest or note messages on or off")
def put_preferences(member: MemberId, body: s.PreferencesIn, access: PlatformAccess,
                    session: SessionDep, app: ServicesDep) -> s.PreferencesOut:
    now = app.clock.now()
    found = mirror.member_of(session, access.forum, member, now)
    pref = service.set_preferences(session, access.forum, found, now, digest=body.digest,
                                   note_messages=body.note_messages)
    return s.PreferencesOut(digest=pref.digest, note_messages=pref.note_messages)


@router.get("/helper-care", response_model=s.HelperCareOut, responses=ERRORS,
            summary="Helpers who may be carrying too much (moderators)")
def helper_care(access: ModeratorAccess, session: SessionDep,
                app: ServicesDep) -> s.HelperCareOut:
    """Members who replied to at least the threshold of high-risk threads within the window
    ending now, most first; each with those threads and what moderators are doing."""
    settings = service.require_on(session, access.forum)
    helpers = care.carrying(session, access.forum, settings, app.registry.facets,
                            app.clock.now())
    return s.HelperCareOut(window_hours=settings.care_window_hours,
                           threshold=settings.care_threshold,
                           helpers=[s.CarryingOut(**h) for h in helpers])


@router.post("/feedback", response_model=s.FeedbackOut, status_code=201, responses=ERRORS,
             summary="A member's suggestion about how the forum works")
def send_feedback(body: s.FeedbackIn, access: PlatformAccess, session: SessionDep,
                  app: ServicesDep) -> s.FeedbackOut:
    item = feedback.send(session, access.forum, body.member_id, body.text, app.clock.now())
    return s.FeedbackOut(**feedback.feedback_out(item))


@router.get("/members/{member}/feedback", response_model=list[s.FeedbackOut],
            responses=ERRORS, summary="A member's own suggestions and their answers")
def member_feedback(member: MemberId, access: PlatformReadAccess,
                    session: ReadSessionDep) -> list[s.FeedbackOut]:
    service.require_on(session, access.forum)
    assert access.forum.id is not None
    found = mirror_repo.member_for(session, access.forum.id, access.forum.member_secret, member)
    if found is None or found.id is None:
        return []
    items = repo.feedback_list(session, access.forum.id, member_id=found.id)
    return [s.FeedbackOut(**feedback.feedback_out(i)) for i in items]


@router.get("/feedback", response_model=list[s.FeedbackAdminOut], responses=ERRORS,
            summary="Members' suggestions, newest first (admins)")
def list_feedback(access: AdminAccess, session: SessionDep,
                  state: Annotated[Literal["open", "answered", "all"], Query()] = "all",
                  limit: Annotated[int, Query(ge=1, le=500)] = 200,
                  ) -> list[s.FeedbackAdminOut]:
    assert access.forum.id is not None
    items = repo.feedback_list(session, access.forum.id, state=state, limit=limit)
    return [s.FeedbackAdminOut(**feedback.feedback_out(i, for_admin=True)) for i in items]


@router.post("/feedback/{feedback_id}/answer", response_model=s.FeedbackAdminOut,
             responses=ERRORS, summary="Answer a member's suggestion (admins)")
def answer_feedback(feedback_id: int, body: s.AnswerIn, access: AdminAccess,
                    session: SessionDep, app: ServicesDep) -> s.FeedbackAdminOut:
    """The member reads the answer with their feedback, and is messaged through the forum
    when the platform knows a post of theirs. Answering again replaces the answer."""
    now = app.clock.now()
    item, actions = feedback.answer(session, access.forum, feedback_id, body.text,
                                    actor=access.actor, now=now)
    outbox.enqueue(session, access.forum, actions, now)
    return s.FeedbackAdminOut(**feedback.feedback_out(item, for_admin=True))
