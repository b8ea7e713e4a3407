"""Schemathesis drives every API operation with generated input, valid and invalid, on each
database: no answer may be a server error, and every status must be one the OpenAPI
document lists for the operation.

Requests carry a key of each scope in turn (platform, moderator, admin, operator) and, more
often than not, path values that exist (the forum, its posts, thread, member, alert, key,
outbox item, feedback), so the generated bodies and queries reach the routes' own code
rather than stopping at 401 or 404. The seed is fixed: a run repeats the last one.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import status_code_conformance

from tests.plugins.unanswered.support import one_alert, reply
from tests.support.alerts import outbox
from tests.support.world import World, post_created

EXAMPLES = 10  # per operation: about 700 requests on each database
KEYS = ["operator", "calm:platform", "calm:moderator", "calm:admin"]  # the first most often
RUN_LAST = {"PUT /v1/forums/{forum}/plugins/{plugin}", "DELETE /v1/forums/{forum}/members/{member}"}
TEST_PLUGINS = ["watch"]  # the suite's own plugin (tests/support/plugins.py), not the product


@dataclass
class Run:
    operations: int = 0
    cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (f"{self.operations} operations, {self.cases} cases, "
                f"{len(self.failures)} failures ({codes})")


def existing_values(world: World) -> dict[str, list[str]]:
    """Path values that name things in forum calm, by path parameter."""
    alert = one_alert(world)
    # Thread t2 is apart from t1, so the alert on p1 stays open.
    world.send([post_created("e2", "p2", thread="t2", author="u7"),
                reply("e3", "p3", thread="t2", author="u42")])
    admin = world.auth("calm:admin")
    sent = world.client.post("/v1/forums/calm/feedback", headers=world.auth("calm:platform"),
                             json={"member_id": "u7", "text": "The night threads help"})
    assert sent.status_code == 201, sent.text
    spare = [world.client.post("/v1/forums/calm/keys", headers=admin,
                               json={"scope": "moderator", "label": f"spare {n}"}).json()["id"]
             for n in range(3)]
    return {
        "forum": ["calm"], "post": ["p1", "p2", "p3"], "thread": ["t1", "t2"],
        "member": ["u42", "u7"], "alert_id": [str(alert)], "key": ["self-harm", "suicide"],
        "kind": ["thank_you"], "plugin": ["unanswered", "content_warnings", "gratitude"],
        "feedback_id": [str(sent.json()["id"])],
        "key_id": [str(k) for k in spare],  # the keys the test signs in with stay
        "item_id": [item["id"] for item in outbox(world)],
    }


def without_security(document: dict[str, Any]) -> dict[str, Any]:
    """The document without its bearer scheme: invalid cases would otherwise often drop the
    key the test sends, and end at 401 (tests/test_auth.py covers keys)."""
    document = copy.deepcopy(document)
    for operations in document["paths"].values():
        for operation in operations.values():
            operation.pop("security", None)
    document.get("components", {}).pop("securitySchemes", None)
    return document


SHARDS = 24  # the operations are split over this many tests, each with a world of its own


_OPERATIONS: dict[int, list[Any]] = {}  # by app: reading the document takes seconds


def operations_of(world: World) -> list[Any]:
    app = world.client.app
    if id(app) not in _OPERATIONS:
        schema = schemathesis.openapi.from_dict(without_security(app.openapi()))
        found = [op.ok() for op in schema.exclude(tag=TEST_PLUGINS).get_all_operations()]
        _OPERATIONS[id(app)] = sorted(found, key=lambda op: op.label)
    return _OPERATIONS[id(app)]


def fuzz(world: World, run: Run, shard: int) -> None:
    real = existing_values(world)
    app = world.client.app
    operations = operations_of(world)[shard::SHARDS]
    # Operations that take away what the others need (a plugin switched off, a member
    # erased) run last.
    for operation in sorted(operations, key=lambda op: op.label in RUN_LAST):
        run.operations += 1
        cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                          operation.as_strategy(GenerationMode.NEGATIVE))

        @given(case=cases, data=st.data())
        @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: Any, data: st.DataObject) -> None:
            run.cases += 1
            who = data.draw(st.sampled_from(KEYS))
            for name in list(case.path_parameters or {}):
                # Hypothesis leans to small numbers: 0 to 6 take an existing value, 7 keeps
                # the generated one.
                if name in real and data.draw(st.integers(0, 7)) < 7:
                    case.path_parameters[name] = data.draw(st.sampled_from(real[name]))
            response = case.call(app=app, headers=world.auth(who))
            run.statuses[response.status_code] += 1
            try:
                case.validate_response(response,
                                       checks=[not_a_server_error, status_code_conformance])
            except FailureGroup as exc:
                run.failures.append(f"{case.operation.label} as {who}: {exc}")

        check()


@pytest.mark.parametrize("who", KEYS)
def test_keys_of_every_scope_reach_the_routes(world: World, who: str) -> None:
    assert world.client.get("/v1/forums/calm/labels",
                            headers=world.auth(who)).status_code in (200, 403)


def test_every_operation_of_the_api_is_fuzzed(world: World) -> None:
    labels = [op.label for op in operations_of(world)]
    assert len(labels) >= 60
    assert sorted(sum((labels[shard::SHARDS] for shard in range(SHARDS)), [])) == labels


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_generated_request_gets_a_server_error_or_an_undocumented_status(
    world: World, shard: int,
) -> None:
    run = Run()
    fuzz(world, run, shard)
    print(run.summary())
    assert run.operations >= 60 // SHARDS, run.summary()
    assert run.cases >= run.operations * EXAMPLES // 2, run.summary()
    assert sum(n for code, n in run.statuses.items() if code < 300) > run.cases // 10, (
        "too few requests got past auth and validation to test the routes: " + run.summary())
    assert not run.failures, run.summary() + "\n\n" + "\n\n".join(run.failures[:20])
