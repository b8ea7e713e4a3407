"""Discourse sends a topic's webhook and its first post's at the same moment; whichever
ForumKit takes first, plugins see the topic's labels and diary tag on that post."""

from __future__ import annotations

import threading

import httpx
import pytest

from forumkit.app import create_app
from tests.adapters.discourse.conftest import Recorder, Site, fixture
from tests.support.browser import live_server


@pytest.mark.slow
def test_simultaneous_topic_and_first_post_webhooks_never_lose_the_tags(
    site: Site, recorder: Recorder
) -> None:
    app = create_app(services=site.services, run_scheduler=False)
    rounds = 8
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as http:
        for n in range(rounds):
            post = fixture("post_created_first")["post"]
            post.update(id=7000 + n, topic_id=8000 + n)
            topic = fixture("topic_created")["topic"]
            topic.update(id=8000 + n)
            requests = [site.signed("topic", "topic_created", topic),
                        site.signed("post", "post_created", post)]
            barrier = threading.Barrier(2)
            answers: list[int] = []

            threads = [threading.Thread(target=_send, args=(http, barrier, answers, *r))
                       for r in requests]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert answers == [200, 200]
    for n in range(rounds):
        seen = [e.post for e in recorder.events
                if e.type in ("post.created", "post.edited") and e.post.id == str(7000 + n)]
        assert any(p.content_warnings == ["self-harm"] and p.response_mode == "diary"
                   for p in seen), f"round {n}: {seen}"


def _send(http: httpx.Client, barrier: threading.Barrier, answers: list[int], body: bytes,
          headers: dict[str, str]) -> None:
    barrier.wait()
    answers.append(http.post("/v1/hooks/dc", content=body, headers=headers).status_code)
