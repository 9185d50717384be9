"""The Recherche d'entreprises adapter, on recorded answers (no network): what it reads, its
pace (7 requests a second), its retries, and that it is off unless configured."""

import datetime as dt
import io
import json
import urllib.error
from pathlib import Path

import pytest

from essaim.registry import adapter
from essaim.registry.enums import RegistryState

RESPONSES = Path(__file__).resolve().parent / "responses"


def recorded(name: str) -> bytes:
    return (RESPONSES / name).read_bytes()


class FakeNetwork:
    """Answers requests from a list of recorded bodies or HTTP errors; remembers the URLs."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.urls = []

    def __call__(self, request, timeout):
        self.urls.append(request.full_url)
        answer = self.answers.pop(0)
        if isinstance(answer, int):
            raise urllib.error.HTTPError(request.full_url, answer, "error", {}, io.BytesIO(b""))
        return io.BytesIO(answer)


class FakeClock:
    def __init__(self):
        self.now = 100.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def client(network, clock=None):
    clock = clock or FakeClock()
    return adapter.RechercheEntreprises(
        "https://api.example/", opener=network, clock=clock, sleep=clock.sleep
    )


def test_the_facts_of_a_closed_establishment_of_an_active_unit():
    network = FakeNetwork(recorded("search_302228184.json"))
    facts = client(network).facts("30222818400057")
    assert network.urls == ["https://api.example/search?q=302228184&page=1&per_page=1"]
    assert (facts.siren, facts.state, facts.legal_category, facts.is_ess, facts.is_siae) == (
        "302228184",
        RegistryState.ACTIVE,
        "5458",
        True,
        False,
    )
    establishment = facts.establishment_defaults()
    assert (
        establishment["state"],
        establishment["closed_on"],
        establishment["commune"],
        establishment["departement"],
    ) == (
        RegistryState.CLOSED,
        dt.date(2016, 5, 21),
        "69384",
        "69",
    )


def test_the_seat_is_read_when_it_is_the_followed_establishment():
    facts = adapter.parse(
        json.loads(recorded("search_100029172.json")), "10002917200010", as_of=dt.date(2026, 11, 5)
    )
    assert facts.establishment["siret"] == "10002917200010"
    assert facts.unit_defaults()["created_on"] == dt.date(2026, 1, 8)


def test_an_answer_about_someone_else_gives_nothing():
    assert (
        adapter.parse(json.loads(recorded("search_empty.json")), "30222818400057", as_of=dt.date.today())
        is None
    )
    assert (
        adapter.parse(json.loads(recorded("search_100029172.json")), "30222818400057", as_of=dt.date.today())
        is None
    )


def test_seven_requests_a_second_at_most():
    clock = FakeClock()
    network = FakeNetwork(*[recorded("search_empty.json")] * 8)
    api = client(network, clock)
    for _ in range(8):
        api.search("30222818400057")
    # The first request goes at once, each next one a seventh of a second after the previous.
    assert clock.sleeps == [round(1 / 7, 6)] * 7
    assert clock.now == pytest.approx(100 + 7 / 7)


def test_429_and_server_errors_are_retried_then_given_up():
    clock = FakeClock()
    network = FakeNetwork(429, 503, recorded("search_empty.json"))
    assert client(network, clock).search("30222818400057")["total_results"] == 0
    assert len(network.urls) == 3
    assert [s for s in clock.sleeps if s >= 0.5] == [0.5, 1.0]
    failing = FakeNetwork(500, 500, 500, 500)
    with pytest.raises(adapter.RegistryUnavailable, match="HTTP 500"):
        client(failing).search("30222818400057")
    assert len(failing.urls) == 4  # the first try and three retries


def test_a_client_error_is_not_retried():
    network = FakeNetwork(400)
    with pytest.raises(adapter.RegistryUnavailable, match="HTTP 400"):
        client(network).search("30222818400057")
    assert len(network.urls) == 1


def test_off_unless_configured(settings):
    settings.REGISTRY_API_URL = ""
    assert adapter.configured_client() is None
    settings.REGISTRY_API_URL = "https://recherche-entreprises.api.gouv.fr"
    assert adapter.configured_client().base_url == "https://recherche-entreprises.api.gouv.fr"
