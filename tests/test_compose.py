"""docker-compose.yml and the Dockerfile: the production shape is valid and its commands work.

There is no Docker engine in the test environment, so the file is checked against the
Compose Specification's JSON schema, and each service's command is run here as compose
would run it, against a PostgreSQL database made for the test.

The schema is the Compose Specification's own `schema/compose-spec.json` (revision of
2025-07-20, Apache License 2.0), kept in tests/data/ byte for byte, so the check needs no
network; its digest is pinned.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml

from forumkit.db import make_engine
from forumkit.migrate import upgrade
from forumkit.ops import schema_state
from tests.support.databases import fresh_database, postgres_admin_url

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
SCHEMA = ROOT / "tests" / "data" / "compose-spec.json"
SCHEMA_SHA256 = "46b7d35f19dd93a05f8fea530291bf84d881c1791ec167ecf0e6fb94e639d496"
FORUMKIT_SERVICES = ("migrate", "api", "worker")


# -- the Compose Specification schema ------------------------------------------------------


def compose_schema() -> dict[str, Any]:
    data = SCHEMA.read_bytes()
    # A different file means someone replaced it: say so rather than trust it.
    assert hashlib.sha256(data).hexdigest() == SCHEMA_SHA256, "the compose schema changed"
    return json.loads(data)


def schema_errors(document: dict[str, Any]) -> list[str]:
    schema = compose_schema()
    # The file names draft 7 by an address jsonschema does not recognise, so say it here.
    jsonschema.Draft7Validator.check_schema(schema)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in jsonschema.Draft7Validator(schema).iter_errors(document)]


def load_compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())


# -- fast checks ---------------------------------------------------------------------------


def test_compose_file_is_valid_against_the_compose_specification() -> None:
    assert schema_errors(load_compose()) == []


def test_the_schema_check_rejects_a_broken_compose_file() -> None:
    broken = copy.deepcopy(load_compose())
    services = broken["services"]
    services["api"]["deploy"]["replicaz"] = services["api"]["deploy"].pop("replicas")
    services["worker"]["depends_on"]["migrate"]["condition"] = "service_finished"
    services["db"]["helthcheck"] = services["db"].pop("healthcheck")
    errors = schema_errors(broken)
    assert any(e.startswith("services/api/deploy") and "replicaz" in e for e in errors), errors
    assert any(e.startswith("services/worker/depends_on") for e in errors), errors
    assert any("helthcheck" in e for e in errors), errors


def test_compose_describes_postgres_migrate_two_api_replicas_and_a_worker() -> None:
    services = load_compose()["services"]
    assert set(services) == {"db", "migrate", "api", "worker"}
    db = services["db"]
    assert "healthcheck" in db
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])

    assert services["migrate"]["command"] == ["forumkit", "migrate"]
    assert services["api"]["deploy"]["replicas"] == 2
    assert "--no-scheduler" in services["api"]["command"]
    assert "/readyz" in " ".join(services["api"]["healthcheck"]["test"])
    assert services["worker"]["command"] == ["forumkit", "worker"]
    for name in FORUMKIT_SERVICES:
        service = services[name]
        assert service["build"] == "."
        assert "@db:5432/" in service["environment"]["FORUMKIT_DATABASE_URL"]
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("api", "worker"):
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"


def test_dockerfile_builds_from_python_slim_with_the_pinned_constraints() -> None:
    lines = DOCKERFILE.read_text().splitlines()
    assert "FROM python:3.11-slim" in lines
    # Installed as a wheel from the pinned constraints, then run without the source tree:
    # the migrations, templates and plugins come from the installed package.
    assert "RUN pip install -c constraints.txt . && rm -rf /app/forumkit /app/plugins " \
           "/app/adapters" in lines
    assert not any("PYTHONPATH" in line for line in lines)
    for line in lines:
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                assert (ROOT / source).exists(), f"Dockerfile copies {source}, which is missing"


# -- the services' commands, run as compose runs them --------------------------------------


def _forumkit_script() -> str:
    # The console script pip installs beside the interpreter: what the image runs.
    script = shutil.which("forumkit", path=str(Path(sys.executable).parent))
    assert script, f"no forumkit script beside {sys.executable}: pip install -e ."
    return script


def _command(service: dict[str, Any], *, host: str | None = None, port: int | None = None
             ) -> list[str]:
    command = list(service["command"])
    assert command[0] == "forumkit"
    command[0] = _forumkit_script()
    # Same options compose passes, but on loopback and a free port instead of 0.0.0.0:8000.
    for option, value in (("--host", host), ("--port", port)):
        if value is not None:
            command[command.index(option) + 1] = str(value)
    return command


def _env(service: dict[str, Any], database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUMKIT_")}
    for key, value in service["environment"].items():
        # Compose's ${VAR:-default}, taking the default: the test must not depend on the shell.
        env[key] = re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(value))
    env["FORUMKIT_DATABASE_URL"] = database_url  # the test's database, not the db service
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _running(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    with log.open("w") as out:
        proc = subprocess.Popen(command, env=env, cwd=log.parent, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def _wait_for(check: Any, proc: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert proc.poll() is None, f"exited with {proc.returncode}:\n{log.read_text()}"
        assert time.monotonic() < deadline, f"not ready after {seconds} s:\n{log.read_text()}"
        time.sleep(0.2)


def _ready(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


# Each service's command, as compose runs it, on PostgreSQL: the migration on an empty
# database; the API and the worker, which compose starts once the migration is done, on one
# migrated beforehand. Three tests, so each starts one process.
on_postgresql = pytest.mark.skipif(postgres_admin_url() is None,
                                   reason="FORUMKIT_TEST_POSTGRES_URL not set")


@pytest.fixture(scope="module")
def migrated_postgresql(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated database for the API's and the worker's commands, run one after the
    other (neither changes the schema)."""
    with fresh_database("postgresql", tmp_path_factory.mktemp("compose")) as url:
        upgrade(url)
        yield url


@pytest.mark.slow
@on_postgresql
def test_the_migrate_command_migrates_an_empty_postgresql(tmp_path: Path) -> None:
    migrate = load_compose()["services"]["migrate"]
    with fresh_database("postgresql", tmp_path) as url:
        ran = subprocess.run(_command(migrate), env=_env(migrate, url), cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
        assert ran.returncode == 0, ran.stderr
        engine = make_engine(url)
        try:
            current, pending = schema_state(engine)
        finally:
            engine.dispose()
        assert current and pending == set()


@pytest.mark.slow
@on_postgresql
def test_the_api_command_serves_and_passes_its_healthcheck(migrated_postgresql: str,
                                                          tmp_path: Path) -> None:
    api = load_compose()["services"]["api"]
    port = _free_port()
    log = tmp_path / "api.log"
    with _running(_command(api, host="127.0.0.1", port=port), _env(api, migrated_postgresql),
                  log) as proc:
        _wait_for(lambda: _ready(f"http://127.0.0.1:{port}/readyz"), proc, log)
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").json()["status"] == "ready"
        # The healthcheck compose runs inside the container, pointed at this port.
        check = [sys.executable if part == "python" else part.replace(":8000/", f":{port}/")
                 for part in api["healthcheck"]["test"][1:]]
        assert subprocess.run(check, timeout=30).returncode == 0


@pytest.mark.slow
@on_postgresql
def test_the_worker_command_runs_and_stops_on_sigterm(migrated_postgresql: str,
                                                      tmp_path: Path) -> None:
    worker = load_compose()["services"]["worker"]
    log = tmp_path / "worker.log"
    with _running(_command(worker), _env(worker, migrated_postgresql), log) as proc:
        _wait_for(lambda: "worker running" in log.read_text(), proc, log)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0, log.read_text()
