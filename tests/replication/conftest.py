import pytest

from tests.replication.factories import build_world


@pytest.fixture
def world(db):
    return build_world()
