"""Operations routes: health, readiness, metrics, OpenAPI."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from forumkit.app import create_app
from forumkit.services import Services
from forumkit.settings import Settings
from tests.conftest import make_registry
from tests.support.world import World, post_created

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins

def test_health_and_readiness(world: World) -> None:
    assert world.client.get("/healthz").json() == {"status": "ok"}
    ready = world.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"


def test_not_ready_until_migrated(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/empty.db", _env_file=None)  # type: ignore[call-arg]
    services = Services.build(settings, registry=make_registry())
    with TestClient(create_app(services=services, run_scheduler=False)) as client:
        response = client.get("/readyz")
    services.close()
    assert response.status_code == 503
    assert response.json()["status"] == "migrations pending"
    assert response.json()["fix"] == "run: forumkit migrate"


def test_metrics_count_requests_events_and_outbox(world: World) -> None:
    world.send([post_created("e1", "p1"), post_created("e2", "p2", thread="t2")])
    world.send([post_created("e1", "p1")])
    text = world.client.get("/metrics").text
    assert 'forumkit_events_ingested_total{result="applied"} 2.0' in text
    assert 'forumkit_events_ingested_total{result="duplicate"} 1.0' in text
    assert 'forumkit_outbox_items{status="pending"} 2.0' in text
    assert ('forumkit_http_requests_total{method="POST",route="/v1/forums/{forum}/events",'
            'status="200"} 2.0') in text


def test_metrics_ask_for_the_token_when_one_is_set(world: World) -> None:
    world.services.settings.metrics_token = "s3cret-scrape"
    assert world.client.get("/metrics").status_code == 401
    wrong = world.client.get("/metrics", headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 401 and "FORUMKIT_METRICS_TOKEN" in wrong.json()["detail"]
    right = world.client.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape"})
    assert right.status_code == 200 and "forumkit_outbox_items" in right.text


def test_openapi_describes_models_and_errors(world: World) -> None:
    spec = world.client.get("/openapi.json").json()
    events = spec["paths"]["/v1/forums/{forum}/events"]["post"]
    assert {"401", "403", "404", "413", "422"} <= set(events["responses"])
    assert "PostCreated" in spec["components"]["schemas"]
    assert world.client.get("/docs").status_code == 200


def test_each_section_of_the_docs_says_what_it_holds(world: World) -> None:
    # /docs opens with its sections closed: each says what is inside before it is opened.
    spec = world.client.get("/openapi.json").json()
    described = {tag["name"]: tag["description"] for tag in spec["tags"]}
    used = {tag for path in spec["paths"].values() for op in path.values()
            for tag in op.get("tags", [])}
    assert [tag["name"] for tag in spec["tags"]][:4] == ["ingest", "admin", "members",
                                                          "operations"]
    assert used <= set(described)
    assert described["content_warnings"].startswith("Content warnings. Labels on posts")
    assert all(text.strip() for text in described.values())
