"""One classifier server on loopback for the risk tests (starting and stopping one costs
half a second); each test gets it with a fresh script."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.receiver import Receiver, running


@pytest.fixture(scope="session")
def classifier_server() -> Iterator[Receiver]:
    with running(Receiver()) as receiver:
        yield receiver


@pytest.fixture
def classifier(classifier_server: Receiver) -> Receiver:
    """The server, answering 200 with an empty body until the test says otherwise."""
    with classifier_server.lock:
        classifier_server.received.clear()
        classifier_server.script.clear()
    classifier_server.body, classifier_server.default = b"", 200
    classifier_server.delay_first = 0.0
    return classifier_server
