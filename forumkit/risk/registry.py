"""Finding an assessor by name: the built-in ones and those other packages install.

Built in: "words" (the word rules, the default) and "http" (a classifier service at a URL,
with the word rules as fallback). Another package adds one through the
`forumkit.risk.assessors` entry-point group; the entry point names a class or a factory
that takes no arguments and returns an object with `name` and `assess(text)`. An
in-process classifier (a model loaded in the service) is shipped that way.

A name that is not installed, or an add-on that fails to load, falls back to the word
rules with an error in the log: a post is never left unassessed.
"""

from __future__ import annotations

import logging
from importlib.metadata import entry_points
from threading import Lock

from forumkit.outbound import OutboundPolicy
from forumkit.risk.assessor import Assessor
from forumkit.risk.http import DEFAULT_DEADLINE, HttpAssessor
from forumkit.risk.word_rules import WordRulesAssessor

log = logging.getLogger(__name__)
GROUP = "forumkit.risk.assessors"
DEFAULT = WordRulesAssessor.name

_installed: dict[str, Assessor] = {}
_lock = Lock()
_loaded = False
_http: dict[tuple[str, OutboundPolicy | None, float], HttpAssessor] = {}


def register(assessor: Assessor) -> None:
    """Install an assessor by its name (entry points do this when first asked)."""
    with _lock:
        _installed[assessor.name] = assessor


def installed() -> dict[str, Assessor]:
    """The assessors that need no configuration, by name ("http" needs a URL: see
    `assessor_for`)."""
    global _loaded
    with _lock:
        if not _loaded:
            _installed.setdefault(DEFAULT, WordRulesAssessor())
            for ep in entry_points(group=GROUP):
                try:
                    made = ep.load()()
                    if not isinstance(made, Assessor):
                        raise TypeError("not an assessor: needs name and assess(text)")
                except Exception as exc:  # a broken add-on must not stop the service
                    log.error("risk assessor failed to load",
                              extra={"entry_point": ep.name, "error": repr(exc)[:200]})
                    continue
                _installed[made.name] = made
            _loaded = True
        return dict(_installed)


def names() -> list[str]:
    """Every name `assessor_for` accepts."""
    return sorted({*installed(), HttpAssessor.name})


def assessor_for(name: str, url: str | None = None, *, policy: OutboundPolicy | None = None,
                 deadline: float | None = None) -> Assessor:
    """The assessor called `name`. For "http", `url` is the classifier's address and
    `policy` the service's outbound address policy (without one, only public addresses
    are reached); one assessor is kept per URL and policy."""
    if name == HttpAssessor.name:
        if not url:
            raise ValueError('the "http" assessor needs the classifier\'s url')
        limit = deadline if deadline is not None else DEFAULT_DEADLINE
        key = (url, policy, limit)
        with _lock:
            if key not in _http:
                _http[key] = HttpAssessor(url, policy, deadline=limit)
            return _http[key]
    found = installed().get(name)
    if found is None:
        log.error("risk assessor not installed; word rules used", extra={"assessor": name})
        return installed()[DEFAULT]
    return found
