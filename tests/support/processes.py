"""Running the `forumkit` command as an operator would: in this process, or as a real
process where the test kills it."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
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


def start_forumkit(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "forumkit.cli", *args], env=env, cwd=ROOT, stdout=handle,
        stderr=subprocess.STDOUT,
    )
