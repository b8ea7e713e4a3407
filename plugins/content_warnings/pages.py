"""Web pages: the admin's taxonomy and lexicon, and the moderators' list of suggested labels
waiting for a decision. Every form carries the session's CSRF token."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from forumkit.deps import ServicesDep, SessionDep
from forumkit.errors import ForumKitError
from forumkit.outbox import service as outbox
from forumkit.plugins.content_warnings import labels, service, taxonomy
from forumkit.plugins.content_warnings import repository as repo
from forumkit.plugins.content_warnings.labels import Actor
from forumkit.plugins.content_warnings.models import MODERATOR
from forumkit.plugins.content_warnings.routes import NAME
from forumkit.plugins.content_warnings.taxonomy import LanguageEntry, TaxonomyCache, ensure_seeded
from forumkit.web.deps import AdminPage, ModeratorPage, check_csrf, page_templates, render

templates = page_templates(Path(__file__).parent / "templates")

router = APIRouter()


def _cache(app: ServicesDep) -> TaxonomyCache:
    cache: TaxonomyCache = app.registry.plugins[NAME].cache  # type: ignore[attr-defined]
    return cache


def _text(value: object) -> str:
    return "" if value is None else str(value)


@router.get("/content-warnings")
def taxonomy_page(request: Request, viewer: AdminPage, session: SessionDep, app: ServicesDep,
                  done: str | None = None) -> Response:
    return _taxonomy(request, viewer, session, app, done=done)


def _taxonomy(request: Request, viewer: AdminPage, session: SessionDep, app: ServicesDep,
              *, done: str | None = None, error: str | None = None,
              status: int = 200) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    ensure_seeded(session, viewer.forum, app.clock.now(), _cache(app))
    rows = repo.labels(session, viewer.forum.id)
    lexicon: dict[int, list[str]] = {}
    for label_id, phrase in repo.lexicon_rows(session, viewer.forum.id):
        lexicon.setdefault(label_id, []).append(phrase)
    language = "\n".join(f"{t.phrase} => {t.suggestion} | {t.why}"
                         for t in repo.language_terms(session, viewer.forum.id))
    return render(request, "content_warnings_taxonomy.html", viewer, using=templates, status=status,
                  labels=rows, lexicon=lexicon, language=language, done=done, error=error)


@router.post("/content-warnings/labels")
async def add_label(request: Request, viewer: AdminPage, session: SessionDep,
                    app: ServicesDep) -> Response:
    assert viewer.forum is not None
    form = await check_csrf(request, viewer)
    now = app.clock.now()
    cache = _cache(app)
    ensure_seeded(session, viewer.forum, now, cache)
    name = _text(form.get("name")).strip()
    key = _text(form.get("key")).strip().lower() or "-".join(name.lower().split())
    try:
        if not name or len(name) > 100:
            raise ForumKitError("Give the label a name of up to 100 characters.")
        taxonomy.create_label(session, viewer.forum, cache, key=key, name=name,
                              description=_text(form.get("description"))[:300],
                              actor=viewer.actor, now=now)
    except ForumKitError as exc:
        session.rollback()
        return _taxonomy(request, viewer, session, app, error=_message(exc), status=422)
    return RedirectResponse(f"/ui/forums/{viewer.forum.slug}/content-warnings?done=added",
                            status_code=303)


@router.post("/content-warnings/labels/{key}")
async def change_label(request: Request, key: str, viewer: AdminPage, session: SessionDep,
                       app: ServicesDep) -> Response:
    assert viewer.forum is not None
    form = await check_csrf(request, viewer)
    now = app.clock.now()
    cache = _cache(app)
    what = _text(form.get("action"))
    try:
        if what == "save":
            name = _text(form.get("name")).strip()
            if not name or len(name) > 100:
                raise ForumKitError("Give the label a name of up to 100 characters.")
            taxonomy.update_label(session, viewer.forum, cache, key, name=name,
                                  description=_text(form.get("description"))[:300],
                                  retired=None, actor=viewer.actor, now=now)
            phrases = [line for line in _text(form.get("terms")).splitlines() if line.strip()]
            taxonomy.set_lexicon(session, viewer.forum, cache, key, phrases,
                                 actor=viewer.actor, now=now)
        elif what in ("retire", "restore"):
            taxonomy.update_label(session, viewer.forum, cache, key, name=None,
                                  description=None, retired=what == "retire",
                                  actor=viewer.actor, now=now)
        else:
            raise ForumKitError("That change is not one this page knows.")
    except ForumKitError as exc:
        session.rollback()
        return _taxonomy(request, viewer, session, app, error=_message(exc), status=422)
    return RedirectResponse(
        f"/ui/forums/{viewer.forum.slug}/content-warnings?done={what}#label-{key}",
        status_code=303)


def _message(exc: ForumKitError) -> str:
    text = exc.detail if isinstance(exc.detail, str) else "; ".join(
        str(item.get("msg")) for item in exc.detail)
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


@router.get("/content-warnings/suggestions")
def suggestions_page(request: Request, viewer: ModeratorPage, session: SessionDep,
                     app: ServicesDep, done: str | None = None) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    cache = _cache(app)
    ensure_seeded(session, viewer.forum, app.clock.now(), cache)
    tax = cache.get(session, viewer.forum.id)
    items = [(row, post, tax.labels[row.label_id])
             for row, post in repo.pending_suggestions(session, viewer.forum.id, limit=200)
             if row.label_id in tax.labels]
    return render(request, "content_warnings_suggestions.html", viewer, using=templates,
                  items=items, done=done)


@router.post("/content-warnings/suggestions")
async def resolve(request: Request, viewer: ModeratorPage, session: SessionDep,
                  app: ServicesDep) -> Response:
    assert viewer.forum is not None and viewer.forum.id is not None
    form = await check_csrf(request, viewer)
    settings = service.enabled_settings(session, viewer.forum)
    cache = _cache(app)
    tax = cache.get(session, viewer.forum.id)
    post = labels.post_or_404(session, viewer.forum, _text(form.get("post")))
    confirm = form.get("decision") == "confirm"
    now = app.clock.now()
    outcome = labels.resolve_suggestion(
        session, viewer.forum, tax, post, _text(form.get("label")), confirm=confirm,
        actor=Actor(MODERATOR, viewer.actor), reason=_text(form.get("reason"))[:500] or None,
        now=now)
    session.flush()
    outbox.enqueue(session, viewer.forum, labels.actions(session, settings, tax, post, outcome),
                   now)
    done = "confirmed" if confirm else "dismissed"
    return RedirectResponse(
        f"/ui/forums/{viewer.forum.slug}/content-warnings/suggestions?done={done}",
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
            raise ForumKitError(f"Line {number} needs the words, then =>, then the kinder "
                                "wording (and | why, if you like)")
        if len(phrase.strip()) > 100 or len(suggestion.strip()) > 200 or len(why) > 300:
            raise ForumKitError(f"Line {number} is too long")
        entries.append(LanguageEntry(phrase.strip(), suggestion.strip(), why.strip()))
    return entries


@router.post("/content-warnings/language")
async def save_language(request: Request, viewer: AdminPage, session: SessionDep,
                        app: ServicesDep) -> Response:
    assert viewer.forum is not None
    form = await check_csrf(request, viewer)
    now = app.clock.now()
    cache = _cache(app)
    ensure_seeded(session, viewer.forum, now, cache)
    try:
        taxonomy.set_language(session, viewer.forum, cache,
                              read_language(_text(form.get("language"))),
                              actor=viewer.actor, now=now)
    except ForumKitError as exc:
        session.rollback()
        return _taxonomy(request, viewer, session, app, error=_message(exc), status=422)
    return RedirectResponse(
        f"/ui/forums/{viewer.forum.slug}/content-warnings?done=language#language",
        status_code=303)
