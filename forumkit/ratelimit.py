"""Per-key rate limits: a token bucket for each API key (and each forum's webhook), so one
runaway client cannot crowd out the others.

A bucket holds up to `burst` requests and refills at `per_second`; a request that finds it
empty is answered 429 with Retry-After (the seconds until one token is back). The defaults
are far above what a busy forum sends (FORUMKIT_RATE_PER_SECOND, FORUMKIT_RATE_BURST;
0 turns the limit off). Buckets live in this process's memory: with several processes each
keeps its own, so the limit applies per process.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from datetime import datetime

from forumkit.clock import Clock
from forumkit.errors import TooMany

MAX_BUCKETS = 100_000  # forgotten, emptiest-first, past this many (keys and forums are few)


@dataclass
class _Bucket:
    tokens: float
    at: datetime


class RateLimiter:
    def __init__(self, clock: Clock, per_second: float, burst: int) -> None:
        self.clock = clock
        self.per_second = per_second
        self.burst = max(1, burst)
        self._lock = threading.Lock()
        self._buckets: dict[str, _Bucket] = {}

    def take(self, who: str) -> None:
        """Spend one request of `who`'s bucket; TooMany (429) when it is empty."""
        if self.per_second <= 0:
            return
        now = self.clock.now()
        with self._lock:
            bucket = self._buckets.get(who)
            if bucket is None:
                if len(self._buckets) >= MAX_BUCKETS:
                    self._buckets.clear()
                bucket = self._buckets[who] = _Bucket(float(self.burst), now)
            elapsed = max(0.0, (now - bucket.at).total_seconds())
            bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.per_second)
            bucket.at = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return
            wait = math.ceil((1 - bucket.tokens) / self.per_second)
        raise TooMany(f"too many requests for this key: at most {self.per_second:g} a second "
                      f"(bursts of {self.burst}); try again in {wait} s", wait)
