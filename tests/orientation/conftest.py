import pytest

from essaim.orientation import index


@pytest.fixture(autouse=True)
def fresh_orientation_index():
    """Rolled-back test transactions leave no signal behind: start every test from the database."""
    index.invalidate()
    yield
    index.invalidate()
