import pytest

from tests.peers.factories import build_world


@pytest.fixture
def w(db):
    return build_world()
