import pytest

from tests.library.factories import build_world


@pytest.fixture
def world(db):
    return build_world()
