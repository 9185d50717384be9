"""The client address: REMOTE_ADDR, or our proxy's X-Forwarded-For entry when BEHIND_TLS_PROXY."""

import pytest
from django.test import RequestFactory

from essaim.core.network import client_address


def request(remote="10.0.0.1", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(request("203.0.113.7", forwarded="198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.1", "198.51.100.1"),
        # What the client wrote itself (left) is never believed: our proxy appended the last entry.
        ("6.6.6.6, 198.51.100.1", "198.51.100.1"),
        ("6.6.6.6,198.51.100.1 ", "198.51.100.1"),
        ("2001:db8::1", "2001:db8::1"),
        ("pas-une-adresse", "10.0.0.1"),
        ("", "10.0.0.1"),
    ],
)
def test_behind_one_proxy_the_right_most_entry(settings, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_address(request(forwarded=forwarded)) == expected


def test_behind_two_proxies(settings):
    settings.TRUSTED_PROXY_HOPS = 2
    assert client_address(request(forwarded="6.6.6.6, 198.51.100.1, 10.0.0.9")) == "198.51.100.1"
    assert client_address(request(forwarded="198.51.100.1")) == "10.0.0.1"


def test_behind_tls_proxy_sets_the_hops(monkeypatch):
    import importlib

    import essaim.settings as settings_module

    monkeypatch.setenv("BEHIND_TLS_PROXY", "true")
    try:
        assert importlib.reload(settings_module).TRUSTED_PROXY_HOPS == 1
        monkeypatch.setenv("BEHIND_TLS_PROXY", "false")
        assert importlib.reload(settings_module).TRUSTED_PROXY_HOPS == 0
    finally:
        monkeypatch.delenv("BEHIND_TLS_PROXY")
        importlib.reload(settings_module)
