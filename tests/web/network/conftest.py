import pytest

from tests.network.world import build_world


@pytest.fixture
def world(db):
    return build_world()
