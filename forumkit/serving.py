"""Several serving processes on one port (`forumkit serve --workers N`).

The starting process loads the code once, opens the listening socket, then forks: N
processes answer requests on the shared socket and, unless turned off, one more runs the
scheduled jobs, so they run once however many processes serve. The starting process itself
starts no thread and opens no database connection: it only watches its children, starts a
new one when one dies, and on SIGTERM or SIGINT stops them all and hands their work back."""

from __future__ import annotations

import gc
import logging
import os
import signal
import socket
import time
from collections.abc import Callable

from forumkit.settings import Settings

log = logging.getLogger(__name__)

STOP_SECONDS = 8  # children get this long after SIGTERM, then they are killed
QUICK_DEATH_SECONDS = 5  # a child dying this soon after its start, again and again, ...
QUICK_DEATHS_ALLOWED = 5  # ... this many times in a row stops everything (a broken setup)


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


class Supervisor:
    """Forks the children, starts a new one in place of one that died, stops them all."""

    def __init__(self, roles: dict[str, Callable[[], int]]) -> None:
        self.roles = roles  # role name -> what a child of that role runs (its exit code)
        self.children: dict[int, tuple[str, float]] = {}  # pid -> (role, started at)
        self.stopping = False
        self.quick_deaths = 0

    def run(self) -> int:
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        gc.freeze()  # what is loaded now stays shared between the children's pages
        try:
            for role in self.roles:
                self._fork(role)
            while not self.stopping:
                self._reap()
                if self.quick_deaths >= QUICK_DEATHS_ALLOWED:
                    log.error("serving processes keep failing at start; stopping")
                    self._stop_children()
                    return 1
                time.sleep(0.2)
            self._stop_children()
            return 0
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _stop(self, *_: object) -> None:
        self.stopping = True

    def _fork(self, role: str) -> None:
        pid = os.fork()
        if pid == 0:  # the child: run its part, never return into the parent's code
            code = 1
            try:
                for sig in (signal.SIGTERM, signal.SIGINT):
                    signal.signal(sig, signal.SIG_DFL)
                code = self.roles[role]()
            except BaseException:
                log.exception("a serving process failed", extra={"role": role})
            finally:
                logging.shutdown()
                os._exit(code)
        self.children[pid] = (role, time.monotonic())
        log.info("process started", extra={"role": role, "pid": pid})

    def _reap(self) -> None:
        while self.children:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                return
            role, started = self.children.pop(pid, ("", 0.0))
            if not role or self.stopping:
                continue
            quick = time.monotonic() - started < QUICK_DEATH_SECONDS
            self.quick_deaths = self.quick_deaths + 1 if quick else 0
            log.warning("process ended; starting another",
                        extra={"role": role, "pid": pid, "exit": os.waitstatus_to_exitcode(status)})
            self._fork(role)

    def _stop_children(self) -> None:
        for pid in self.children:
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        while self.children and time.monotonic() < deadline:
            pid, _status = os.waitpid(-1, os.WNOHANG)
            if pid:
                self.children.pop(pid, None)
            else:
                time.sleep(0.05)
        for pid in list(self.children):
            log.warning("process did not stop in time; killed", extra={"pid": pid})
            _signal(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            self.children.pop(pid)


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def serve_processes(settings: Settings, workers: int, *, jobs: bool,
                    stop_requests_seconds: int, run_jobs: Callable[[], int]) -> int:
    import uvicorn

    from forumkit.app import create_app
    from forumkit.registry import Registry

    Registry.discover()  # plugins are imported once, here, and shared by every child
    sock = listening_socket(settings.host, settings.port)

    def answer_requests() -> int:
        config = uvicorn.Config(create_app(settings, run_scheduler=False), log_config=None,
                                access_log=False,
                                timeout_graceful_shutdown=stop_requests_seconds)
        uvicorn.Server(config).run(sockets=[sock])
        return 0

    roles: dict[str, Callable[[], int]] = {f"web-{n}": answer_requests for n in range(workers)}
    if jobs:
        roles["jobs"] = run_jobs
    log.info("serving", extra={"url": f"http://{settings.host}:{settings.port}",
                               "workers": workers, "jobs": jobs})
    try:
        return Supervisor(roles).run()
    finally:
        sock.close()
