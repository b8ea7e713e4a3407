"""Which addresses may become links: only absolute http and https URLs.

A post's url comes from the platform. A `javascript:` or `data:` address in an href would
run in a moderator's session, so anything else is dropped at ingest, and the pages and
alert messages check again so a value stored before that check never becomes a link.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SCHEMES = frozenset({"http", "https"})


def safe_link(url: object) -> str | None:
    """The url itself when it is an absolute http(s) URL with a host; otherwise None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    # Browsers drop tabs and line breaks inside a URL and trim spaces and control
    # characters around it ("java\tscript:" runs); refuse any such character outright.
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return None
    return url
