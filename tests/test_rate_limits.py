"""Each API key, and each forum's webhook, has a rate limit: beyond it, 429 with
Retry-After, while other keys go on; the bucket refills with time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from forumkit.clock import FrozenClock
from forumkit.settings import Settings
from tests.adapters.generic.test_hooks import _signed
from tests.support.world import World, post_created

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"rate_per_second": 2.0, "rate_burst": 5})


def test_a_key_over_its_limit_waits_while_other_keys_go_on(world: World, clock: FrozenClock
                                                           ) -> None:
    platform = world.auth("calm:platform")
    answers = [world.client.get("/v1/forums/calm/audit", headers=world.auth("calm:admin"))
               for _ in range(5)]
    assert [a.status_code for a in answers] == [200] * 5
    refused = world.client.get("/v1/forums/calm/audit", headers=world.auth("calm:admin"))
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    assert "at most 2 a second" in refused.json()["detail"]
    other = world.client.get("/v1/forums/calm/watch/settings", headers=platform)
    assert other.status_code == 200, "another key has its own bucket"
    clock.advance(timedelta(seconds=1))
    assert world.client.get("/v1/forums/calm/audit",
                            headers=world.auth("calm:admin")).status_code == 200


def test_a_forums_webhook_has_its_own_limit(world: World) -> None:
    codes = []
    for n in range(6):
        body, headers = _signed(world, [post_created(f"e{n}", f"p{n}", thread=f"t{n}")],
                                msg_id=f"msg_{n}")
        codes.append(world.client.post("/v1/hooks/calm", content=body,
                                       headers=headers).status_code)
    assert codes == [200] * 5 + [429]
    assert world.send([post_created("e9", "p9")]).status_code == 200, "the key's bucket"
