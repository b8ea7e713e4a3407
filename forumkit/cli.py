"""The `forumkit` command: serve, worker, migrate, forum, key, messages, demo."""

from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path
from typing import Annotated

import typer

from forumkit import logs
from forumkit.clock import SystemClock
from forumkit.db import session_scope
from forumkit.errors import ForumKitError
from forumkit.forums import repository as forum_repo
from forumkit.forums import service as forum_service
from forumkit.keys import service as keys
from forumkit.keys.models import Scope
from forumkit.registry import RegistryError
from forumkit.services import Services
from forumkit.settings import Settings, get_settings

app = typer.Typer(help="ForumKit: care features for peer-support forums.", no_args_is_help=True)
forum_app = typer.Typer(help="Connect and list forums.", no_args_is_help=True)
key_app = typer.Typer(help="Make and revoke API keys.", no_args_is_help=True)
app.add_typer(forum_app, name="forum")
app.add_typer(key_app, name="key")
messages_app = typer.Typer(help="The message catalogue and its translations.",
                           no_args_is_help=True)
app.add_typer(messages_app, name="messages")


# What `serve` gives open requests when told to stop; with the outbox's own stop
# (FORUMKIT_OUTBOX_STOP_SECONDS) it ends well within 10 s of SIGTERM.
STOP_REQUESTS_SECONDS = 3


def _services() -> Services:
    settings = get_settings()
    logs.configure(settings.log_level)
    return Services.build(settings)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


@app.command()
def migrate() -> None:
    """Bring the database to the newest schema."""
    from forumkit.migrate import upgrade

    settings = get_settings()
    upgrade(settings.database_url)
    typer.echo("database is at the newest schema")


@messages_app.command("extract")
def messages_extract(
    output: Annotated[str | None, typer.Option(
        help="Where to write the .pot template (default: the core's locales folder)")] = None,
) -> None:
    """Write the gettext template (.pot) of every message of the core and of the installed
    plugins: what translators start from (see docs/messages.md)."""
    from pathlib import Path

    from forumkit.messages import CATALOGUE
    from forumkit.messages.translations import CORE_LOCALES, DOMAIN, template
    from forumkit.registry import Registry

    Registry.discover()  # each plugin declares its messages as it loads
    path = Path(output) if output else CORE_LOCALES / f"{DOMAIN}.pot"
    path.write_bytes(template())
    typer.echo(f"{len(CATALOGUE.all())} messages written to {path}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on")] = None,
    scheduler: Annotated[bool, typer.Option(help="Run scheduled jobs in this process")] = True,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Processes answering requests (one a core; with more than one, "
        "the scheduled jobs run once, in the process that starts them)")] = 1,
) -> None:
    """Serve the API (and, unless --no-scheduler, the scheduled jobs)."""
    import uvicorn

    from forumkit.app import create_app

    settings = get_settings().serving_at(host, port)
    logs.configure(settings.log_level)
    jobs = scheduler and settings.run_scheduler
    if workers > 1:
        from forumkit.serving import serve_processes

        code = serve_processes(settings, workers, jobs=jobs,
                               stop_requests_seconds=STOP_REQUESTS_SECONDS,
                               run_jobs=lambda: _run_jobs(settings))
        raise typer.Exit(code)
    api = create_app(settings, run_scheduler=jobs)
    # On SIGTERM uvicorn stops accepting, gives open requests a few seconds, then runs the
    # app's shutdown, which stops the outbox first (forumkit.scheduler.Runner).
    uvicorn.run(api, host=settings.host, port=settings.port, log_config=None, access_log=False,
                timeout_graceful_shutdown=STOP_REQUESTS_SECONDS)


@app.command()
def worker() -> None:
    """Run the scheduled jobs (outbox delivery, sweeps, digests) without serving the API.

    SIGTERM or Ctrl-C stops it: deliveries in flight are cut short and everything it had
    claimed is handed back, due at once for the next worker."""
    raise typer.Exit(_run_jobs())


def _run_jobs(settings: Settings | None = None) -> int:
    """The scheduled jobs until SIGTERM or SIGINT (settings from the environment unless
    given: `serve --workers` gives its own, with the port and public URL it serves on)."""
    from forumkit import scheduler

    if settings is None:
        services = _services()
    else:
        logs.configure(settings.log_level)
        services = Services.build(settings)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    runner = scheduler.start(services)
    typer.echo("worker running; stop with Ctrl-C", err=True)
    stop.wait()
    runner.shutdown(wait=True)
    services.close()
    typer.echo("worker stopped", err=True)
    return 0


@app.command("import")
def import_history(
    source: Annotated[Path, typer.Argument(help="A JSON Lines file: one native event a line",
                                           exists=True, dir_okay=False, readable=True)],
    forum: Annotated[str, typer.Option(help="The forum's slug")],
) -> None:
    """Import a forum's history: the mirror and labels are updated, and nothing is sent to
    anyone or alerted. Stopped, it resumes where it was (SOURCE.progress); lines that are
    not valid events go to SOURCE.rejected."""
    from forumkit.ingest import importer

    services = _services()
    try:
        with typer.progressbar(length=importer.total_lines(source), label="importing",
                               file=sys.stderr) as bar:
            found = importer.run(services, forum, source, progress=bar.update)
    except ForumKitError as exc:
        _fail(str(exc.detail))
    finally:
        services.close()
    typer.echo(json.dumps({"lines": found.lines, "applied": found.applied,
                           "duplicates": found.duplicates, "rejected": found.rejected,
                           "resumed_after_line": found.resumed_at}))


@forum_app.command("create")
def forum_create(
    slug: str,
    adapter: Annotated[str, typer.Option(help="generic or discourse")] = "generic",
    name: Annotated[str | None, typer.Option(help="Shown to moderators")] = None,
    setting: Annotated[list[str] | None, typer.Option(
        "--setting", "-s", help="Adapter setting as key=value; repeat for more")] = None,
) -> None:
    """Connect a forum; prints it as JSON, with its webhook secret."""
    services = _services()
    values: dict[str, object] = {}
    for item in setting or []:
        key, sep, value = item.partition("=")
        if not sep:
            _fail(f"--setting {item!r}: write it as key=value")
        values[key] = _setting_value(value)
    try:
        with session_scope(services.engine) as session:
            forum = forum_service.create_forum(
                session, services.registry, slug=slug, adapter=adapter, name=name,
                adapter_settings=values, actor="cli", now=SystemClock().now(),
                outbound=services.outbound,
            )
    except ForumKitError as exc:
        _fail(exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail))
    typer.echo(json.dumps({
        "slug": forum.slug, "name": forum.name, "adapter": forum.adapter,
        "adapter_settings": forum_service.masked_settings(services.registry, forum),
        "webhook_secret": forum.webhook_secret,
        "webhook_url": f"{services.settings.public_url.rstrip('/')}/v1/hooks/{forum.slug}",
    }, indent=2))


@forum_app.command("configure")
def forum_configure(
    slug: str,
    setting: Annotated[list[str], typer.Option(
        "--set", "-s", help="Adapter setting as key=value (JSON values for lists, maps and "
        "booleans); repeat for more")],
) -> None:
    """Change a forum's adapter settings; prints them (secrets masked)."""
    services = _services()
    changes = {}
    for item in setting:
        key, sep, value = item.partition("=")
        if not sep or not key:
            _fail(f"--set {item!r}: write it as key=value")
        changes[key.strip()] = _setting_value(value)
    try:
        with session_scope(services.engine) as session:
            forum = forum_repo.by_slug(session, slug)
            if forum is None:
                _fail(f"no forum {slug!r}")
            assert forum is not None
            forum_service.update_adapter_settings(
                session, services.registry, forum, changes, name=None, actor="cli",
                now=SystemClock().now(), outbound=services.outbound,
            )
            shown = forum_service.masked_settings(services.registry, forum)
    except ForumKitError as exc:
        _fail(exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail))
    typer.echo(json.dumps({"slug": slug, "adapter_settings": shown}, indent=2))


@forum_app.command("rotate-secret")
def forum_rotate_secret(slug: str) -> None:
    """Issue a forum a new webhook secret; prints it as JSON. The old one still verifies what
    the forum sends for 24 hours; from now on ForumKit signs with the new one only."""
    services = _services()
    with session_scope(services.engine) as session:
        forum = forum_repo.by_slug(session, slug)
        if forum is None:
            _fail(f"no forum {slug!r}")
        assert forum is not None
        try:
            forum_service.rotate_webhook_secret(
                session, services.registry, forum, actor="cli", now=services.clock.now()
            )
        except RegistryError as exc:
            _fail(str(exc))
        until = forum.previous_webhook_secret_until
        assert until is not None
        shown = {
            "slug": forum.slug, "adapter": forum.adapter,
            "webhook_secret": forum.webhook_secret,
            "previous_secret_accepted_until": until.isoformat(),
        }
    typer.echo(json.dumps(shown, indent=2))


@forum_app.command("check")
def forum_check(slug: str) -> None:
    """Ask the forum's platform whether ForumKit's settings work; exits 1 if something fails."""
    from forumkit.outbox.worker import adapter_for

    services = _services()
    with session_scope(services.engine) as session:
        forum = forum_repo.by_slug(session, slug)
        if forum is None:
            _fail(f"no forum {slug!r}")
        assert forum is not None
        adapter = adapter_for(services, forum)
    lines = adapter.check()
    if not lines:
        typer.echo(f"the {forum.adapter} adapter has nothing to check")
    for line in lines:
        typer.echo(f"{'ok  ' if line.ok else 'FAIL'}  {line.what}")
    services.close()
    if not all(line.ok for line in lines):
        raise typer.Exit(code=1)


def _setting_value(value: str) -> object:
    # Lists, maps and booleans are JSON; everything else stays text (an API key of digits
    # is still text; pydantic turns "3" into 3 where a number is wanted).
    if value.strip()[:1] in ("[", "{") or value.strip() in ("true", "false", "null"):
        try:
            return json.loads(value)
        except ValueError:
            _fail(f"{value!r} is not valid JSON")
    return value


@forum_app.command("list")
def forum_list() -> None:
    """List connected forums."""
    services = _services()
    with session_scope(services.engine) as session:
        for forum in forum_repo.all_forums(session):
            typer.echo(f"{forum.slug}\t{forum.adapter}\t{forum.name}")


@key_app.command("create")
def key_create(
    scope: Annotated[Scope, typer.Option(help="platform, moderator or admin")],
    forum: Annotated[str | None, typer.Option(help="Bind to this forum; omit for operator")] = None,
    label: Annotated[str, typer.Option(help="A note to recognise the key by")] = "",
) -> None:
    """Make an API key; the key is printed alone on the last line, once."""
    services = _services()
    with session_scope(services.engine) as session:
        forum_id = None
        if forum is not None:
            found = forum_repo.by_slug(session, forum)
            if found is None:
                _fail(f"no forum {forum!r}")
            forum_id = found.id  # type: ignore[union-attr]
        key, plain = keys.create_key(
            session, scope=scope, forum_id=forum_id, now=SystemClock().now(), label=label
        )
        typer.echo(f"key {key.id} ({key.scope}, {'forum ' + forum if forum else 'operator'})")
    typer.echo(plain)


@key_app.command("revoke")
def key_revoke(key_id: int) -> None:
    """Revoke a key by its id."""
    services = _services()
    with session_scope(services.engine) as session:
        if keys.revoke(session, key_id, None, SystemClock().now()) is None:
            _fail(f"no key {key_id}")
    typer.echo(f"key {key_id} revoked")


@app.command()
def demo(
    slug: Annotated[str, typer.Option(help="The demo forum's slug")] = "demo",
) -> None:
    """Create (or refresh) a demo forum with sample threads; print its keys (the same on every
    run while they work) and URLs to try."""
    from forumkit.demo import run_demo

    services = _services()
    typer.echo(run_demo(services, slug))


if __name__ == "__main__":
    app()
