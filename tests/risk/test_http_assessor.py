"""The HTTP classifier against a real server on loopback: its answer, and the word rules
whenever it cannot give one in time."""

from __future__ import annotations

import json
import socket
import time

import pytest

from forumkit.outbound import OutboundPolicy
from forumkit.risk import HttpAssessor, Reason, RiskLevel
from tests.conftest import TEST_OUTBOUND_ALLOW
from tests.support.receiver import Receiver

POLICY = OutboundPolicy.from_allowances(TEST_OUTBOUND_ALLOW)
TEXT = "I just want to die and I have the pills ready"
ANSWER = {"level": "concern", "topics": ["suicide", "grief"],
          "reasons": [{"code": "model.ideation", "explanation": "speaks of dying"}, "passive"]}


def assessor(url: str, deadline: float = 2.0,
             policy: OutboundPolicy = POLICY) -> HttpAssessor:
    return HttpAssessor(url + "/assess", policy, deadline=deadline)


def test_the_classifiers_answer_is_the_assessment(classifier: Receiver) -> None:
    classifier.body = json.dumps(ANSWER).encode()
    found = assessor(classifier.url).assess(TEXT)
    assert found.level is RiskLevel.CONCERN
    assert found.topics == ("suicide", "grief")
    assert found.reasons == (Reason("model.ideation", "speaks of dying"),
                             Reason("passive", "passive"))
    assert found.assessor == "http"
    [request] = classifier.received
    assert request.path == "/assess" and request.json() == {"text": TEXT}
    assert request.headers["Content-Type"] == "application/json"


def test_a_slow_classifier_gives_the_word_rules_within_the_deadline(
        classifier: Receiver) -> None:
    classifier.body, classifier.delay_first = json.dumps(ANSWER).encode(), 2.0
    started = time.monotonic()
    found = assessor(classifier.url, deadline=0.3).assess(TEXT)
    assert time.monotonic() - started < 1.0
    assert len(classifier.received) == 1
    assert (found.level, found.assessor) == (RiskLevel.HIGH, "words")
    assert found.codes == ("suicidal_thoughts", "plan_or_means")


@pytest.mark.parametrize("body, status", [
    (b"not json", 200),
    (json.dumps({"level": "urgent", "topics": [], "reasons": []}).encode(), 200),
    (json.dumps({"level": "high", "topics": ["Not A Key!"], "reasons": []}).encode(), 200),
    (json.dumps({"topics": ["suicide"]}).encode(), 200),
    (json.dumps(ANSWER).encode(), 500),
    (json.dumps(ANSWER).encode(), 302),
    (b"x" * 70_000, 200),
])
def test_a_bad_answer_gives_the_word_rules(classifier: Receiver, body: bytes,
                                          status: int) -> None:
    classifier.body, classifier.default = body, status
    found = assessor(classifier.url).assess(TEXT)
    assert len(classifier.received) == 1
    assert (found.level, found.assessor) == (RiskLevel.HIGH, "words")


def test_an_address_the_policy_refuses_is_never_called(classifier: Receiver) -> None:
    with pytest.raises(ValueError, match="outbound address policy"):
        assessor(classifier.url, policy=OutboundPolicy())
    # A name that resolves to loopback is refused when connecting: the word rules answer.
    named = HttpAssessor(classifier.url.replace("127.0.0.1", "localtest.invalid") + "/a",
                         OutboundPolicy(resolve=lambda host, port: ["127.0.0.1"]))
    found = named.assess(TEXT)
    assert (found.level, found.assessor) == (RiskLevel.HIGH, "words")
    assert classifier.received == []


def test_an_unreachable_classifier_gives_the_word_rules() -> None:
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}"
    found = assessor(url, deadline=1.0).assess("I'm not suicidal, just tired")
    assert (found.level, found.assessor) == (RiskLevel.NONE, "words")


def test_the_url_must_be_http() -> None:
    with pytest.raises(ValueError, match="http"):
        HttpAssessor("ftp://127.0.0.1/assess", POLICY)
