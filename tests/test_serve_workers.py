"""`forumkit serve --workers N`: N processes answer requests on one port, the scheduled
jobs run once (in the starting process), and SIGTERM stops them all within seconds."""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from pathlib import Path

import httpx
import pytest

from tests.support.processes import forumkit_env, start_forumkit

pytestmark = [pytest.mark.slow, pytest.mark.forks]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(proc.name))
    return found


def _started(log: Path) -> list[tuple[str, int]]:
    lines = [json.loads(line) for line in log.read_text().splitlines()
             if '"process started"' in line]
    return [(line["role"], line["pid"]) for line in lines]


def _wait_ready(http: httpx.Client, port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if http.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    pytest.fail("no answer: " + log.read_text()[-2000:])


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_two_serving_processes_answer_on_one_port_and_stop_on_sigterm(db: str, tmp_path: Path
                                                                      ) -> None:
    port = _free_port()
    log = tmp_path / "serve.log"
    server = start_forumkit(["serve", "--workers", "2", "--port", str(port)],
                            forumkit_env(db), log)
    http = httpx.Client()
    try:
        _wait_ready(http, port, log)
        # Two processes answer requests and one runs the scheduled jobs.
        assert sorted(role for role, _pid in _started(log)) == ["jobs", "web-0", "web-1"]
        assert len(_children(server.pid)) == 3
        answers = [http.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code
                   for _ in range(20)]
        assert answers == [200] * 20
        # A serving process that dies is replaced; the others answer meanwhile.
        os.kill(dict(_started(log))["web-0"], signal.SIGKILL)
        deadline = time.monotonic() + 10
        while len(_started(log)) < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [role for role, _pid in _started(log)][3:] == ["web-0"]
        _wait_ready(http, port, log)
        started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        assert server.wait(15) == 0
        assert time.monotonic() - started < 10
        assert _children(server.pid) == []
        assert log.read_text().count("scheduler started") == 1
    finally:
        http.close()
        if server.poll() is None:
            server.kill()
