"""How many contact requests one network address may send an hour (a cache counter, not data).

`ORIENTATION_CONTACT_RATE_LIMIT` (default 10) requests per address and hour; the page answers 429
beyond. The counter lives in the cache shared by the processes (docs/configuration.md).
"""

from django.conf import settings
from django.core.cache import cache


def _rate_key(address: str) -> str:
    return f"essaim:orientation:contact:{address}"


def contact_is_rate_limited(*, address: str) -> bool:
    """Has this network address sent `ORIENTATION_CONTACT_RATE_LIMIT` (default 10) requests this hour?"""
    limit = getattr(settings, "ORIENTATION_CONTACT_RATE_LIMIT", 10)
    return cache.get(_rate_key(address), 0) >= limit


def contact_record_sent(*, address: str) -> None:
    """Count one request from this address. Side effect: a cache counter living one hour."""
    key = _rate_key(address)
    cache.add(key, 0, timeout=3600)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
