"""Helper-impact routes: impact notes, helper summaries and preferences, helper care for
moderators, and members' feedback on the forum."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from forumkit.context import PluginContext
from forumkit.deps import plugin_context
from forumkit.errors import Unprocessable, responses
from forumkit.inputs import Moment, RowId, Text
from forumkit.keys.models import Scope
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror import service as mirror
from forumkit.plugins.helper_impact import care, feedback, notes, service, summary
from forumkit.plugins.helper_impact import repository as repo
from forumkit.plugins.helper_impact import schemas as s
from forumkit.plugins.helper_impact.service import PLUGIN
from forumkit.plugins.helper_impact.settings import HelperImpactSettings

router = APIRouter()
PostId = Annotated[Text, Path(max_length=200, description="The platform's post id")]
MemberId = Annotated[Text, Path(max_length=200, description="The platform's user id")]
ERRORS = responses(401, 403, 404, 422)
LONGEST_PERIOD = timedelta(days=366)

Platform = Annotated[PluginContext[HelperImpactSettings], plugin_context(PLUGIN, Scope.platform)]
PlatformReader = Annotated[PluginContext[HelperImpactSettings],
                           plugin_context(PLUGIN, Scope.platform, read_only=True)]
ModeratorReader = Annotated[PluginContext[HelperImpactSettings],
                            plugin_context(PLUGIN, Scope.moderator, read_only=True)]
Admin = Annotated[PluginContext[HelperImpactSettings], plugin_context(PLUGIN, Scope.admin)]
AdminReader = Annotated[PluginContext[HelperImpactSettings],
                        plugin_context(PLUGIN, Scope.admin, read_only=True)]


@router.post("/posts/{post}/impact-notes", response_model=s.NoteCreated, status_code=201,
             responses=responses(401, 403, 404, 409, 422),
             summary="Tell a helper what their reply changed")
def leave_note(post: PostId, body: s.NoteIn, ctx: Platform) -> s.NoteCreated:
    """By the person the reply was written for (or any member, if the forum says so); one
    per member per reply. The helper is messaged unless they turned that off."""
    left = notes.leave(ctx, post_ext_id=post, platform_member=body.member_id, text=body.text,
                       anonymous=body.anonymous, public=body.public)
    return s.NoteCreated(**notes.note_out(ctx.session, left.note, left.post),
                         suggested_labels=left.suggested)


@router.delete("/posts/{post}/impact-notes/mine", response_model=s.Withdrawn,
               responses=ERRORS, summary="Take back one's own note")
def withdraw_note(post: PostId, ctx: Platform,
                  member_id: Annotated[Text, Query(min_length=1, max_length=200)]
                  ) -> s.Withdrawn:
    return s.Withdrawn(withdrawn=notes.withdraw(ctx, post_ext_id=post,
                                                platform_member=member_id))


@router.get("/posts/{post}/impact-notes", response_model=s.PublicNotes, responses=ERRORS,
            summary="A reply's public notes, to show under it")
def public_notes(post: PostId, ctx: PlatformReader) -> s.PublicNotes:
    found = notes.reply_for_note(ctx.session, ctx.forum, post)
    assert found.id is not None
    return s.PublicNotes(notes=[s.NoteOut(**notes.note_out(ctx.session, n, found))
                                for n in repo.public_notes(ctx.session, found.id)])


@router.get("/members/{member}/impact", response_model=s.ImpactOut, responses=ERRORS,
            summary="A helper's summary for a period")
def impact(member: MemberId, ctx: PlatformReader,
           since: Annotated[Moment | None, Query(description="Default: until - 7 days")]
           = None,
           until: Annotated[Moment | None, Query(description="Default: now")] = None,
           ) -> s.ImpactOut:
    """Replies given, people helped, reactions by kind and impact notes in [since, until).
    Meant for the helper themself: it includes private notes."""
    end = until or ctx.now
    start = since or end - timedelta(days=7)
    _check_period(start, end)
    found = mirror_repo.member_for(ctx.session, ctx.forum_id, ctx.forum.member_secret, member)
    return s.ImpactOut(member_id=member, **summary.summarise(ctx, found, start, end))


def _check_period(since: datetime, until: datetime) -> None:
    if since >= until:
        raise Unprocessable([{"loc": ["query", "since"], "type": "value_error",
                              "msg": "since must be before until"}])
    if until - since > LONGEST_PERIOD:
        raise Unprocessable([{"loc": ["query", "since"], "type": "value_error",
                              "msg": "ask for at most 366 days at a time"}])


@router.get("/members/{member}/impact-preferences", response_model=s.PreferencesOut,
            responses=ERRORS, summary="A helper's choices about impact messages")
def get_preferences(member: MemberId, ctx: PlatformReader) -> s.PreferencesOut:
    found = mirror_repo.member_for(ctx.session, ctx.forum_id, ctx.forum.member_secret, member)
    pref = repo.preference(ctx.session, found.id) if found and found.id else None
    return s.PreferencesOut(digest=service.wants(pref, "digest"),
                            note_messages=service.wants(pref, "note_messages"))


@router.put("/members/{member}/impact-preferences", response_model=s.PreferencesOut,
            responses=ERRORS, summary="Turn the weekly digest or note messages on or off")
def put_preferences(member: MemberId, body: s.PreferencesIn, ctx: Platform) -> s.PreferencesOut:
    found = mirror.member_of(ctx.session, ctx.forum, member, ctx.now)
    pref = service.set_preferences(ctx.session, ctx.forum, found, ctx.now, digest=body.digest,
                                   note_messages=body.note_messages)
    return s.PreferencesOut(digest=pref.digest, note_messages=pref.note_messages)


@router.get("/helper-care", response_model=s.HelperCareOut, responses=ERRORS,
            summary="Helpers who may be carrying too much (moderators)")
def helper_care(ctx: ModeratorReader) -> s.HelperCareOut:
    """Members who replied to at least the threshold of high-risk threads within the window
    ending now, most first; each with those threads and what moderators are doing."""
    return s.HelperCareOut(window_hours=ctx.settings.care_window_hours,
                           threshold=ctx.settings.care_threshold,
                           helpers=[s.CarryingOut(**h) for h in care.carrying(ctx)])


@router.post("/feedback", response_model=s.FeedbackOut, status_code=201, responses=ERRORS,
             summary="A member's suggestion about how the forum works")
def send_feedback(body: s.FeedbackIn, ctx: Platform) -> s.FeedbackOut:
    item = feedback.send(ctx, body.member_id, body.text)
    return s.FeedbackOut(**feedback.feedback_out(item))


@router.get("/members/{member}/feedback", response_model=list[s.FeedbackOut],
            responses=ERRORS, summary="A member's own suggestions and their answers")
def member_feedback(member: MemberId, ctx: PlatformReader) -> list[s.FeedbackOut]:
    found = mirror_repo.member_for(ctx.session, ctx.forum_id, ctx.forum.member_secret, member)
    if found is None or found.id is None:
        return []
    items = repo.feedback_list(ctx.session, ctx.forum_id, member_id=found.id)
    return [s.FeedbackOut(**feedback.feedback_out(i)) for i in items]


@router.get("/feedback", response_model=list[s.FeedbackAdminOut], responses=ERRORS,
            summary="Members' suggestions, newest first (admins)")
def list_feedback(ctx: AdminReader,
                  state: Annotated[Literal["open", "answered", "all"], Query()] = "all",
                  limit: Annotated[int, Query(ge=1, le=500)] = 200,
                  ) -> list[s.FeedbackAdminOut]:
    items = repo.feedback_list(ctx.session, ctx.forum_id, state=state, limit=limit)
    return [s.FeedbackAdminOut(**feedback.feedback_out(i, for_admin=True)) for i in items]


@router.post("/feedback/{feedback_id}/answer", response_model=s.FeedbackAdminOut,
             responses=ERRORS, summary="Answer a member's suggestion (admins)")
def answer_feedback(feedback_id: RowId, body: s.AnswerIn, ctx: Admin) -> s.FeedbackAdminOut:
    """The member reads the answer with their feedback, and is messaged through the forum
    when the platform knows a post of theirs. Answering again replaces the answer."""
    item = feedback.answer(ctx, feedback_id, body.text)
    return s.FeedbackAdminOut(**feedback.feedback_out(item, for_admin=True))
