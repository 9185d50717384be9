"""Who a carrier's details reach when few ESS programmes serve their place (reads only).

When fewer than three ESS programmes match (`Orientation.few_programmes`), the carrier may leave
their details once: for the programmes of the nearest alternatives (the gaps'), for the
ecosystems whose territory contains their commune (read by the staff of the ecosystem's leader
organisation) and, where a local-authority viewer's territorial scope contains the commune, for
those local authorities. `orientation.services.contact_requests_create` stores one request per
recipient; `ContactRequest.objects.visible_to` lets each of them read theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q

from essaim.directory.models import Ecosystem, Programme


@dataclass
class Recipients:
    programmes: list[Programme] = field(default_factory=list)
    ecosystems: list[Ecosystem] = field(default_factory=list)
    # The territories (names) where local-authority viewers follow the carrier's commune.
    authorities: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.programmes or self.ecosystems or self.authorities)

    @property
    def count(self) -> int:
        return len(self.programmes) + len(self.ecosystems) + (1 if self.authorities else 0)


def recipients_for(result) -> Recipients:
    """The recipients for an `orientation.selectors.Orientation` with few programmes (3 queries)."""
    if not result.few_programmes:
        return Recipients()
    pks = [fact.pk for fact in result.alternative_programmes()]
    chosen = Programme.objects.public().select_related("organisation").in_bulk(pks)
    keys = {(level, code): name for level, code, name in result.context.keys}
    refs = {f"{level}:{code}" for level, code in keys}
    ecosystems = [
        eco
        for eco in Ecosystem.objects.exclude(leader=None).select_related("leader").order_by("name")
        if refs & set(eco.territory_refs or ())
    ]
    scopes = apps.get_model("accounts", "TerritoryScope").objects.filter(kind="local_authority")
    wanted = Q()
    for level, code in keys:
        wanted |= Q(level=level, code=code)
    covering = set(scopes.filter(wanted).values_list("level", "code").distinct())
    authorities = [name for key, name in keys.items() if key in covering]
    return Recipients([chosen[pk] for pk in pks if pk in chosen], ecosystems, authorities)
