"""The example forum and a real ForumKit, each its own process, over real HTTP on loopback.

Run by `make example-test` (and `.ci/run`): an import of 1,000 old posts messages nobody; a
poison event is set aside and the events after it go on; a thread moved into the diary
subforum stops being watched; ForumKit down for FORUM_E2E_OUTAGE_SECONDS (60 by default)
loses nothing. Alerts use the shortest peer window (1 minute), so the run waits for them.
ForumKit keeps its data in SQLite, or, with FORUM_E2E_POSTGRES_URL (a PostgreSQL server's
admin URL), in a PostgreSQL database made for the run and dropped after it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from forumkit.client import enqueue

ROOT = Path(__file__).resolve().parents[3]
FORUM_DIR = ROOT / "examples" / "forum"
OUTAGE_SECONDS = float(os.environ.get("FORUM_E2E_OUTAGE_SECONDS", "60"))
POSTGRES = os.environ.get("FORUM_E2E_POSTGRES_URL")
SLUG = "peer-care"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(what: str, check: Callable[[], Any], timeout: float, logs: list[Path]) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    tails = "\n".join(f"--- {p.name}\n" + "\n".join(p.read_text().splitlines()[-25:])
                      for p in logs if p.exists())
    pytest.fail(f"waited {timeout:.0f} s for {what}\n{tails}")


@dataclass
class World:
    tmp: Path
    fk_port: int = field(default_factory=free_port)
    forum_port: int = field(default_factory=free_port)
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    secret: str = ""
    connected_at: str = ""
    fk_database: str = ""

    @property
    def fk_url(self) -> str:
        return f"http://127.0.0.1:{self.fk_port}"

    @property
    def forum_url(self) -> str:
        return f"http://127.0.0.1:{self.forum_port}"

    @property
    def forum_db(self) -> str:
        return f"sqlite:///{self.tmp / 'forum.db'}"

    @property
    def logs(self) -> list[Path]:
        return sorted(self.tmp.glob("*.log"))

    def fk_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FORUMKIT_")}
        return env | {"FORUMKIT_DATABASE_URL": self.fk_database,
                      "FORUMKIT_PORT": str(self.fk_port),
                      "FORUMKIT_PUBLIC_URL": self.fk_url,
                      # The forum listens on loopback, which only the operator's allowance opens.
                      "FORUMKIT_OUTBOUND_ALLOW": "127.0.0.1/32"}

    def forum_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FORUMKIT_", "FLASK_"))}
        return env | {"PYTHONPATH": str(FORUM_DIR), "FORUM_DATABASE_URL": self.forum_db,
                      "FORUM_URL": self.forum_url, "FORUMKIT_URL": self.fk_url,
                      "FORUMKIT_FORUM": SLUG, "FORUMKIT_SECRET": self.secret,
                      "FORUMKIT_API_KEY": self.keys["platform"]}

    def forumkit(self, *args: str) -> str:
        ran = subprocess.run([sys.executable, "-m", "forumkit.cli", *args], env=self.fk_env(),
                             capture_output=True, text=True, timeout=120, check=True)
        return ran.stdout

    def flask(self, *args: str) -> str:
        ran = subprocess.run([sys.executable, "-m", "flask", "--app", "forum", *args],
                             env=self.forum_env(), capture_output=True, text=True, timeout=300)
        assert ran.returncode == 0, ran.stderr[-2000:]
        return ran.stdout

    def start(self, name: str, args: list[str], env: dict[str, str]) -> None:
        log = (self.tmp / f"{name}.log").open("a")
        self.procs[name] = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def stop(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is None:
            return
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def start_forumkit(self) -> None:
        self.start("forumkit", [sys.executable, "-m", "forumkit.cli", "serve"], self.fk_env())
        wait_for("ForumKit to answer", lambda: _ok(f"{self.fk_url}/readyz"), 60, self.logs)

    def fk(self, method: str, path: str, key: str = "admin", **kw: Any) -> Any:
        answer = httpx.request(method, f"{self.fk_url}/v1/forums/{SLUG}{path}", timeout=30,
                               headers={"authorization": f"Bearer {self.keys[key]}"}, **kw)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def member(self, name: str) -> httpx.Client:
        """A browser of the forum, signed in as `name`."""
        browser = httpx.Client(base_url=self.forum_url, follow_redirects=True, timeout=30)
        page = browser.get("/").text
        member_id = re.search(rf'<option value="(\d+)">{name}</option>', page)
        assert member_id, page
        browser.post("/sign-in", data={"member_id": member_id.group(1)})
        return browser

    def queue_page(self) -> str:
        return self.member("dana").get("/inbox").text


def _ok(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def forumkit_database(tmp: Path) -> Iterator[str]:
    """ForumKit's database for the run: a SQLite file, or a PostgreSQL database of its own."""
    if not POSTGRES:
        yield f"sqlite:///{tmp / 'forumkit.db'}"
        return
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    name = f"forum_e2e_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("forum-e2e")
    with forumkit_database(tmp) as url:
        yield from _world(tmp, url)


def _world(tmp: Path, fk_database: str) -> Iterator[World]:
    w = World(tmp, fk_database=fk_database)
    try:
        # The operator connects the forum: its actions go to the forum's endpoint.
        w.forumkit("migrate")
        created = json.loads(w.forumkit("forum", "create", SLUG, "--adapter", "generic",
                                        "--name", "Peer Care", "-s",
                                        f"callback_url={w.forum_url}/forumkit/actions"))
        w.secret = created["webhook_secret"]
        for scope in ("platform", "moderator", "admin"):
            w.keys[scope] = w.forumkit("key", "create", "--scope", scope,
                                       "--forum", SLUG).strip().splitlines()[-1]
        w.start_forumkit()
        # The forum's admins: alert after a minute (the shortest window), a diary subforum,
        # and replies against a thread's mode hidden even where the forum asked first (for
        # replies accepted while ForumKit could not be asked).
        w.fk("PUT", "/plugins/unanswered", json={"enabled": True, "settings": {
            "rule": {"peer_window_minutes": 1, "new_member_window_minutes": 1}}})
        w.fk("PUT", "/plugins/response_modes", json={"enabled": True, "settings": {
            "category_modes": {"diary": "diary"}, "close_replies_on_platform": "always",
            "hide_replies_after": "always"}})
        # The forum: its tables and ForumKit's queue, members, 1,000 posts of history.
        w.flask("init-db")
        w.flask("seed", "--history", "1000")
        w.connected_at = datetime.now(UTC).isoformat()
        w.start("forum", [sys.executable, "-m", "flask", "--app", "forum", "run",
                          "--port", str(w.forum_port)], w.forum_env())
        w.start("sender", [sys.executable, "-m", "forumkit.client", "send", "--loop",
                           "--interval", "1", "--backoff", "0.5", "--database-url", w.forum_db,
                           "--url", w.fk_url, "--forum", SLUG, "--secret-env",
                           "FORUMKIT_SECRET"], w.forum_env())
        wait_for("the forum to answer", lambda: _ok(w.forum_url), 60, w.logs)
        yield w
    finally:
        for name in list(w.procs):
            w.stop(name)
        shutil.rmtree(w.tmp, ignore_errors=True)  # failures print the logs' tails first


def thread_id_of(answer: httpx.Response) -> int:
    found = re.search(r"/t/(\d+)", str(answer.url))
    assert found, answer.url
    return int(found.group(1))


def post_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'id="post-(\d+)"', page)]


def moderators_notes(w: World, thread_id: int) -> list[str]:
    page = w.queue_page()
    return re.findall(rf'class="post moderators-note" data-thread="{thread_id}" '
                      r'data-kind="notify_moderators">(.*?)</div>', page, re.S)


def nothing_waiting(w: World) -> bool:
    return "0 events waiting" in w.queue_page()


def test_an_import_of_1000_old_posts_fills_the_mirror_and_messages_nobody(world: World) -> None:
    totals = json.loads(world.flask("forumkit-import", "--until", world.connected_at)
                        .splitlines()[-1])
    # Five members and 1,000 posts, each applied once, none refused.
    assert totals == {"events": 1005, "applied": 1005, "duplicates": 0, "rejected": 0}

    with create_engine(world.forum_db).connect() as conn:
        old = [str(i) for i in conn.execute(text("SELECT id FROM post ORDER BY id")).scalars()]
    assert len(old) == 1000
    for start in range(0, 1000, 200):
        hints = world.fk("POST", "/render-hints", key="platform",
                         json={"reader_id": None, "post_ids": old[start:start + 200]})
        assert hints["unknown"] == []  # ForumKit's mirror has every one

    # Nothing was made to send: no message to a member, no alert, no hidden reply, though
    # half the threads are diaries with others' replies in them.
    assert world.fk("GET", "/outbox", params={"limit": 500}) == []
    assert world.fk("GET", "/alerts", key="moderator", params={"state": "open"}) == []
    time.sleep(3)  # the delivery job runs each second: give a stray action time to arrive
    for name in ("alex", "bea", "chris", "kim"):
        assert "No messages." in world.member(name).get("/inbox").text
    assert "No notes." in world.queue_page()
    diary = world.member("bea").get("/f/diary").text
    first_diary = int(re.findall(r'href="/t/(\d+)"', diary)[-1])
    assert "This post is hidden." not in world.member("bea").get(f"/t/{first_diary}").text


def test_a_poison_event_is_set_aside_and_the_events_after_it_go_on(world: World) -> None:
    alex, bea = world.member("alex"), world.member("bea")
    thread = thread_id_of(alex.post("/f/general", data={
        "title": "First week back at work", "body": "It went better than I feared."}))
    wait_for("the new thread to reach ForumKit", lambda: nothing_waiting(world), 30, world.logs)

    # A bug in the forum's code queues a reply without its thread: ForumKit refuses it (422
    # when sent alone, without ?on_invalid=skip)...
    bad = {"id": "post-created-by-a-bug", "type": "post.created",
           "occurred_at": datetime.now(UTC).isoformat(),
           "post": {"id": "bug-1", "author_id": "2", "is_first_in_thread": False,
                    "body": "Well done for going in."}}
    refused = httpx.post(f"{world.fk_url}/v1/forums/{SLUG}/events", json={"events": [bad]},
                         headers={"authorization": f"Bearer {world.keys['platform']}"})
    assert refused.status_code == 422
    engine = create_engine(world.forum_db, connect_args={"timeout": 30})
    with engine.begin() as conn:
        enqueue(conn, bad, thread_id=str(thread), check=False)
    engine.dispose()
    # ...and a reply queued after it, in the same thread, still arrives.
    page = bea.post(f"/t/{thread}/replies", data={"body": "Well done for going in."}).text
    reply = post_ids(page)[-1]

    page = wait_for("the bad event to be set aside", lambda: (lambda p: "Set aside" in p
                    and "0 events waiting" in p and p)(world.queue_page()), 30, world.logs)
    assert "thread_id" in page and "Field required" in page  # where and what, from ForumKit
    hints = world.fk("POST", "/render-hints", key="platform",
                     json={"reader_id": None, "post_ids": [str(reply), "bug-1"]})
    assert hints["unknown"] == ["bug-1"]


def test_a_post_with_a_content_warning_is_covered_for_its_readers(world: World) -> None:
    kim, bea = world.member("kim"), world.member("bea")
    thread = thread_id_of(kim.post("/f/general", data={
        "title": "A year since Mum died", "body": "I keep thinking of her today.",
        "content_warning": "bereavement"}))
    wait_for("the post to reach ForumKit", lambda: nothing_waiting(world), 30, world.logs)
    page = bea.get(f"/t/{thread}").text
    covered = re.search(r"<details><summary>(.*?)</summary><p>(.*?)</p></details>", page, re.S)
    assert covered, page
    # ForumKit's notice names the label; the words wait behind it until the reader chooses.
    assert "Bereavement" in covered.group(1)
    assert covered.group(2) == "I keep thinking of her today."


def test_a_thread_moved_into_the_diary_subforum_is_no_longer_watched(world: World) -> None:
    alex, kim, bea = world.member("alex"), world.member("kim"), world.member("bea")
    dana = world.member("dana")
    moved = thread_id_of(alex.post("/f/general", data={
        "title": "Keeping a record of my sleep", "body": "Night one: four hours."}))
    stays = thread_id_of(kim.post("/f/general", data={
        "title": "Does anyone else dread Sundays?", "body": "I never know what to do."}))
    dana.post(f"/t/{moved}/move", data={"subforum_id": "diary"})

    # ForumKit closes replies on the moved thread, and says so in the forum's words...
    wait_for("replies to close on the moved thread",
             lambda: "Diaries" in (p := bea.get(f"/t/{moved}").text)
             and 'class="note"' in p and "Replies to this thread are closed." not in p,
             60, world.logs)
    # ...and the forum asks before a reply: bea is told why, kindly, and her reply is not kept.
    before = post_ids(bea.get(f"/t/{moved}").text)
    page = bea.post(f"/t/{moved}/replies", data={"body": "Four hours is hard."}).text
    assert post_ids(page) == before and 'role="status"' in page

    # The other thread, unanswered, reaches the moderators after its minute; the moved one
    # never does.
    wait_for("the alert about the thread left in place",
             lambda: moderators_notes(world, stays), 150, world.logs)
    time.sleep(3)
    assert moderators_notes(world, moved) == []
    watched = {a["thread_id"] for a in world.fk("GET", "/alerts", key="moderator")}
    assert str(stays) in watched and str(moved) not in watched


def test_forumkit_down_for_a_while_loses_nothing(world: World) -> None:
    alex, kim, bea = world.member("alex"), world.member("kim"), world.member("bea")
    world.stop("forumkit")
    down_at = time.monotonic()

    # The forum carries on: a post nobody answers, a diary entry, and a reply to it that
    # the forum accepts because it cannot ask ForumKit.
    lonely = thread_id_of(alex.post("/f/general", data={
        "title": "Nobody around tonight?", "body": "Just wanted to say hello to someone."}))
    diary = thread_id_of(kim.post("/f/diary", data={
        "title": "Day one", "body": "Starting a diary, for me."}))
    page = bea.post(f"/t/{diary}/replies", data={"body": "Good luck with it!"}).text
    reply = post_ids(page)[-1]
    assert "Good luck with it!" in page
    waiting = int(re.search(r"(\d+) events waiting", world.queue_page()).group(1))  # type: ignore[union-attr]
    assert waiting == 3

    time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - down_at)))
    world.start_forumkit()

    wait_for("the queue to empty", lambda: nothing_waiting(world), 60, world.logs)
    # The reply that went against the diary is hidden, and its writer told kindly why.
    wait_for("bea's reply to be hidden", lambda: "This post is hidden." in
             bea.get(f"/t/{diary}").text, 60, world.logs)
    inbox = bea.get("/inbox").text
    assert len(re.findall(r'class="post message"', inbox)) == 1
    assert f'href="/t/{diary}"' in inbox
    assert 'class="note"' in kim.get(f"/t/{diary}").text  # replies closed on the diary
    # The post nobody answered reaches the moderators, late as it is.
    wait_for("the alert about the unanswered post", lambda: moderators_notes(world, lonely),
             120, world.logs)
    alerts = world.fk("GET", "/alerts", key="moderator", params={"state": "open"})
    assert str(lonely) in {a["thread_id"] for a in alerts}
    assert str(reply) not in {a["post_id"] for a in alerts}

    # Nothing of the imported history messaged anyone, before or since.
    for name in ("alex", "chris", "kim"):
        assert "No messages." in world.member(name).get("/inbox").text
