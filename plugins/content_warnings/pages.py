"""Web pages: the admin's taxonomy and lexicon, and the moderators' list of suggested labels
waiting for a decision. Every form carries the session's CSRF token.

Handlers are plain `def` (the form is read in a dependency), so no database work runs on
the event loop. A change that fails is undone alone (a savepoint) and the page is drawn
again with the reason and a 4xx status; success redirects with what was done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from forumkit.errors import ForumKitError, Unprocessable, status_of
from forumkit.plugins.content_warnings import repository as repo
from forumkit.plugins.content_warnings import service
from forumkit.plugins.content_warnings.deps import (
    AdminPageContext,
    CacheDep,
    Context,
    ModeratorPageContext,
)
from forumkit.plugins.content_warnings.taxonomy import LanguageEntry, ensure_seeded
from forumkit.web.deps import AdminPage, CheckedForm, ModeratorPage, Viewer, page_templates, render

templates = page_templates(Path(__file__).parent / "templates")

router = APIRouter()


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _message(exc: ForumKitError) -> str:
    text = exc.detail if isinstance(exc.detail, str) else "; ".join(
        str(item.get("msg")) for item in exc.detail)
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def _attempt(ctx: Context, change: Callable[[], Any]) -> ForumKitError | None:
    """Make the change in a savepoint: on a refusal only the change (and any action it
    asked for) is undone, and the refusal is returned for the page to show."""
    asked = len(ctx.actions)
    try:
        with ctx.session.begin_nested():
            change()
    except ForumKitError as exc:
        del ctx.actions[asked:]
        return exc
    return None


def _label_name(form: dict[str, Any]) -> str:
    name = _text(form.get("name")).strip()
    if not name or len(name) > 100:
        raise Unprocessable("Give the label a name of up to 100 characters.")
    return name


@router.get("/content-warnings")
def taxonomy_page(request: Request, viewer: AdminPage, ctx: AdminPageContext, cache: CacheDep,
                  done: str | None = None) -> Response:
    return _taxonomy(request, viewer, ctx, cache, done=done)


def _taxonomy(request: Request, viewer: Viewer, ctx: Context, cache: CacheDep, *,
              done: str | None = None, error: ForumKitError | None = None) -> Response:
    ensure_seeded(ctx.session, ctx.forum, ctx.now, cache)
    rows = repo.labels(ctx.session, ctx.forum_id)
    lexicon: dict[int, list[str]] = {}
    for label_id, phrase in repo.lexicon_rows(ctx.session, ctx.forum_id):
        lexicon.setdefault(label_id, []).append(phrase)
    language = "\n".join(f"{t.phrase} => {t.suggestion} | {t.why}"
                         for t in repo.language_terms(ctx.session, ctx.forum_id))
    return render(request, "content_warnings_taxonomy.html", viewer, using=templates,
                  status=status_of(error) if error else 200, labels=rows, lexicon=lexicon,
                  language=language, done=done, error=_message(error) if error else None)


@router.post("/content-warnings/labels")
def add_label(request: Request, viewer: AdminPage, ctx: AdminPageContext, cache: CacheDep,
              form: CheckedForm) -> Response:
    def change() -> None:
        name = _label_name(form)
        key = _text(form.get("key")).strip().lower() or "-".join(name.lower().split())
        service.create_label(ctx, cache, key=key, name=name,
                             description=_text(form.get("description"))[:300])

    error = _attempt(ctx, change)
    if error is not None:
        return _taxonomy(request, viewer, ctx, cache, error=error)
    return RedirectResponse(f"/ui/forums/{ctx.forum.slug}/content-warnings?done=added",
                            status_code=303)


@router.post("/content-warnings/labels/{key}")
def change_label(request: Request, key: str, viewer: AdminPage, ctx: AdminPageContext,
                 cache: CacheDep, form: CheckedForm) -> Response:
    what = _text(form.get("action"))

    def change() -> None:
        if what == "save":
            terms = [line for line in _text(form.get("terms")).splitlines() if line.strip()]
            service.update_label(ctx, cache, key, name=_label_name(form),
                                 description=_text(form.get("description"))[:300], terms=terms)
        elif what in ("retire", "restore"):
            service.update_label(ctx, cache, key, retired=what == "retire")
        else:
            raise Unprocessable("That change is not one this page knows.")

    error = _attempt(ctx, change)
    if error is not None:
        return _taxonomy(request, viewer, ctx, cache, error=error)
    return RedirectResponse(
        f"/ui/forums/{ctx.forum.slug}/content-warnings?done={what}#label-{key}",
        status_code=303)


def read_language(text: str) -> list[LanguageEntry]:
    """Lines of `phrase => kinder wording | why`, as the page shows them."""
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        phrase, arrow, rest = line.partition("=>")
        suggestion, _, why = rest.partition("|")
        if not arrow or not phrase.strip() or not suggestion.strip():
            raise Unprocessable(f"Line {number} needs the words, then =>, then the kinder "
                                "wording (and | why, if you like)")
        if len(phrase.strip()) > 100 or len(suggestion.strip()) > 200 or len(why) > 300:
            raise Unprocessable(f"Line {number} is too long")
        entries.append(LanguageEntry(phrase.strip(), suggestion.strip(), why.strip()))
    return entries


@router.post("/content-warnings/language")
def save_language(request: Request, viewer: AdminPage, ctx: AdminPageContext, cache: CacheDep,
                  form: CheckedForm) -> Response:
    error = _attempt(ctx, lambda: service.set_language(
        ctx, cache, read_language(_text(form.get("language")))))
    if error is not None:
        return _taxonomy(request, viewer, ctx, cache, error=error)
    return RedirectResponse(
        f"/ui/forums/{ctx.forum.slug}/content-warnings?done=language#language",
        status_code=303)


@router.get("/content-warnings/suggestions")
def suggestions_page(request: Request, viewer: ModeratorPage, ctx: ModeratorPageContext,
                     cache: CacheDep, done: str | None = None) -> Response:
    return _suggestions(request, viewer, ctx, cache, done=done)


def _suggestions(request: Request, viewer: Viewer, ctx: Context, cache: CacheDep, *,
                 done: str | None = None, error: ForumKitError | None = None) -> Response:
    items = service.pending_suggestions(ctx, cache, limit=200)
    return render(request, "content_warnings_suggestions.html", viewer, using=templates,
                  status=status_of(error) if error else 200, items=items, done=done,
                  error=_message(error) if error else None)


@router.post("/content-warnings/suggestions")
def resolve(request: Request, viewer: ModeratorPage, ctx: ModeratorPageContext,
            cache: CacheDep, form: CheckedForm) -> Response:
    confirm = form.get("decision") == "confirm"
    error = _attempt(ctx, lambda: service.resolve_suggestion(
        ctx, cache, _text(form.get("post")), _text(form.get("label")), confirm=confirm,
        reason=_text(form.get("reason"))[:500] or None))
    if error is not None:
        return _suggestions(request, viewer, ctx, cache, error=error)
    done = "confirmed" if confirm else "dismissed"
    return RedirectResponse(
        f"/ui/forums/{ctx.forum.slug}/content-warnings/suggestions?done={done}",
        status_code=303)
