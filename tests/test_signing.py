"""Standard Webhooks signatures: pure checks of sign and verify."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks import Webhook

from forumkit import signing
from forumkit.adapter import SignatureError

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins

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


def test_new_secrets_are_standard_base64_of_32_bytes() -> None:
    secret = signing.new_secret()
    assert secret.startswith("whsec_")
    key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    assert len(key) == 32
    assert secret.endswith("="), "standard base64 keeps its padding"


def test_signatures_match_the_standardwebhooks_package_both_ways() -> None:
    secret = signing.new_secret()
    theirs = Webhook(secret).sign("msg_1", NOW, BODY.decode())
    assert signing.sign(secret=secret, msg_id="msg_1", timestamp=int(NOW.timestamp()),
                        body=BODY) == theirs
    headers = {"webhook-id": "msg_1", "webhook-timestamp": str(int(NOW.timestamp())),
               "webhook-signature": theirs}
    assert signing.verify(secret=secret, headers=headers, body=BODY, now=NOW) == "msg_1"


def test_a_secret_issued_before_is_keyed_with_its_text_as_it_always_was() -> None:
    legacy = "whsec_" + "Zk3-q_" * 7  # URL-safe, unpadded: not standard base64
    content = f"msg_1.{int(NOW.timestamp())}.".encode() + BODY
    by_hand = hmac.new(legacy.removeprefix("whsec_").encode(), content, hashlib.sha256)
    assert signing.sign(secret=legacy, msg_id="msg_1", timestamp=int(NOW.timestamp()),
                        body=BODY) == "v1," + base64.b64encode(by_hand.digest()).decode()
    assert signing.verify(secret=legacy, headers=_headers(legacy), body=BODY, now=NOW)


@pytest.mark.parametrize(
    ("secret", "key"),
    [
        ("whsec_" + base64.b64encode(b"k" * 24).decode(), b"k" * 24),
        ("whsec_" + base64.b64encode(b"k" * 64).decode(), b"k" * 64),
        # Valid base64, but of too few or too many bytes for the specification: text.
        ("whsec_" + base64.b64encode(b"k" * 23).decode(),
         base64.b64encode(b"k" * 23)),
        ("whsec_" + base64.b64encode(b"k" * 65).decode(),
         base64.b64encode(b"k" * 65)),
        # URL-safe alphabet or missing padding: text.
        ("whsec_" + base64.urlsafe_b64encode(b"\xfb" * 32).decode(),
         base64.urlsafe_b64encode(b"\xfb" * 32)),
        ("whsec_" + base64.b64encode(b"k" * 32).decode().rstrip("="),
         base64.b64encode(b"k" * 32).rstrip(b"=")),
    ],
)
def test_the_key_is_the_decoded_bytes_only_for_24_to_64_bytes_of_standard_base64(
    secret: str, key: bytes
) -> None:
    assert signing.key_of(secret) == key


def test_a_secret_also_accepted_verifies_and_others_do_not() -> None:
    old, new, stranger = signing.new_secret(), signing.new_secret(), signing.new_secret()
    assert signing.verify(secret=new, also_accepted=[old], headers=_headers(old), body=BODY,
                          now=NOW) == "msg_1"
    with pytest.raises(SignatureError, match="does not match"):
        signing.verify(secret=new, also_accepted=[old], headers=_headers(stranger),
                       body=BODY, now=NOW)
