"""The e-mail channel: an alert as a plain-text mail through the service's SMTP server.

The server comes from FORUMKIT_SMTP_* settings (one per service); the addresses come with
each alert. The delivery id rides in X-ForumKit-Delivery and the Message-ID, the same on
every retry, so a repeat is easy to spot. A temporary refusal (4xx) or a lost connection is
retried; a permanent one (5xx, e.g. a recipient that does not exist) is not.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING

import httpx

from forumkit.adapter import Delivery, DeliveryResult
from forumkit.channel import Channel
from forumkit.channels.message import BadAlert, EmailTarget, headline, plain_text, read_alert
from forumkit.clock import Clock

if TYPE_CHECKING:
    from forumkit.forums.models import Forum
    from forumkit.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmtpServer:
    host: str | None
    port: int
    sender: str | None
    username: str | None
    password: str | None
    security: str  # starttls | ssl | none
    timeout: float

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpServer:
        password = settings.smtp_password
        return cls(
            host=settings.smtp_host, port=settings.smtp_port, sender=settings.smtp_from,
            username=settings.smtp_username,
            password=password.get_secret_value() if password is not None else None,
            security=settings.smtp_security, timeout=settings.smtp_timeout_seconds,
        )


class EmailChannel(Channel):
    kind = "email"

    def __init__(self) -> None:
        super().__init__()
        self.server: SmtpServer | None = None
        self._tls_context: ssl.SSLContext | None = None

    @property
    def tls_context(self) -> ssl.SSLContext:
        # Certificates are checked against the system's trust store, read on the first
        # e-mail (reading it costs tens of milliseconds); a test or a private relay may hand
        # in its own context.
        if self._tls_context is None:
            self._tls_context = ssl.create_default_context()
        return self._tls_context

    @tls_context.setter
    def tls_context(self, context: ssl.SSLContext) -> None:
        self._tls_context = context

    def configure(self, settings: Settings, clock: Clock) -> None:
        super().configure(settings, clock)
        self.server = SmtpServer.from_settings(settings)

    def send(self, forum: Forum, delivery: Delivery, client: httpx.Client) -> DeliveryResult:
        server = self.server
        try:
            target, message = read_alert(self.kind, delivery, EmailTarget)
            if server is None or not server.host or not server.sender:
                raise BadAlert(
                    self.kind, "the service has no SMTP server: set FORUMKIT_SMTP_HOST and "
                    "FORUMKIT_SMTP_FROM, then retry it from the outbox",
                )
        except BadAlert as exc:
            return exc.result()
        mail = EmailMessage()
        mail["Subject"] = headline(forum.name, message, delivery.texts)
        mail["From"] = server.sender
        mail["To"] = ", ".join(target.addresses)
        mail["Date"] = format_datetime(self.clock.now())
        mail["Message-ID"] = f"<{delivery.id}@{_domain(server.sender)}>"
        mail["X-ForumKit-Delivery"] = delivery.id
        # RFC 3834: out-of-office robots should not answer an alert.
        mail["Auto-Submitted"] = "auto-generated"
        mail.set_content(plain_text(forum.name, message, delivery.id, delivery.texts))
        return self._submit(server, mail, delivery.id)

    def _submit(self, server: SmtpServer, mail: EmailMessage, delivery_id: str) -> DeliveryResult:
        try:
            with self._connect(server) as smtp:
                if server.username:
                    smtp.login(server.username, server.password or "")
                refused = smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            return _failed(codes, "every recipient was refused")
        except smtplib.SMTPResponseException as exc:
            return _failed([exc.smtp_code], _stage(exc))
        except smtplib.SMTPNotSupportedError as exc:
            return DeliveryResult(ok=False, retry=False, error=f"SMTP: {exc}"[:200])
        except (smtplib.SMTPException, OSError) as exc:
            return DeliveryResult(ok=False, retry=True, error=f"SMTP {type(exc).__name__}")
        if refused:
            # The others have it; sending again would repeat it to them. The operator sees
            # how many were refused, and with what codes, not who.
            log.warning(
                "alert mail partly refused",
                extra={"delivery": delivery_id, "refused": len(refused),
                       "codes": sorted({code for code, _ in refused.values()})},
            )
        return DeliveryResult(ok=True)

    def _connect(self, server: SmtpServer) -> smtplib.SMTP:
        assert server.host is not None
        if server.security == "ssl":
            return smtplib.SMTP_SSL(
                server.host, server.port, timeout=server.timeout, context=self.tls_context
            )
        smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
        if server.security == "starttls":
            try:
                smtp.starttls(context=self.tls_context)
            except BaseException:
                smtp.close()
                raise
        return smtp


def _failed(codes: list[int], what: str) -> DeliveryResult:
    # Only a 5xx says "never": a 4xx, or anything odd, may work later.
    permanent = all(500 <= code < 600 for code in codes)
    shown = "/".join(str(code) for code in codes)
    return DeliveryResult(ok=False, retry=not permanent, error=f"SMTP {shown}: {what}")


def _stage(exc: smtplib.SMTPResponseException) -> str:
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "login refused"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return "sender refused"
    if isinstance(exc, smtplib.SMTPDataError):
        return "message refused"
    if isinstance(exc, smtplib.SMTPConnectError):
        return "connection refused"
    return "refused"


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip("<> ") or "forumkit.invalid"
