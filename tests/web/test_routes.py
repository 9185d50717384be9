"""`essaim.web.routes.route` is `reverse()` with the URL name resolved once."""

import pytest
from django.urls import reverse

from essaim.web.routes import route


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("web:programme", ["incubateur-34"]),
        ("orientation:territory", ["departement", "2A"]),
        ("workspace:checkin", [12, 345]),
        ("web:directory", []),
    ],
)
def test_route_is_reverse(name, args):
    for _ in range(2):  # the second from the memo
        assert route(name, *args) == reverse(name, args=args)
