"""The e-mail channel: alerts from the outbox to a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from forumkit.outbox.worker import deliver_due
from forumkit.services import Services
from forumkit.settings import Settings
from tests.conftest import make_registry
from tests.support.alerts import message, outbox, queue_alert
from tests.support.smtp import SmtpServer, running, self_signed
from tests.support.world import World

SENDER = "ForumKit alerts <alerts@forumkit.example>"
MODS = ["mods@calm.example", "lead@calm.example"]


@pytest.fixture
def smtp(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SmtpServer]:
    """An SMTP server; tests ask for TLS or a login with indirect parametrisation."""
    # A deep copy: the server pops scripted replies, and the same param serves each backend.
    options = copy.deepcopy(getattr(request, "param", {}))
    server = SmtpServer(security=options.pop("security", "none"), **options)
    if server.security != "none":
        server.certificate = self_signed(tmp_path)
        if server.certificate is None:
            pytest.skip("making a test certificate needs the openssl command")
    with running(server):
        yield server


@pytest.fixture
def login(request: pytest.FixtureRequest) -> tuple[str, str] | None:
    return getattr(request, "param", None)


@pytest.fixture
def settings(db: str, smtp: SmtpServer, login: tuple[str, str] | None) -> Settings:
    """The service's settings, pointed at the test SMTP server."""
    return Settings(
        database_url=db, run_scheduler=False, outbox_backoff_base_seconds=1.0,
        outbox_max_attempts=4, smtp_host=smtp.host, smtp_port=smtp.port, smtp_from=SENDER,
        smtp_security=smtp.security,  # type: ignore[arg-type]
        smtp_username=login[0] if login else None,
        smtp_password=login[1] if login else None,  # type: ignore[arg-type]
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def mail(world: World, smtp: SmtpServer) -> SmtpServer:
    """The SMTP server, with the service trusting its throwaway certificate."""
    if smtp.certificate is not None:
        world.services.registry.channel("email").tls_context = (  # type: ignore[attr-defined]
            smtp.certificate.client_context()
        )
    return smtp


def test_alert_arrives_as_a_plain_text_mail_to_every_address(
    world: World, mail: SmtpServer
) -> None:
    queue_alert(world, "email", {"addresses": MODS})
    assert deliver_due(world.services) == 1
    [item] = outbox(world)
    assert (item["status"], item["channel"]) == ("delivered", "email")
    [received] = mail.received
    assert received.mail_from == "alerts@forumkit.example"
    assert received.rcpt_tos == MODS
    sent = received.message
    assert sent["Subject"] == "[Calm] A first post has waited 24 hours for a reply"
    assert sent["From"] == SENDER
    assert sent["To"] == ", ".join(MODS)
    assert sent["X-ForumKit-Delivery"] == item["id"]
    assert sent["Message-ID"] == f"<{item['id']}@forumkit.example>"
    assert sent["Auto-Submitted"] == "auto-generated"
    assert sent["Date"] == "Mon, 05 Jan 2026 02:10:00 +0000"
    assert sent.get_content_type() == "text/plain"
    assert received.body() == (
        "[Calm] A first post has waited 24 hours for a reply\n\n"
        "\"Can't sleep\" in Night owls has no reply yet.\n\n"
        "Subforum: Night owls\nWaiting: 24 hours\nFirst post: yes\n\n"
        "Open: https://forum.example/t/cant-sleep/17\n\n"
        f"-- \nSent by ForumKit for Calm (alert.fired, delivery {item['id']}).\n"
    )


def test_the_subject_says_when_an_alert_is_resolved_or_a_test(
    world: World, mail: SmtpServer
) -> None:
    queue_alert(world, "email", {"addresses": MODS[:1]},
                message(event="alert.resolved", title="The post has a reply"))
    queue_alert(world, "email", {"addresses": MODS[:1]},
                {"title": "Checking this channel", "event": "alert.test"})
    assert deliver_due(world.services) == 2
    subjects = sorted(m.message["Subject"] for m in mail.received)
    assert subjects == ["[Calm] Resolved: The post has a reply",
                        "[Calm] Test: Checking this channel"]


def test_a_title_cannot_add_headers_to_the_mail(world: World, mail: SmtpServer) -> None:
    queue_alert(world, "email", {"addresses": MODS[:1]},
                message(title="Help\r\nBcc: someone@elsewhere.example"))
    deliver_due(world.services)
    [received] = mail.received
    assert received.rcpt_tos == MODS[:1]
    assert received.message["Bcc"] is None
    assert received.message["Subject"] == "[Calm] Help Bcc: someone@elsewhere.example"


@pytest.mark.parametrize("smtp", [{"data_replies": ["451 4.3.0 Try again later"]}],
                         indirect=True)
def test_a_temporary_refusal_is_retried_and_the_mail_arrives_once(
    world: World, mail: SmtpServer, clock
) -> None:
    queue_alert(world, "email", {"addresses": MODS})
    deliver_due(world.services)
    [item] = outbox(world)
    assert (item["status"], item["last_error"]) == ("pending", "SMTP 451: message refused")
    assert mail.received == []
    clock.advance(timedelta(minutes=5))
    assert deliver_due(world.services) == 1
    clock.advance(timedelta(hours=1))
    assert deliver_due(world.services) == 0
    assert mail.attempts == 2
    [received] = mail.received
    assert received.message["X-ForumKit-Delivery"] == item["id"]
    assert [i["status"] for i in outbox(world)] == ["delivered"]


@pytest.mark.parametrize(
    "smtp", [{"refuse_rcpt": {m: "550 5.1.1 No such user" for m in MODS}}], indirect=True
)
def test_refused_recipients_go_dead_without_retries(
    world: World, mail: SmtpServer, clock
) -> None:
    queue_alert(world, "email", {"addresses": MODS})
    deliver_due(world.services)
    clock.advance(timedelta(hours=2))
    assert deliver_due(world.services) == 0
    [dead] = outbox(world, "dead")
    assert dead["attempts"] == 1
    assert dead["last_error"] == (
        "SMTP 550: every recipient was refused; a permanent failure, not retried"
    )
    assert "calm.example" not in dead["last_error"]


@pytest.mark.parametrize(
    "smtp", [{"refuse_rcpt": {MODS[0]: "450 4.2.1 Mailbox busy"}}], indirect=True
)
def test_one_refused_recipient_does_not_hold_back_the_others(
    world: World, mail: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    queue_alert(world, "email", {"addresses": MODS})
    with caplog.at_level(logging.INFO):
        deliver_due(world.services)
    [received] = mail.received
    assert received.rcpt_tos == MODS[1:]
    [item] = outbox(world)
    assert item["status"] == "delivered"
    # The operator learns that one address was refused and why, not which one.
    [warning] = [r for r in caplog.records if r.getMessage() == "alert mail partly refused"]
    assert (warning.delivery, warning.refused, warning.codes) == (  # type: ignore[attr-defined]
        item["id"], 1, [450])
    ours = [r for r in caplog.records if r.name.startswith("forumkit")]  # not the test server's
    assert ours and not any("calm.example" in str(vars(r)) for r in ours)


@pytest.mark.parametrize(
    "smtp", [{"refuse_rcpt": {MODS[0]: "452 4.2.2 Mailbox full"}}], indirect=True
)
def test_a_temporary_refusal_of_the_only_recipient_is_retried(
    world: World, mail: SmtpServer
) -> None:
    queue_alert(world, "email", {"addresses": MODS[:1]})
    deliver_due(world.services)
    [item] = outbox(world)
    assert (item["status"], item["last_error"]) == (
        "pending", "SMTP 452: every recipient was refused")


@pytest.mark.parametrize(
    ("smtp", "login"),
    [({"security": "starttls", "users": {"forumkit": "s3cret"}}, ("forumkit", "s3cret"))],
    indirect=True,
)
def test_starttls_and_login_are_used_when_configured(world: World, mail: SmtpServer) -> None:
    queue_alert(world, "email", {"addresses": MODS[:1]})
    deliver_due(world.services)
    [received] = mail.received
    assert received.authenticated_as == "forumkit"
    assert [i["status"] for i in outbox(world)] == ["delivered"]


@pytest.mark.parametrize(
    ("smtp", "login"),
    [({"security": "ssl", "users": {"forumkit": "s3cret"}}, ("forumkit", "s3cret"))],
    indirect=True,
)
# The test server's AUTH check does not see implicit TLS, so it warns; the session is TLS.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls_is_used_when_configured(world: World, mail: SmtpServer) -> None:
    queue_alert(world, "email", {"addresses": MODS[:1]})
    deliver_due(world.services)
    [received] = mail.received
    assert received.authenticated_as == "forumkit"


@pytest.mark.parametrize(
    ("smtp", "login"),
    [({"security": "starttls", "users": {"forumkit": "s3cret"}}, ("forumkit", "wrong"))],
    indirect=True,
)
def test_a_refused_login_goes_dead_with_a_clear_error(world: World, mail: SmtpServer) -> None:
    queue_alert(world, "email", {"addresses": MODS[:1]})
    deliver_due(world.services)
    assert mail.received == []
    [dead] = outbox(world, "dead")
    assert dead["last_error"] == "SMTP 535: login refused; a permanent failure, not retried"
    assert "wrong" not in dead["last_error"]


@pytest.mark.parametrize("smtp", [{"security": "starttls"}], indirect=True)
def test_an_untrusted_certificate_is_not_accepted(world: World, smtp: SmtpServer) -> None:
    # No `mail` fixture: the service trusts only the system's certificate authorities.
    queue_alert(world, "email", {"addresses": MODS[:1]})
    deliver_due(world.services)
    assert smtp.received == []
    [item] = outbox(world)
    assert (item["status"], item["last_error"]) == ("pending", "SMTP SSLCertVerificationError")


@pytest.mark.parametrize("smtp", [{"security": "starttls"}], indirect=True)
def test_starttls_to_a_server_without_it_fails_for_good(
    world: World, smtp: SmtpServer, settings: Settings, clock
) -> None:
    # A worker configured for STARTTLS against a server that only speaks plain SMTP.
    plain = SmtpServer()
    with running(plain):
        worker = Services.build(
            settings.model_copy(update={"smtp_port": plain.port}), registry=make_registry(),
            clock=clock,
        )
        try:
            queue_alert(world, "email", {"addresses": MODS[:1]})
            deliver_due(worker)
        finally:
            worker.close()
    assert plain.received == []
    [dead] = outbox(world, "dead")
    assert dead["last_error"].startswith("SMTP: STARTTLS extension not supported")


def test_an_unreachable_server_is_retried(
    world: World, mail: SmtpServer, settings: Settings, clock
) -> None:
    worker = Services.build(
        settings.model_copy(update={"smtp_port": 9}), registry=make_registry(), clock=clock
    )
    try:
        queue_alert(world, "email", {"addresses": MODS[:1]})
        deliver_due(worker)
    finally:
        worker.close()
    [item] = outbox(world)
    assert (item["status"], item["last_error"]) == ("pending", "SMTP ConnectionRefusedError")


def test_without_smtp_settings_alerts_go_dead_saying_what_to_set(
    world: World, settings: Settings, clock
) -> None:
    worker = Services.build(
        settings.model_copy(update={"smtp_host": None, "smtp_from": None}),
        registry=make_registry(), clock=clock,
    )
    try:
        queue_alert(world, "email", {"addresses": MODS[:1]})
        deliver_due(worker)
    finally:
        worker.close()
    [dead] = outbox(world, "dead")
    assert "set FORUMKIT_SMTP_HOST and FORUMKIT_SMTP_FROM" in dead["last_error"]


@pytest.mark.parametrize(
    ("addresses", "problem"),
    [
        (["mods@calm.example", "not an address"], "address 2 is not an e-mail address"),
        (["mods@calm.example\r\nBcc: x@y.example"], "address 1 is not an e-mail address"),
        ([], "to.addresses: List should have at least 1 item"),
        ("mods@calm.example", "to.addresses: Input should be a valid list"),
    ],
)
def test_malformed_addresses_fail_for_good_without_echoing_them(
    world: World, mail: SmtpServer, addresses: object, problem: str
) -> None:
    queue_alert(world, "email", {"addresses": addresses})
    deliver_due(world.services)
    assert mail.received == []
    [dead] = outbox(world, "dead")
    assert dead["last_error"].startswith("email alert not sent: ")
    assert problem in dead["last_error"]
    assert "calm.example" not in dead["last_error"]


def test_the_same_address_twice_gets_one_mail(world: World, mail: SmtpServer) -> None:
    queue_alert(world, "email", {"addresses": ["mods@calm.example", "MODS@calm.example"]})
    deliver_due(world.services)
    [received] = mail.received
    assert received.rcpt_tos == ["mods@calm.example"]
