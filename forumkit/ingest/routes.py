"""POST /v1/forums/{forum}/events (native batch) and POST /v1/hooks/{forum} (raw webhook)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from forumkit.adapter import PayloadError, SignatureError
from forumkit.db import retrying
from forumkit.deps import PlatformReadAccess, ServicesDep
from forumkit.errors import Conflict, NotFound, Unauthorized, Unprocessable, responses
from forumkit.events import IncomingBatch, Rejected, split
from forumkit.forums import repository as forums
from forumkit.ingest import service
from forumkit.ingest.models import MAX_MESSAGE_ID
from forumkit.inputs import Text, storable
from forumkit.outbox.worker import adapter_for
from forumkit.services import Services

router = APIRouter(tags=["ingest"])


class RejectedOut(BaseModel):
    index: int = Field(description="The event's place in the batch, from 0")
    id: str | None = Field(description="The event's id, when it had a readable one")
    errors: list[dict[str, Any]] = Field(description="Where each problem is (loc) and what")


class IngestOut(BaseModel):
    applied: int = Field(description="Events applied now")
    duplicates: int = Field(description="Events already applied before, or edits older than "
                                        "the post's newest known content: ignored")
    rejected: list[RejectedOut] | None = Field(
        default=None, description="With on_invalid=skip: the events left out, and why")


OnInvalid = Annotated[Literal["refuse", "skip"], Query(
    description="refuse (the default): one invalid event refuses the whole batch with 422; "
                "skip: the valid events are applied and the invalid ones listed in `rejected`")]


@router.post(
    "/v1/forums/{forum}/events",
    response_model=IngestOut, response_model_exclude_unset=True,
    summary="Send a batch of native events",
    responses=responses(401, 403, 404, 413, 422),
)
def post_events(batch: IncomingBatch, access: PlatformReadAccess, app: ServicesDep,
                on_invalid: OnInvalid = "refuse") -> IngestOut:
    """Each event is applied once by its `id`; the whole batch lands or none of it does,
    unless `on_invalid=skip`, when the valid events land and the others are listed."""
    _within_cap(app, len(batch.events))
    events, rejected = split(batch.events)
    _refuse_or_list(rejected, on_invalid)
    result = retrying(app.engine, lambda session: service.ingest(
        session, access.forum, events, app.registry, app.clock.now(), batch.importing))
    _count(app, result)
    return _out(result, rejected, on_invalid)


def _refuse_or_list(rejected: list[Rejected], on_invalid: str) -> None:
    if rejected and on_invalid == "refuse":
        raise RequestValidationError([
            {**error, "loc": ["body", "events", r.index, *error["loc"]]}
            for r in rejected for error in r.errors])


def _out(result: service.IngestResult, rejected: list[Rejected], on_invalid: str) -> IngestOut:
    out = IngestOut(applied=result.applied, duplicates=result.duplicates)
    if on_invalid == "skip":  # the answer has `rejected` only when asked to skip
        out.rejected = [RejectedOut(index=r.index, id=r.id, errors=r.errors) for r in rejected]
    return out


@router.post(
    "/v1/hooks/{forum}",
    response_model=IngestOut, response_model_exclude_unset=True,
    summary="Receive the forum platform's own webhook",
    responses=responses(401, 404, 409, 413, 422),
)
async def post_hook(
    forum: Annotated[Text, Path(max_length=64)], request: Request, app: ServicesDep,
    on_invalid: OnInvalid = "refuse",
) -> IngestOut:
    """The forum's adapter checks the signature and reads the platform's payload."""
    body = await request.body()
    return await run_in_threadpool(_apply_hook, app, forum, dict(request.headers), body,
                                   on_invalid)


def _apply_hook(app: Services, slug: str, headers: dict[str, str], body: bytes,
                on_invalid: str = "refuse") -> IngestOut:
    app.limiter.take(f"hook:{slug}")
    return retrying(app.engine, lambda session: _hook_in(app, session, slug, headers, body,
                                                         on_invalid))


def _hook_in(
    app: Services, session: Session, slug: str, headers: dict[str, str], body: bytes,
    on_invalid: str,
) -> IngestOut:
    forum = forums.by_slug(session, slug)
    if forum is None:
        raise NotFound(f"no forum {slug!r}")
    adapter = adapter_for(app, forum)
    now = app.clock.now()
    try:
        verified = adapter.verify(headers, body, now)
    except SignatureError as exc:
        raise Unauthorized(f"webhook signature refused: {exc}") from exc
    if verified.message_id and (len(verified.message_id) > MAX_MESSAGE_ID
                                or not storable(verified.message_id)):
        raise Unprocessable(f"webhook-id: at most {MAX_MESSAGE_ID} characters, none of "
                            "them NUL")
    if verified.message_id and not service.remember_webhook(
        session, forum, verified.message_id, now
    ):
        if verified.refuse_replay:
            raise Conflict(f"webhook {verified.message_id!r} was already received")
        return IngestOut(applied=0, duplicates=1)
    rejected: list[Rejected] = []
    try:
        if on_invalid == "skip":
            events, rejected = adapter.parse_partially(headers, body)
        else:
            events = adapter.parse(headers, body)
    except PayloadError as exc:
        raise Unprocessable(f"webhook body not understood: {exc}") from exc
    _within_cap(app, len(events) + len(rejected))
    try:
        importing = adapter.is_import(headers, body)
    except PayloadError as exc:
        raise Unprocessable(f"webhook body not understood: {exc}") from exc
    result = service.ingest(session, forum, events, app.registry, now, importing)
    _count(app, result)
    return _out(result, rejected, on_invalid)


def _within_cap(app: Services, count: int) -> None:
    if count > app.settings.max_batch_events:
        raise Unprocessable(f"events: at most {app.settings.max_batch_events} events per batch, "
                            f"got {count}: send them in smaller batches")


def _count(app: Services, result: service.IngestResult) -> None:
    app.metrics.events.labels("applied").inc(result.applied)
    app.metrics.events.labels("duplicate").inc(result.duplicates)
