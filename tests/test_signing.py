"""Standard Webhooks signatures: pure checks of sign and verify."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from forumkit import signing
from forumkit.adapter import SignatureError

NOW = datetime(2026, 1, 5, 2, 10, tzinfo=UTC)
BODY = b'{"events": []}'


def _headers(secret: str, *, at: datetime = NOW, body: bytes = BODY) -> dict[str, str]:
    return signing.signed_headers(secret=secret, msg_id="msg_1", now=at, body=body)


def test_known_vector_from_the_standard() -> None:
    # The example in the Standard Webhooks specification.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    assert signing.sign(secret=secret, msg_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
                          timestamp=1614265330, body=body) == (
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )


def test_valid_signature_returns_the_message_id() -> None:
    secret = signing.new_secret()
    assert signing.verify(secret=secret, headers=_headers(secret), body=BODY, now=NOW) == "msg_1"


def test_one_of_several_signatures_may_match_for_key_rotation() -> None:
    old, new = signing.new_secret(), signing.new_secret()
    headers = _headers(new)
    headers["webhook-signature"] = _headers(old)["webhook-signature"] + " " + headers[
        "webhook-signature"]
    assert signing.verify(secret=new, headers=headers, body=BODY, now=NOW) == "msg_1"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda h: h.update({"webhook-signature": "v1,AAAA"}), "does not match"),
        (lambda h: h.pop("webhook-id"), "missing"),
        (lambda h: h.update({"webhook-timestamp": "soon"}), "whole number"),
        (lambda h: h.update({"webhook-id": "msg_2"}), "does not match"),
    ],
)
def test_bad_signatures_are_refused(change, message: str) -> None:
    secret = signing.new_secret()
    headers = _headers(secret)
    change(headers)
    with pytest.raises(SignatureError, match=message):
        signing.verify(secret=secret, headers=headers, body=BODY, now=NOW)


def test_tampered_body_is_refused() -> None:
    secret = signing.new_secret()
    with pytest.raises(SignatureError):
        signing.verify(secret=secret, headers=_headers(secret), body=BODY + b" ", now=NOW)


@pytest.mark.parametrize("skew", [timedelta(minutes=-6), timedelta(minutes=6)])
def test_stale_or_future_timestamps_are_refused(skew: timedelta) -> None:
    secret = signing.new_secret()
    with pytest.raises(SignatureError, match="300 seconds"):
        signing.verify(secret=secret, headers=_headers(secret, at=NOW + skew), body=BODY,
                         now=NOW)
