"""Errors are answered in one place: domain errors as JSON or pages, anything unexpected
logged with an error id, an unreachable database as 503 with Retry-After."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from forumkit.services import Services
from forumkit.settings import Settings
from tests.conftest import make_registry
from tests.support.pages import sign_in
from tests.support.world import World

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins

def test_an_unexpected_error_is_logged_with_an_id_the_answer_names(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="forumkit.errors"):
        response = world.client.get("/v1/forums/calm/watch/broken",
                                    headers=world.auth("calm:platform"))
    assert response.status_code == 500
    body = response.json()
    assert re.fullmatch(r"[0-9a-f]{12}", body["error_id"])
    assert body["detail"] == f"something went wrong on our side; it is logged as {body['error_id']}"
    assert "on purpose" not in response.text, "the answer tells nothing of the error itself"
    assert response.headers["x-content-type-options"] == "nosniff"
    [record] = [r for r in caplog.records if r.getMessage() == "unexpected error"]
    assert record.error_id == body["error_id"]  # type: ignore[attr-defined]
    assert record.exc_info and "on purpose" in str(record.exc_info[1])


def test_an_unexpected_error_on_a_page_is_a_page_with_the_id(world: World) -> None:
    assert sign_in(world.client, world.keys["calm:moderator"]).status_code == 303
    response = world.client.get("/ui/forums/calm/watch/broken")
    assert response.status_code == 500, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert re.search(r"it is logged as [0-9a-f]{12}", response.text)


def test_an_unreachable_database_answers_503_with_retry_after(app_for_tests: FastAPI) -> None:
    down = Services.build(
        Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:9/none",
                 run_scheduler=False, _env_file=None),  # type: ignore[call-arg]
        registry=make_registry(),
    )
    app_for_tests.state.services = down
    try:
        with TestClient(app_for_tests) as client:
            response = client.get("/v1/forums/calm/watch/settings",
                                  headers={"Authorization": "Bearer fk_anything"})
    finally:
        down.close()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json() == {"detail": "the database does not answer; try again shortly"}
