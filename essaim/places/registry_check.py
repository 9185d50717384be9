"""The registry check of a domiciliation (issue 13 §2): where the business registry
(essaim/registry: SIRENE stock files or the "Recherche d'entreprises" API) places the domiciled
establishment, against the place's commune.

The registry keeps an establishment's commune, not its street, so the check compares communes:
- `unknown`: the SIRET is not in the registry (not imported yet, or the API adapter off);
- `closed`: the registry says the establishment is closed (from `closed_on`);
- `match`: open, in the place's commune;
- `elsewhere`: open, in another commune (its registered office not moved to the place yet, or
  left), or the place has no commune to compare with.
Read only; staff see it on the domiciliation's page. One query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from essaim.registry.enums import RegistryState
from essaim.registry.models import Establishment


@dataclass(frozen=True)
class RegistryCheck:
    status: str  # unknown, closed, match, elsewhere
    commune: str = ""  # the registry's commune code
    place_commune: str = ""
    closed_on: dt.date | None = None
    as_of: dt.date | None = None
    source: str = ""


def registry_check(domiciliation) -> RegistryCheck:
    place_commune = getattr(domiciliation.place.organisation, "commune_id", None) or ""
    found = (
        Establishment.objects.filter(siret=domiciliation.siret)
        .only("commune", "state", "closed_on", "as_of", "source")
        .first()
    )
    if found is None:
        return RegistryCheck("unknown", place_commune=place_commune)
    facts = {
        "commune": found.commune,
        "place_commune": place_commune,
        "closed_on": found.closed_on,
        "as_of": found.as_of,
        "source": found.get_source_display(),
    }
    if found.state == RegistryState.CLOSED or found.closed_on is not None:
        return RegistryCheck("closed", **facts)
    if found.commune and found.commune == place_commune:
        return RegistryCheck("match", **facts)
    return RegistryCheck("elsewhere", **facts)
