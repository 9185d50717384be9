import pytest

from tests.ecosystems.factories import build_world


@pytest.fixture
def world(db):
    return build_world()
