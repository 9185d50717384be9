"""The mainstream actors and shared places of a territory, alongside its ESS programmes.

Coverage (stage × kind, gaps) counts the ESS support programmes only: a France services point or
a chambre de commerce does not make a stage "covered". The national offer is still shown beside
them, labelled by family ("Acteur de droit commun", "Lieu partagé"), because the study asks ESS
support to stay connected to those actors. Read from the orientation index (`nearby.NationalOffer`),
no query.

"Acting in" a territory means what it means for the programmes: a zone containing the territory
or lying inside it. A departmental chamber or a France Travail agency (zone: its département)
acts in every commune of its département; a remote service (zone: France) everywhere; the other
actors (zone: their commune) in the territories containing their commune.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from essaim.directory.enums import OfferFamily, ProgrammeKind
from essaim.directory.national_offer import DEPARTEMENTAL_KINDS
from essaim.orientation.nearby import Door, NationalOffer
from essaim.territories.models import Level

# Actors are named for a commune or an EPCI (a handful); larger territories show counts.
NAMED_LEVELS = (Level.COMMUNE.value, Level.EPCI.value)
_FAMILY_ORDER = [OfferFamily.MAINSTREAM.value, OfferFamily.SHARED_PLACE.value]
_KIND_ORDER = [k.value for k in ProgrammeKind]


@dataclass
class Group:
    """The actors of one family and one kind acting in a territory."""

    family: str
    kind: str
    doors: list[Door] = field(default_factory=list)
    named: bool = False

    @property
    def count(self) -> int:
        return len(self.doors)

    @property
    def family_label(self) -> str:
        return str(OfferFamily(self.family).label)

    @property
    def kind_label(self) -> str:
        return str(ProgrammeKind(self.kind).label)

    def as_dict(self) -> dict:
        return {
            "family": self.family,
            "family_label": self.family_label,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "count": self.count,
            "actors": [{"slug": d.slug, "name": d.name} for d in self.doors] if self.named else [],
        }


def alongside(
    offer: NationalOffer | None, level: str, code: str, containing: list[tuple[str, str]]
) -> list[Group]:
    """The national offer acting in (level, code), by family then kind; `containing` is
    `territories.selectors.containing_keys(level, code)`."""
    if offer is None:
        return []
    found: dict[int, Door] = {}
    if level == Level.NATIONAL:
        found = dict(offer.doors)
    else:
        # A remote service (zone: France) acts everywhere.
        found = {door.pk: door for door in offer.remote}
        departements = [c for lv, c in containing if lv == Level.DEPARTEMENT and level in NAMED_LEVELS]
        for kind in _KIND_ORDER:
            for door in offer.at(kind, level, code):
                found[door.pk] = door
            if kind in DEPARTEMENTAL_KINDS:
                for dep in departements:
                    for door in offer.at(kind, Level.DEPARTEMENT.value, dep):
                        found[door.pk] = door
    groups: dict[tuple[str, str], Group] = {}
    for door in found.values():
        key = (door.family, door.kind)
        if key not in groups:
            groups[key] = Group(door.family, door.kind, named=level in NAMED_LEVELS)
        groups[key].doors.append(door)
    ordered = sorted(
        groups.values(), key=lambda g: (_FAMILY_ORDER.index(g.family), _KIND_ORDER.index(g.kind))
    )
    for group in ordered:
        group.doors.sort(key=lambda d: (d.name.casefold(), d.pk))
    return ordered
