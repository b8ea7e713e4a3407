"""Service settings: the public URL follows the address served on unless it is set."""

from __future__ import annotations

import pytest

from forumkit.settings import Settings

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins

def _settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.fixture(autouse=True)
def _no_address_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORUMKIT_HOST", "FORUMKIT_PORT", "FORUMKIT_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)


def test_the_public_url_is_the_local_address_by_default() -> None:
    assert _settings().public_url == "http://127.0.0.1:8000"


def test_the_public_url_follows_the_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORUMKIT_PORT", "8011")
    assert _settings().public_url == "http://127.0.0.1:8011"


def test_a_wildcard_host_is_reached_on_the_loopback_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORUMKIT_HOST", "0.0.0.0")
    monkeypatch.setenv("FORUMKIT_PORT", "9000")
    assert _settings().public_url == "http://127.0.0.1:9000"


def test_a_public_url_that_is_set_is_kept_whatever_the_port(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORUMKIT_PORT", "8011")
    monkeypatch.setenv("FORUMKIT_PUBLIC_URL", "https://forumkit.example.org")
    settings = _settings()
    assert settings.public_url == "https://forumkit.example.org"
    assert settings.serving_at(None, 9000).public_url == "https://forumkit.example.org"


def test_serve_port_option_moves_a_derived_public_url() -> None:
    moved = _settings().serving_at("127.0.0.1", 8022)
    assert (moved.port, moved.public_url) == (8022, "http://127.0.0.1:8022")
