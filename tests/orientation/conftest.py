import pytest
from django.utils import translation

from essaim.orientation import index


@pytest.fixture(autouse=True)
def fresh_orientation_index():
    """Rolled-back test transactions leave no signal behind: start every test from the database."""
    index.invalidate()
    yield
    index.invalidate()


@pytest.fixture(autouse=True)
def in_french():
    """Reasons are worded in the active language; a previous test's request may have left English."""
    with translation.override("fr"):
        yield
