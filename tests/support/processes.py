"""Running the `forumkit` command as a real process, as an operator would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def forumkit_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUMKIT_")}
    # Receivers of the tests listen on loopback, which only the operator's allowance opens.
    env.update({"FORUMKIT_DATABASE_URL": database_url, "FORUMKIT_LOG_LEVEL": "INFO",
                "FORUMKIT_OUTBOUND_ALLOW": "127.0.0.1/32", **extra})
    return env


def forumkit(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "forumkit.cli", *args], env=env, cwd=ROOT, capture_output=True,
        text=True, timeout=60, **kwargs,
    )


def start_forumkit(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "forumkit.cli", *args], env=env, cwd=ROOT, stdout=handle,
        stderr=subprocess.STDOUT,
    )
