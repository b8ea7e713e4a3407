"""The forum's pages and commands: subforums, threads, replies, thanks, an inbox, and
moderators who hide posts and move threads. Each change that ForumKit should hear of queues
its event in the same transaction (forumkit_link.queue_*)."""

from __future__ import annotations

import json
import os
import random
from datetime import UTC, datetime, timedelta

import click
from flask import Flask, abort, flash, g, redirect, render_template, request, session, url_for
from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import Session

from forum import forumkit_link as link
from forum.models import Base, Member, Message, Post, Subforum, Thanks, Thread
from forumkit.client import create_table

LABELS = {"": "None", "self-harm": "Self-harm", "suicide": "Suicide",
          "eating-disorders": "Eating disorders", "bereavement": "Bereavement",
          "abuse": "Abuse", "substance-use": "Substance use"}


def create_app(**config: str) -> Flask:
    app = Flask(__name__)
    env = os.environ.get
    app.config.update(
        SECRET_KEY=env("FORUM_SECRET_KEY", "change me"),
        DATABASE_URL=env("FORUM_DATABASE_URL", "sqlite:///forum.db"),
        FORUM_URL=env("FORUM_URL", "http://127.0.0.1:5000"),
        FORUMKIT_URL=env("FORUMKIT_URL", "http://127.0.0.1:8000"),
        FORUMKIT_FORUM=env("FORUMKIT_FORUM", "peer-care"),
        FORUMKIT_SECRET=env("FORUMKIT_SECRET"), FORUMKIT_API_KEY=env("FORUMKIT_API_KEY"))
    app.config.update(config)
    engine = create_engine(app.config["DATABASE_URL"], connect_args={"timeout": 30})
    event.listen(engine, "connect", _wal)
    app.extensions["forum_db"] = engine
    app.register_blueprint(link.blueprint)
    app.teardown_appcontext(_close_db)
    app.jinja_env.globals["LABELS"] = LABELS
    _routes(app)
    _commands(app)
    return app


def _wal(conn, _record) -> None:  # the sender writes the queue while pages are served
    conn.execute("PRAGMA journal_mode=WAL")


def db() -> Session:
    if "db" not in g:
        from flask import current_app

        g.db = Session(current_app.extensions["forum_db"])
    return g.db


def _close_db(_exc: BaseException | None) -> None:
    found = g.pop("db", None)
    if found is not None:
        found.close()


def me() -> Member | None:
    member_id = session.get("member_id")
    return db().get(Member, member_id) if member_id else None


def signed_in() -> Member:
    member = me()
    if member is None:
        abort(403)
    return member


def _text(name: str, most: int) -> str:
    value = request.form.get(name, "").strip()
    if not value or len(value) > most:
        abort(400)
    return value


def _routes(app: Flask) -> None:
    @app.context_processor
    def _who() -> dict[str, object]:
        return {"me": me()}

    @app.get("/")
    def index() -> str:
        return render_template("index.html", subforums=db().scalars(select(Subforum)).all(),
                               members=db().scalars(select(Member).order_by(Member.name)))

    @app.post("/sign-in")
    def sign_in():  # an example: no passwords
        session["member_id"] = int(request.form["member_id"])
        return redirect(url_for("index"))

    @app.post("/join")
    def join():
        member = Member(name=_text("name", 80))
        db().add(member)
        db().flush()
        link.queue_member(db(), member)
        db().commit()
        session["member_id"] = member.id
        return redirect(url_for("index"))

    @app.get("/f/<subforum_id>")
    def subforum(subforum_id: str) -> str:
        sub = db().get(Subforum, subforum_id) or abort(404)
        threads = db().scalars(select(Thread).where(Thread.subforum_id == sub.id)
                               .order_by(Thread.id.desc()).limit(50))
        return render_template("subforum.html", sub=sub, threads=threads)

    @app.post("/f/<subforum_id>")
    def new_thread(subforum_id: str):
        author = signed_in()
        sub = db().get(Subforum, subforum_id) or abort(404)
        thread = Thread(subforum_id=sub.id, author_id=author.id, title=_text("title", 200))
        post = Post(thread=thread, author_id=author.id, is_first=True,
                    body=_text("body", 20000),
                    content_warning=request.form.get("content_warning") or None)
        db().add_all([thread, post])
        db().flush()
        link.queue_post(db(), post, response_mode="diary" if request.form.get("diary") else None)
        db().commit()
        return redirect(url_for("thread", thread_id=thread.id))

    @app.get("/t/<int:thread_id>")
    def thread(thread_id: int) -> str:
        found = db().get(Thread, thread_id) or abort(404)
        reader = me()
        hints = link.hints_for(reader, found.posts)
        return render_template("thread.html", thread=found, hints=hints,
                               subforums=db().scalars(select(Subforum)).all())

    @app.post("/t/<int:thread_id>/replies")
    def reply(thread_id: int):
        author = signed_in()
        found = db().get(Thread, thread_id) or abort(404)
        allowed, reason = link.may_reply(author, found)
        if not allowed:
            flash(reason or "Replies to this thread are closed.")
            return redirect(url_for("thread", thread_id=thread_id))
        post = Post(thread=found, author_id=author.id, body=_text("body", 20000))
        db().add(post)
        db().flush()
        link.queue_post(db(), post)
        db().commit()
        return redirect(url_for("thread", thread_id=thread_id, _anchor=f"post-{post.id}"))

    @app.post("/p/<int:post_id>/thanks")
    def thank(post_id: int):
        member = signed_in()
        post = db().get(Post, post_id) or abort(404)
        done = db().scalar(select(Thanks).where(Thanks.post_id == post.id,
                                                Thanks.member_id == member.id))
        if post.author_id != member.id and done is None and link.may_thank(member, post.thread):
            thanks = Thanks(post_id=post.id, member_id=member.id)
            db().add(thanks)
            db().flush()
            link.queue_thanks(db(), thanks, post.thread_id)
            db().commit()
        return redirect(url_for("thread", thread_id=post.thread_id, _anchor=f"post-{post.id}"))

    @app.post("/p/<int:post_id>/hide")
    def hide(post_id: int):
        if not signed_in().is_moderator:
            abort(403)
        post = db().get(Post, post_id) or abort(404)
        post.hidden, post.hidden_note = True, _text("reason", 64)
        link.queue_hidden(db(), post, post.hidden_note)
        db().commit()
        return redirect(url_for("thread", thread_id=post.thread_id))

    @app.post("/t/<int:thread_id>/move")
    def move(thread_id: int):
        if not signed_in().is_moderator:
            abort(403)
        found = db().get(Thread, thread_id) or abort(404)
        found.subforum_id = (db().get(Subforum, request.form["subforum_id"]) or abort(400)).id
        link.queue_moved(db(), found)
        db().commit()
        return redirect(url_for("thread", thread_id=thread_id))

    @app.get("/inbox")
    def inbox() -> str:
        member = signed_in()
        mine = db().scalars(select(Message).where(Message.to_member_id == member.id)
                            .order_by(Message.id.desc())).all()
        team, queue = [], None
        if member.is_moderator:
            team = db().scalars(select(Message).where(Message.to_member_id.is_(None))
                                .order_by(Message.id.desc())).all()
            queue = link.queue_status(db())
        return render_template("inbox.html", mine=mine, team=team, queue=queue)


def _commands(app: Flask) -> None:
    @app.cli.command("init-db")
    def init_db() -> None:
        """Create the forum's tables and ForumKit's queue (a real forum: in its migrations)."""
        engine = app.extensions["forum_db"]
        Base.metadata.create_all(engine)
        create_table(engine)

    @app.cli.command("seed")
    @click.option("--history", default=0, help="Old posts to make up, for trying an import")
    def seed(history: int) -> None:
        """Subforums, a few members and a moderator; with --history, posts from the past."""
        long_ago = datetime.now(UTC) - timedelta(days=365)
        with Session(app.extensions["forum_db"]) as db:
            db.add_all([
                Subforum(id="general", name="Talk it through",
                         about="Say what is on your mind; others here will listen."),
                Subforum(id="diary", name="Diaries",
                         about="Write for yourself. Others can read and thank, not reply."),
                *[Member(name=n, joined_at=long_ago) for n in ("alex", "bea", "chris", "kim")],
                Member(name="dana", is_moderator=True, joined_at=long_ago)])
            db.flush()
            _history(db, history)
            db.commit()

    @app.cli.command("forumkit-import")
    @click.option("--until", required=True, help="When the forum started queueing events "
                  "(ISO 8601): everything older is sent as history")
    def forumkit_import(until: str) -> None:
        """Send the forum's history to ForumKit as an import: nobody is messaged."""
        since = datetime.fromisoformat(until)
        with Session(app.extensions["forum_db"]) as db:
            click.echo(json.dumps(link.import_history(db, since)))


WORDS = ["Another long day, but I made it to the evening.",
         "Went for a short walk and it helped a little.",
         "Thank you for sharing this, it sounds like a lot to carry.",
         "I have been there too. Small steps count.",
         "Writing this down so I remember how far I have come."]


def _history(db: Session, posts: int) -> None:
    """`posts` made-up posts over the past 60 days, in threads of four, half of them diaries."""
    members = db.scalars(select(Member).where(Member.is_moderator.is_(False))).all()
    rng, start = random.Random(15), datetime.now(UTC) - timedelta(days=60)
    for n in range(0, posts, 4):
        at = start + timedelta(minutes=n * 30)
        author = members[n // 4 % len(members)]
        thread = Thread(subforum_id="diary" if n % 8 else "general", author_id=author.id,
                        title=f"Week {n // 28 + 1}, day {n // 4 % 7 + 1}", created_at=at)
        db.add(thread)
        for i in range(min(4, posts - n)):
            db.add(Post(thread=thread, author_id=(author if i == 0 else rng.choice(members)).id,
                        is_first=i == 0, body=rng.choice(WORDS),
                        created_at=at + timedelta(minutes=10 * i)))
