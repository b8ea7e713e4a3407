"""The facet this plugin offers others: whether it saw a thread start. A plugin that reads
it declares the same key in its own facets.py and lists it in reads()."""

from __future__ import annotations

from forumkit.facets import Facet

THREAD_IS_NEW: Facet[bool] = Facet("thread.seen_starting", bool, default=False,
                                   about="thread")
