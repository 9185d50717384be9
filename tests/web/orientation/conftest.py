import pytest

from essaim.orientation import index


@pytest.fixture(autouse=True)
def fresh_orientation_index():
    index.invalidate()
    yield
    index.invalidate()
