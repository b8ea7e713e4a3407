"""An assessor that asks a classifier service over HTTP, with the word rules as fallback.

It POSTs `{"text": "..."}` to the configured URL and expects
`{"level": "none" | "concern" | "high", "reasons": [...], "topics": [...]}`, where each
reason is `{"code": "...", "explanation": "..."}` (or just a code). The URL passes the
outbound address policy (forumkit.outbound) like every URL ForumKit calls, redirects are
not followed, and the whole call has one deadline: connecting, sending and reading the
answer included. Any failure (refused, unreachable, slow, a status other than 2xx, an
answer that does not validate) gives the word rules' assessment instead, so a post is
never left unassessed. Failures are logged with their kind only, never the text.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Annotated

import httpx
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from forumkit.outbound import OutboundPolicy, client
from forumkit.risk.assessor import Assessor
from forumkit.risk.model import Assessment, Reason, RiskLevel
from forumkit.risk.word_rules import WordRulesAssessor

log = logging.getLogger(__name__)

DEFAULT_DEADLINE = 2.0  # seconds for the whole call
MAX_ANSWER_BYTES = 64 * 1024
WORKERS = 4  # calls in flight at once; more wait their turn within their own deadline

Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


class ReasonIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    code: Code
    explanation: Annotated[str, StringConstraints(max_length=200)] = ""


class Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    level: RiskLevel
    reasons: list[ReasonIn | Code] = Field(default_factory=list, max_length=20)
    topics: list[Key] = Field(default_factory=list, max_length=20)

    def assessment(self, assessor: str) -> Assessment:
        reasons = tuple(Reason(r, r) if isinstance(r, str) else
                        Reason(r.code, r.explanation.strip() or r.code) for r in self.reasons)
        return Assessment(level=self.level, reasons=reasons,
                          topics=tuple(dict.fromkeys(self.topics)), assessor=assessor)


class Failed(Exception):
    """The classifier gave no usable answer; the kind is safe to log."""


class HttpAssessor:
    name = "http"

    def __init__(self, url: str, policy: OutboundPolicy | None = None, *,
                 deadline: float = DEFAULT_DEADLINE, fallback: Assessor | None = None) -> None:
        if not re.match(r"^https?://", url):
            raise ValueError("the classifier URL must be http:// or https://")
        if policy is not None and not policy.allows_url(url):
            raise ValueError("the classifier URL is refused by the outbound address policy")
        self.url = url
        self.deadline = deadline
        self.fallback = fallback or WordRulesAssessor()
        self._client = client(policy or OutboundPolicy(), timeout=deadline)
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="risk-http")

    def assess(self, text: str) -> Assessment:
        call = self._pool.submit(self._ask, text)
        try:
            return call.result(timeout=self.deadline)
        except FutureTimeout:
            call.cancel()
            kind = "deadline"
        except Failed as exc:
            kind = str(exc)
        except Exception as exc:  # anything else still must not lose the assessment
            kind = type(exc).__name__
        log.warning("risk classifier failed; word rules used", extra={"failure": kind})
        return self.fallback.assess(text)

    def _ask(self, text: str) -> Assessment:
        try:
            with self._client.stream("POST", self.url, json={"text": text}) as response:
                if not 200 <= response.status_code < 300:
                    raise Failed(f"status {response.status_code}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > MAX_ANSWER_BYTES:
                        raise Failed("answer too large")
        except httpx.TimeoutException:
            raise Failed("timeout") from None
        except httpx.HTTPError as exc:
            raise Failed(type(exc).__name__) from None
        try:
            return Answer.model_validate_json(bytes(body)).assessment(self.name)
        except ValidationError:
            raise Failed("invalid answer") from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._client.close()
