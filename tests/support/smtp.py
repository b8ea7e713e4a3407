"""A real SMTP server on loopback (aiosmtpd) that records the mail it accepts.

It answers RCPT and DATA as scripted, so tests can see temporary and permanent refusals,
and can speak STARTTLS or implicit TLS with a throwaway certificate, and ask for a login.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Mail:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    authenticated_as: str | None

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    def body(self) -> str:
        part = self.message.get_body(("plain",))
        assert part is not None
        # SMTP carries lines ending in CRLF; compare text as it was written.
        return str(part.get_content()).replace("\r\n", "\n")  # type: ignore[attr-defined]


@dataclass
class SmtpServer:
    """Accepts everything unless told otherwise.

    `refuse_rcpt` maps an address to the reply its RCPT gets ("550 5.1.1 No such user");
    `data_replies` are the replies to the next DATA commands, in order, then 250.
    """

    refuse_rcpt: dict[str, str] = field(default_factory=dict)
    data_replies: list[str] = field(default_factory=list)
    users: dict[str, str] = field(default_factory=dict)  # a login is required when set
    security: str = "none"  # "none", "starttls" (required) or "ssl" (implicit TLS)
    certificate: Certificate | None = None  # for starttls and ssl
    received: list[Mail] = field(default_factory=list)
    attempts: int = 0  # DATA commands seen, accepted or not
    host: str = "127.0.0.1"
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        reply = self.refuse_rcpt.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        with self.lock:
            self.attempts += 1
            if self.data_replies:
                return self.data_replies.pop(0)
            self.received.append(Mail(
                mail_from=envelope.mail_from, rcpt_tos=list(envelope.rcpt_tos),
                raw=bytes(envelope.original_content or envelope.content),
                authenticated_as=session.auth_data,
            ))
        return "250 Message accepted"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            login, password = auth_data.login.decode(), auth_data.password.decode()
            if self.users.get(login) == password:
                return AuthResult(success=True, auth_data=login)
        return AuthResult(success=False, handled=False)


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        """What a client that trusts this certificate (and nothing else) would use."""
        return ssl.create_default_context(cafile=str(self.cert))


def self_signed(directory: Path) -> Certificate | None:
    """A certificate for 127.0.0.1 made with the openssl command, or None without it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    subprocess.run(
        # An elliptic-curve key: made at once, where an RSA key takes a noticeable while.
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return Certificate(cert, key)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(server: SmtpServer) -> Iterator[SmtpServer]:
    """Serve on a free loopback port until the block ends."""
    kwargs: dict[str, Any] = {}
    security = server.security
    if security != "none":
        assert server.certificate is not None, f"{security} needs a certificate"
        context = server.certificate.server_context()
        if security == "ssl":
            kwargs["ssl_context"] = context
        else:
            kwargs["tls_context"] = context
            kwargs["require_starttls"] = True
    if server.users:
        kwargs["authenticator"] = server.authenticate
        kwargs["auth_required"] = True
        # aiosmtpd only counts STARTTLS as TLS; with implicit TLS the whole session is one.
        kwargs["auth_require_tls"] = security == "starttls"
    server.port = _free_port()
    controller = Controller(server, hostname=server.host, port=server.port, **kwargs)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()
