"""`forumkit serve --workers N`: N processes answer requests on one port, the scheduled
jobs run once (in the starting process), and SIGTERM stops them all within seconds."""

from __future__ import annotations

import signal
import socket
import time
from pathlib import Path

import httpx
import pytest

from forumkit.migrate import upgrade
from tests.support.processes import forumkit_env, start_forumkit

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(cmdline)
    return found


def test_two_serving_processes_answer_on_one_port_and_stop_on_sigterm(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'forumkit.db'}"
    upgrade(url)
    port = _free_port()
    server = start_forumkit(["serve", "--workers", "2", "--port", str(port)],
                            forumkit_env(url), tmp_path / "serve.log")
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("no answer: " + (tmp_path / "serve.log").read_text()[-2000:])
        serving = [c for c in _children(server.pid) if "spawn" in c]
        assert len(serving) == 2, _children(server.pid)
        answers = [httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code
                   for _ in range(20)]
        assert answers == [200] * 20
        started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        server.wait(15)
        assert time.monotonic() - started < 10
        assert (tmp_path / "serve.log").read_text().count("scheduler started") == 1
    finally:
        if server.poll() is None:
            server.kill()
