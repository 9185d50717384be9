"""An adapter for the public "Recherche d'entreprises" API (recherche-entreprises.api.gouv.fr),
run by the task worker: one followed enterprise at a time, 7 requests per second at most (the
API's published limit), a few retries with a growing pause on 429 and server errors.

Off unless configured: `REGISTRY_API_URL` empty (the default) means no call is ever made. Tests
give the adapter recorded answers through its `opener` (no network in tests).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from essaim.registry.enums import RegistryState, Source

RATE = 7.0  # requests per second
RETRIES = 3
RETRY_STATUSES = {429, 500, 502, 503, 504}
TIMEOUT = 10


class RegistryUnavailable(Exception):
    """The API did not answer after the retries (the task tries again at its next run)."""


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _state(value) -> str:
    return RegistryState.ACTIVE if value in (None, "", "A") else RegistryState.CLOSED


@dataclass(frozen=True)
class RegistryFacts:
    """What the API says of one legal unit and, when it lists it, one of its establishments."""

    siren: str
    name: str
    state: str
    created_on: dt.date | None
    closed_on: dt.date | None
    legal_category: str
    is_ess: bool | None
    is_siae: bool | None
    establishment: dict | None
    as_of: dt.date

    def unit_defaults(self) -> dict:
        return {
            "name": self.name[:200],
            "state": self.state,
            "created_on": self.created_on,
            "closed_on": self.closed_on,
            "legal_category": self.legal_category[:4],
            "is_ess": self.is_ess,
            "is_siae": self.is_siae,
            "source": Source.API,
            "as_of": self.as_of,
        }

    def establishment_defaults(self) -> dict:
        e = self.establishment
        commune = e.get("commune") or ""
        return {
            "siren": self.siren,
            "commune": commune,
            "departement": (commune[:3] if commune.startswith("97") else commune[:2]) if commune else "",
            "created_on": _date(e.get("date_creation")),
            "closed_on": _date(e.get("date_fermeture")),
            "state": _state(e.get("etat_administratif")),
            "source": Source.API,
            "as_of": self.as_of,
        }


def parse(payload: dict, siret: str, *, as_of: dt.date) -> RegistryFacts | None:
    """The facts about `siret` in a search answer (None when the answer does not hold its SIREN)."""
    siren = siret[:9]
    result = next((r for r in payload.get("results") or [] if r.get("siren") == siren), None)
    if result is None:
        return None
    complements = result.get("complements") or {}
    establishments = [result.get("siege") or {}, *(result.get("matching_etablissements") or [])]
    establishment = next((e for e in establishments if e.get("siret") == siret), None)
    return RegistryFacts(
        siren=siren,
        name=result.get("nom_complet") or result.get("nom_raison_sociale") or "",
        state=_state(result.get("etat_administratif")),
        created_on=_date(result.get("date_creation")),
        closed_on=_date(result.get("date_fermeture")),
        legal_category=str(result.get("nature_juridique") or ""),
        is_ess=complements.get("est_ess"),
        is_siae=complements.get("est_siae"),
        establishment=establishment,
        as_of=as_of,
    )


class RechercheEntreprises:
    """The API client; `opener`, `clock` and `sleep` are the seams tests replace."""

    def __init__(
        self,
        base_url: str,
        *,
        rate: float = RATE,
        retries: int = RETRIES,
        opener: Callable | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        self.interval = 1.0 / rate
        self.retries = retries
        self.opener = opener or urllib.request.urlopen
        self.clock = clock
        self.sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def _wait_turn(self) -> None:
        with self._lock:
            now = self.clock()
            if now < self._next:
                self.sleep(self._next - now)
                now = self._next
            self._next = now + self.interval

    def search(self, siret: str) -> dict:
        query = urllib.parse.urlencode({"q": siret[:9], "page": 1, "per_page": 1})
        request = urllib.request.Request(
            f"{self.base_url}/search?{query}", headers={"Accept": "application/json", "User-Agent": "Essaim"}
        )
        for attempt in range(self.retries + 1):
            self._wait_turn()
            try:
                with self.opener(request, timeout=TIMEOUT) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES or attempt == self.retries:
                    raise RegistryUnavailable(f"HTTP {exc.code}") from exc
            except (urllib.error.URLError, TimeoutError) as exc:
                if attempt == self.retries:
                    raise RegistryUnavailable(str(exc)) from exc
            self.sleep(0.5 * 2**attempt)
        raise RegistryUnavailable("no answer")  # not reached: the loop returns or raises

    def facts(self, siret: str) -> RegistryFacts | None:
        return parse(self.search(siret), siret, as_of=timezone.localdate())


def configured_client(**kwargs) -> RechercheEntreprises | None:
    """The client when `REGISTRY_API_URL` is set, else None (the adapter is off)."""
    url = getattr(settings, "REGISTRY_API_URL", "")
    return RechercheEntreprises(url, **kwargs) if url else None
