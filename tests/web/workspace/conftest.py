import pytest

from tests.factories.accompaniment import build_world


@pytest.fixture
def world(db):
    return build_world()
