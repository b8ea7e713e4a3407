"""Discourse's webhook signature, checked as pure functions."""

from __future__ import annotations

import pytest

from forumkit.adapter import SignatureError
from forumkit.adapters.discourse import signature

BODY = b'{"ping":"OK"}'


def test_signature_is_the_hex_hmac_sha256_of_the_body() -> None:
    # RFC 4231 test case 2, in Discourse's "sha256=<hex>" form.
    assert signature.sign(secret="Jefe", body=b"what do ya want for nothing?") == (
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    )


def test_a_correct_signature_passes_whatever_the_header_case() -> None:
    signed = signature.sign(secret="s3cret-s3cret", body=BODY)
    signature.verify(secret="s3cret-s3cret", headers={"X-DISCOURSE-EVENT-SIGNATURE": signed},
                     body=BODY)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "missing"),
        ({"X-Discourse-Event-Signature": "sha1=abc"}, "not a sha256"),
        ({"X-Discourse-Event-Signature": "sha256=" + "0" * 64}, "does not match"),
    ],
)
def test_missing_or_wrong_signatures_are_refused(headers: dict[str, str], message: str) -> None:
    with pytest.raises(SignatureError, match=message):
        signature.verify(secret="s3cret-s3cret", headers=headers, body=BODY)


def test_a_changed_body_or_another_secret_is_refused() -> None:
    signed = signature.sign(secret="s3cret-s3cret", body=BODY)
    header = {"X-Discourse-Event-Signature": signed}
    with pytest.raises(SignatureError):
        signature.verify(secret="s3cret-s3cret", headers=header, body=BODY + b" ")
    with pytest.raises(SignatureError):
        signature.verify(secret="another-secret", headers=header, body=BODY)


def test_a_secret_also_accepted_after_a_rotation_passes_and_no_other() -> None:
    old = signature.sign(secret="old-s3cret-s3cret", body=BODY)
    signature.verify(secret="new-s3cret-s3cret", also_accepted=["old-s3cret-s3cret"],
                     headers={"X-Discourse-Event-Signature": old}, body=BODY)
    stranger = signature.sign(secret="someone-else", body=BODY)
    with pytest.raises(SignatureError, match="does not match"):
        signature.verify(secret="new-s3cret-s3cret", also_accepted=["old-s3cret-s3cret"],
                         headers={"X-Discourse-Event-Signature": stranger}, body=BODY)
