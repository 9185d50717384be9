"""Who is on the other end of a request: the client's IP address.

`REMOTE_ADDR` is the peer. Behind our reverse proxy (`BEHIND_TLS_PROXY=true`) the peer is the
proxy, which appends the address it saw to `X-Forwarded-For`; the client address is then the
entry `TRUSTED_PROXY_HOPS` places from the right. Entries further left were written by the
client and are never believed: otherwise anyone could pick a fresh address per request and
escape the login limiter, or pose as someone else's address to lock them out.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_address(request: HttpRequest) -> str:
    """The client's IP address ("" when unknown); the login limiter counts failures by it."""
    peer = _valid(request.META.get("REMOTE_ADDR", "") or "")
    hops = settings.TRUSTED_PROXY_HOPS
    if not hops:
        return peer
    forwarded = [item for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if item.strip()]
    if len(forwarded) < hops:
        return peer
    return _valid(forwarded[-hops]) or peer
