import pytest
from django.core.cache import cache

from essaim.orientation import index


@pytest.fixture(autouse=True)
def fresh_orientation_index():
    index.invalidate()
    yield
    index.invalidate()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Contact requests are counted per address in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()
