"""Running the `forumkit` command as an operator would: in this process, or as a real
process where the test kills it."""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def forumkit_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUMKIT_")}
    # Receivers of the tests listen on loopback, which only the operator's allowance opens.
    env.update({"FORUMKIT_DATABASE_URL": database_url, "FORUMKIT_LOG_LEVEL": "INFO",
                "FORUMKIT_OUTBOUND_ALLOW": "127.0.0.1/32", **extra})
    return env


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def forumkit(args: list[str], env: dict[str, str]) -> Ran:
    """Run the `forumkit` command in this process, with the environment an operator's shell
    would give it (only the FORUMKIT_ variables of `env`)."""
    from typer.testing import CliRunner

    from forumkit.cli import app
    from forumkit.settings import get_settings

    wanted: dict[str, str | None] = {k: None for k in os.environ if k.startswith("FORUMKIT_")}
    wanted.update({k: v for k, v in env.items() if k.startswith("FORUMKIT_")})
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, args, env=wanted, catch_exceptions=False)
    finally:
        get_settings.cache_clear()
        root.handlers[:] = handlers  # the command sets up its own logging; give pytest's back
        root.setLevel(level)
    return Ran(result.exit_code, result.stdout, result.stderr)


class Started:
    """A `forumkit` command running as a process of its own, with the calls of a Popen the
    tests use (pid, send_signal, kill, wait, poll, returncode)."""

    def __init__(self, process: multiprocessing.process.BaseProcess) -> None:
        self.process = process

    @property
    def pid(self) -> int:
        return self.process.pid or 0

    @property
    def returncode(self) -> int | None:
        return self.process.exitcode

    def send_signal(self, sig: int) -> None:
        if self.process.exitcode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def poll(self) -> int | None:
        return self.process.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self.process.join(timeout)
        if self.process.exitcode is None:
            raise subprocess.TimeoutExpired(["forumkit"], timeout or 0)
        return self.process.exitcode


# Processes are forked from a server that has imported ForumKit and its plugins once, so a
# test that starts several pays for the import once, not at each start: the process is as
# real as one started from a shell (its own pid, signals, sockets, database connections),
# only its start is quicker. tests/conftest.py starts the server while the test before the
# first `forks` test of a test process runs.
FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload(["tests.support.preload"])


def start_fork_server() -> None:
    """Start the server now; it imports while other tests run."""
    multiprocessing.forkserver.ensure_running()


def start_forumkit(args: list[str], env: dict[str, str], log: Path) -> Started:
    """`forumkit <args>` as a process of its own, with the environment `env` (and nothing
    else) and its output in `log`."""
    return start(_forumkit_command, (args,), env, log)


def start(target: Callable[..., int | None], args: tuple[object, ...], env: dict[str, str],
          log: Path) -> Started:
    """`target(*args)` as a process of its own; what it returns is its exit code."""
    process = FORKS.Process(target=_in_child, args=(target, args, env, str(log)))
    process.start()
    return Started(process)


def run_pytest(args: list[str], path: str) -> int:
    """pytest on `args`, with `path` first on the import path: a suite of its own."""
    import pytest

    sys.path.insert(0, path)
    return int(pytest.main(args))


def _forumkit_command(args: list[str]) -> None:
    from forumkit.cli import app

    app(args, prog_name="forumkit")


def _in_child(target: Callable[..., int | None], args: tuple[object, ...],
              env: dict[str, str], log: str) -> None:
    handle = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(handle, 1)
    os.dup2(handle, 2)
    os.close(handle)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(ROOT)
    sys.exit(target(*args))
