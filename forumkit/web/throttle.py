"""Slowing down guesses at the sign-in form: failed sign-ins counted per address and overall.

After `per_address` failures from one client address within `window`, that address is
answered 429 until its oldest failure leaves the window; after `overall` failures from all
addresses together, everyone is (so a guess spread over many addresses is slowed too). A
successful sign-in clears its own address's count. A refused attempt is not counted again,
so the counts, and the memory they take, stay within `overall`.

The counts live in this process's memory: with several server processes, each keeps its
own, and the limits apply per process.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from datetime import datetime, timedelta

from forumkit.clock import Clock


class SignInThrottle:
    def __init__(self, clock: Clock, *, per_address: int = 10, overall: int = 100,
                 window: timedelta = timedelta(minutes=15)) -> None:
        self.clock = clock
        self.per_address = per_address
        self.overall = overall
        self.window = window
        self._lock = threading.Lock()
        self._all: deque[tuple[datetime, str]] = deque()
        self._by_address: dict[str, deque[datetime]] = {}

    def retry_after(self, address: str) -> int | None:
        """Seconds until `address` may try again, or None when it may try now."""
        now = self.clock.now()
        with self._lock:
            self._forget_before(now - self.window)
            waits = []
            mine = self._by_address.get(address)
            if mine is not None and len(mine) >= self.per_address:
                waits.append(mine[len(mine) - self.per_address] + self.window - now)
            if len(self._all) >= self.overall:
                waits.append(self._all[len(self._all) - self.overall][0] + self.window - now)
        if not waits:
            return None
        return max(1, math.ceil(max(waits).total_seconds()))

    def failed(self, address: str) -> None:
        now = self.clock.now()
        with self._lock:
            self._all.append((now, address))
            self._by_address.setdefault(address, deque()).append(now)

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._by_address.pop(address, None)

    def _forget_before(self, cutoff: datetime) -> None:
        while self._all and self._all[0][0] <= cutoff:
            _, address = self._all.popleft()
            mine = self._by_address.get(address)
            while mine and mine[0] <= cutoff:
                mine.popleft()
            if mine is not None and not mine:
                del self._by_address[address]
