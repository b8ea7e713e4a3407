"""Where a delivery goes: a key to group, limit and pause deliveries by, and a label for admins.

A destination belongs to one forum: its platform (the adapter), or one alert target of a
channel (a webhook URL with its secret, a Slack hook, a set of mail addresses). The key is the
channel and a digest of the target, so a secret or an address never shows in it; the label
names the channel and the host, or how many addresses, and nothing more.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import urlsplit

ADAPTER = "adapter"


def destination_key(channel: str, payload: dict[str, Any]) -> str:
    if channel == ADAPTER:
        return ADAPTER
    target = _normal(payload.get("to"))
    text = json.dumps(target, sort_keys=True, separators=(",", ":"), default=str)
    return f"{channel[:60]}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def destination_label(channel: str, payload: dict[str, Any]) -> str:
    if channel == ADAPTER:
        return "the forum's platform (its adapter)"
    target = payload.get("to")
    if isinstance(target, dict):
        url = target.get("url")
        if isinstance(url, str):
            try:
                host = urlsplit(url).hostname
            except ValueError:
                host = None
            if host:
                return f"{channel} to {host}"[:200]
        addresses = target.get("addresses")
        if isinstance(addresses, list) and addresses:
            plural = "es" if len(addresses) != 1 else ""
            return f"{channel} to {len(addresses)} address{plural}"[:200]
    return f"{channel} (a target it cannot use)"[:200]


def _normal(target: Any) -> Any:
    # The same addresses in another order or case are the same recipients.
    if isinstance(target, dict) and isinstance(target.get("addresses"), list):
        addresses = sorted({str(a).strip().lower() for a in target["addresses"]})
        return {**target, "addresses": addresses}
    return target
