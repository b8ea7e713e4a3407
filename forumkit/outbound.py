"""The outbound address policy: which addresses ForumKit may send requests to.

A forum admin chooses where some requests go (webhook and Slack alert channels, the generic
adapter's callback_url, the Discourse adapter's base_url). None of them may reach the
machine ForumKit runs on or the network behind it: loopback, private, link-local,
multicast, unspecified and reserved addresses are refused, and so are IPv6 addresses that
carry an IPv4 one (IPv4-mapped, IPv4-compatible, 6to4, Teredo, NAT64 to a private address).
An operator may allow some of them with FORUMKIT_OUTBOUND_ALLOW: host names, IPs or CIDRs.

The check runs twice:

- when an admin saves a URL (`check_url`, a pydantic validator that runs when the caller
  passes the policy in the validation context): a literal address in any spelling, and
  localhost names, are refused with a field error;
- on every TCP connection (`PolicyTransport`): the host name is resolved once, every
  address it resolves to is checked, and the connection goes to a checked address, so a
  name that resolves to a public address when checked and to a private one when used (DNS
  rebinding) gets nowhere. The request keeps the name in its Host header and TLS SNI.

A refusal says only REFUSED: never the address a name resolved to, and it comes before any
connection, so it tells nothing of which ports are open.

Every request also has a total deadline: connecting, sending and reading the answer together
(httpx's own timeouts are per phase, so a receiver that drips a byte every few seconds would
never trip them). `client()` gives each request its timeout as that deadline; the outbox
narrows it further for a delivery (`deadline()`), and can cut a request short when the
worker stops (`Deadline.abort`).
"""

from __future__ import annotations

import contextvars
import ipaddress
import math
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, TypeVar

import httpcore
import httpx
from pydantic import AfterValidator, HttpUrl, TypeAdapter, ValidationError, ValidationInfo

REFUSED = "refused by the outbound address policy"
CONTEXT_KEY = "outbound_policy"  # where settings-time validation finds the policy

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_URL = TypeAdapter(HttpUrl)


class Refused(httpx.TransportError):
    """The policy does not let ForumKit connect to this host."""

    def __init__(self) -> None:
        super().__init__(REFUSED)


def normal_host(host: str) -> str:
    """A host as the policy compares it: no brackets, no trailing dots, lower case."""
    return host.strip().removeprefix("[").removesuffix("]").rstrip(".").lower()


def literal_address(host: str) -> Address | None:
    """The address a host names by itself, in any spelling the resolver accepts
    (2130706433, 0x7f.1, 0177.0.0.1, 0, ::ffff:127.0.0.1), or None for a name."""
    name = normal_host(host)
    try:
        return ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        pass
    if name and all(part.isalnum() for part in name.split(".")):
        try:
            # The C library's own reading of numeric IPv4 forms, as getaddrinfo uses it.
            return ipaddress.IPv4Address(socket.inet_aton(name))
        except (OSError, ValueError):  # not numeric, or not ASCII
            return None
    return None


def is_public(ip: Address) -> bool:
    """True for an address on the public internet that may be called without an allowance."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None or ip in _IPV4_COMPATIBLE:
            return False
        if ip.sixtofour is not None or ip.teredo is not None:
            return False  # tunnels that reach whatever IPv4 address they carry
        if ip in _NAT64:
            return is_public(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if ip.is_site_local:
            return False
    return ip.is_global and not (
        ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
        or ip.is_unspecified or ip.is_reserved
    )


def is_local_name(name: str) -> bool:
    return name == "localhost" or name.endswith(".localhost")


def parse_allowance(entry: str) -> str:
    """One FORUMKIT_OUTBOUND_ALLOW entry, checked and written the way the policy reads it."""
    text = entry.strip()
    if "/" in text:
        try:
            return str(ipaddress.ip_network(text, strict=False))
        except ValueError:
            raise ValueError(f"{text!r} is not a CIDR (e.g. 10.0.0.0/8)") from None
    ip = literal_address(text)
    if ip is not None:
        return str(ip)
    name = normal_host(text)
    labels = name.split(".")
    if not name or not all(label and label.replace("-", "").isalnum() for label in labels):
        raise ValueError(f"{text!r} is not a host name, an IP address or a CIDR")
    return name


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the host resolves to, in the resolver's order, each once."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve the host: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class OutboundPolicy:
    networks: tuple[Network, ...] = ()
    names: frozenset[str] = frozenset()
    resolve: Resolver = field(default=system_resolver, compare=False)

    @classmethod
    def from_allowances(cls, entries: Iterable[str]) -> OutboundPolicy:
        networks: list[Network] = []
        names: set[str] = set()
        for entry in entries:
            parsed = parse_allowance(entry)
            try:
                networks.append(ipaddress.ip_network(parsed, strict=False))
            except ValueError:
                names.add(parsed)
        return cls(networks=tuple(networks), names=frozenset(names))

    def allows_address(self, ip: Address) -> bool:
        return is_public(ip) or any(ip in net for net in self.networks)

    def allows_url(self, url: str) -> bool:
        """The settings-time check: False when the URL's host is decidably not allowed
        without DNS (a literal address, a localhost name). Names are checked on connect."""
        try:
            host = _URL.validate_python(url).host
        except ValidationError:
            return True  # not a URL at all: the field's own validation says so
        if host is None:
            return True
        name = normal_host(host)
        if name in self.names:
            return True
        ip = literal_address(name)
        if ip is not None:
            return self.allows_address(ip)
        return not is_local_name(name)

    def addresses(self, host: str, port: int) -> list[str]:
        """The connect-time check: the addresses to connect to, all of them allowed;
        Refused if the name is refused or any address it resolves to is."""
        name = normal_host(host)
        if name in self.names:
            return self.resolve(host, port)
        ip = literal_address(name)
        if ip is not None and not self.allows_address(ip):
            raise Refused()
        if ip is None and is_local_name(name):
            raise Refused()
        found = self.resolve(host, port)
        for text in found:
            try:
                address = ipaddress.ip_address(text.split("%", 1)[0])
            except ValueError:
                raise Refused() from None
            if not self.allows_address(address):
                raise Refused()  # all or nothing: one bad answer spoils the name
        if not found:
            raise httpcore.ConnectError("the host resolved to no address")
        return found


def check_url(value: Any, info: ValidationInfo) -> Any:
    """A pydantic after-validator for URLs an admin sets; active when the validation context
    carries the policy (settings being saved), so stored settings still load if the
    operator's allowances change."""
    policy = (info.context or {}).get(CONTEXT_KEY)
    if value is None or not isinstance(policy, OutboundPolicy):
        return value
    if not policy.allows_url(str(value)):
        raise ValueError(
            f"{REFUSED}: not a public address (an operator can allow it with "
            "FORUMKIT_OUTBOUND_ALLOW)"
        )
    return value


# A URL field of settings an admin saves: an http(s) URL the policy lets ForumKit call.
OutboundUrl = Annotated[HttpUrl, AfterValidator(check_url)]


@dataclass(frozen=True)
class Deadline:
    """When the current request must be over (time.monotonic()), and an event that, once
    set, ends it at once (a worker that is stopping)."""

    at: float = math.inf
    abort: threading.Event | None = None

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def aborted(self) -> bool:
        return self.abort is not None and self.abort.is_set()


_DEADLINE: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "forumkit_outbound_deadline", default=None
)
_NO_DEADLINE = Deadline()


def current_deadline() -> Deadline:
    return _DEADLINE.get() or _NO_DEADLINE
# How often a read waiting for an answer looks at the abort event.
ABORT_CHECK_SECONDS = 0.2


@contextmanager
def deadline(seconds: float, abort: threading.Event | None = None) -> Iterator[Deadline]:
    """Requests made in this thread inside the block end within `seconds` (or sooner, if an
    enclosing block says so), and at once when `abort` is set."""
    outer = current_deadline()
    inner = Deadline(
        at=min(outer.at, time.monotonic() + seconds), abort=abort or outer.abort
    )
    token = _DEADLINE.set(inner)
    try:
        yield inner
    finally:
        _DEADLINE.reset(token)


class DeadlineExceeded(httpcore.ReadTimeout):
    def __init__(self) -> None:
        super().__init__("no complete answer within the deadline")


class Aborted(httpcore.ReadError):
    def __init__(self) -> None:
        super().__init__("cut short: the worker is stopping")


Result = TypeVar("Result")


def _within_deadline(op: Callable[[float | None], Result], timeout: float | None,
                     timeout_error: type[Exception], *, retry_slices: bool) -> Result:
    """Run one blocking socket operation with `timeout` narrowed to the deadline. Reads
    (`retry_slices`) wait in short slices so that an abort is seen while the receiver is
    silent: a read that timed out consumed nothing and may simply be tried again."""
    current = current_deadline()
    phase_end = math.inf if timeout is None else time.monotonic() + timeout
    while True:
        if current.aborted():
            raise Aborted()
        left = min(current.at, phase_end) - time.monotonic()
        if left <= 0:
            if current.at <= phase_end:
                raise DeadlineExceeded()
            raise timeout_error("timed out")
        wait = min(left, ABORT_CHECK_SECONDS) if retry_slices and current.abort else left
        try:
            return op(None if math.isinf(wait) else wait)
        except timeout_error:
            if retry_slices:
                continue  # the top of the loop decides whether time is up
            if time.monotonic() >= current.at:
                raise DeadlineExceeded() from None
            raise


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes end by the current request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return _within_deadline(lambda t: self.inner.read(max_bytes, t), timeout,
                                httpcore.ReadTimeout, retry_slices=True)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        # Not sliced: a write that timed out may have sent part of the buffer.
        _within_deadline(lambda t: self.inner.write(buffer, t), timeout,
                         httpcore.WriteTimeout, retry_slices=False)

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return DeadlineStream(_within_deadline(
            lambda t: self.inner.start_tls(ssl_context, server_hostname, t), timeout,
            httpcore.ConnectTimeout, retry_slices=False,
        ))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class CheckedBackend(httpcore.NetworkBackend):
    """httpcore's blocking network backend, connecting only to addresses the policy allows."""

    def __init__(self, policy: OutboundPolicy) -> None:
        self.policy = policy
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None,
        local_address: str | None = None, socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in self.policy.addresses(host, port):
            try:
                return DeadlineStream(_within_deadline(
                    lambda t, address=address: self.inner.connect_tcp(  # type: ignore[misc]
                        address, port, timeout=t, local_address=local_address,
                        socket_options=socket_options,
                    ),
                    timeout, httpcore.ConnectTimeout, retry_slices=False,
                ))
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise Refused()

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


@cache
def tls_context() -> ssl.SSLContext:
    """The one TLS context of every outbound client in this process. Making one reads the
    whole CA bundle, tens of milliseconds; one context serves any number of connections."""
    return httpx.create_ssl_context()


class PolicyTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose connections pass the policy.

    httpx.HTTPTransport takes no network backend, so its pool is replaced by one made the
    same way with CheckedBackend; request and response handling stay httpx's own.
    """

    def __init__(self, policy: OutboundPolicy, limits: httpx.Limits | None = None) -> None:
        super().__init__(verify=tls_context())
        limits = limits or httpx.Limits(max_connections=100, max_keepalive_connections=20,
                                        keepalive_expiry=5.0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=tls_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=CheckedBackend(policy),
        )


class DeadlineClient(httpx.Client):
    """An httpx client whose every request, answer included, is over within `total` seconds
    (or the enclosing `deadline()`, if sooner). Answers read as a stream after `send`
    returns are outside it; ForumKit's outbound calls read whole answers."""

    def __init__(self, *, total: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.total = total

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        with deadline(self.total):
            return super().send(request, **kwargs)


def client(policy: OutboundPolicy, timeout: float) -> httpx.Client:
    """The HTTP client for every outbound call: the policy on each connection, `timeout` as
    each request's total deadline, redirects never followed, and no proxy from the
    environment (a proxy would reach the address the policy refuses)."""
    return DeadlineClient(
        total=timeout, transport=PolicyTransport(policy), timeout=httpx.Timeout(timeout),
        headers={"User-Agent": "ForumKit"}, follow_redirects=False, trust_env=False,
    )
