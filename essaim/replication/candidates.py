"""Replication candidates of a territory: published models whose need is present there and that
have no copy there yet, ranked by their proven outcomes.

A model's need is present in a territory when
- a need of the register (`calls.TerritoryNeed`, spotted or studied, in a commune or an EPCI of
  the territory) contains one of the kit's need words (accents and case aside), or
- the territory has a coverage gap (`orientation.coverage`: a life stage no ESS programme
  serves there) at one of the life stages the kit serves.
"Copy there" is any copy whose territory contains the territory or lies inside it, and the model
itself when it is there. The rank follows the outcomes anyone outside reads (created enterprises
over the whole lineage, then their survival share, both suppressed under 5: `outcomes.proven`),
then the number of copies.

`replication_candidates(territory)` is the selector other pages (the ecosystems' conductor
page) call; it makes a fixed number of queries whatever the number of kits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from essaim.calls.models import TerritoryNeed
from essaim.calls.models.states import NeedState
from essaim.core.text import normalise
from essaim.directory.enums import LifeStage
from essaim.directory.models import ZoneItem
from essaim.evidence.privacy import is_suppressed
from essaim.orientation.coverage import coverage
from essaim.replication.enums import KitState, Subject
from essaim.replication.models import Kit, Replica
from essaim.replication.outcomes import Figures, proven
from essaim.replication.selectors import Node
from essaim.territories import selectors as territories
from essaim.territories.models import Level

OPEN_NEEDS = (NeedState.SPOTTED, NeedState.STUDIED)
LEVEL_FIELD = {
    Level.COMMUNE.value: "commune",
    Level.EPCI.value: "epci",
    Level.DEPARTEMENT.value: "departement",
    Level.REGION.value: "region",
}


@dataclass
class Candidate:
    kit: Kit
    reasons: list[str] = field(default_factory=list)
    figures: Figures | None = None
    copies: int = 0

    def as_dict(self) -> dict:
        return {
            "kit": self.kit.pk,
            "name": self.kit.name,
            "subject": self.kit.subject,
            "owner": self.kit.owner.name,
            "reasons": self.reasons,
            "copies": self.copies,
            "outcomes": self.figures.as_dict() if self.figures else None,
        }


def _key(territory) -> tuple[str, str]:
    if isinstance(territory, str):
        return territories.parse_ref(territory)
    return tuple(getattr(territory, "key", territory))


def _needs_q(level: str, code: str) -> Q:
    if level == Level.NATIONAL:
        return Q()
    if level == Level.COMMUNE:
        commune = territories.get_object(level, code)
        q = Q(commune_id=code)
        return q | Q(epci_id=commune.epci_id) if commune.epci_id else q
    inner = territories.inside_querysets(level, code)
    q = Q(**{f"commune__{LEVEL_FIELD[level]}_id": code}) if level != Level.EPCI else Q(commune__epci_id=code)
    if level == Level.EPCI:
        return q | Q(epci_id=code)
    return q | Q(epci_id__in=inner[Level.EPCI.value])


def _copied_there(level: str, code: str, containing: list) -> set[int]:
    """Kits with a copy whose territory contains this one or lies inside it."""
    q = Q()
    for lvl, cd in containing:
        q |= Q(level=lvl, code=cd)
    if level == Level.NATIONAL:
        q = Q()
    elif level in LEVEL_FIELD:
        q |= Q(**{LEVEL_FIELD[level]: code})
    return set(Replica.objects.filter(q).values_list("kit_id", flat=True))


def _keys_of(commune) -> set[tuple[str, str]]:
    return {
        (Level.COMMUNE.value, commune.code),
        (Level.EPCI.value, commune.epci_id or ""),
        (Level.DEPARTEMENT.value, commune.departement_id),
        (Level.REGION.value, commune.region_id),
    }


def _model_there(kits, level: str, code: str, containing: list) -> set[int]:
    """Kits whose model itself is there (a project of a commune of it, a programme acting there)."""
    keys = set(containing)
    out = set()
    zone = defaultdict(set)
    programme_ids = [k.programme_id for k in kits if k.subject == Subject.PROGRAMME]
    for pid, lvl, cd in ZoneItem.objects.filter(programme_id__in=programme_ids).values_list(
        "programme_id", "level", "code"
    ):
        zone[pid].add((lvl, cd))
    for kit in kits:
        if kit.subject == Subject.PROJECT:
            commune = kit.project.commune
            if commune is not None and (level == Level.NATIONAL or (level, code) in _keys_of(commune)):
                out.add(kit.pk)
        elif zone[kit.programme_id] & keys:
            out.add(kit.pk)
    return out


def _nodes(kits) -> dict[int, list[Node]]:
    by_kit = {}
    for kit in kits:
        subject = kit.project or kit.programme
        programme = kit.project.programme if kit.project_id else kit.programme
        by_kit[kit.pk] = [Node("model", str(subject), programme, "", "", 0, project_id=kit.project_id)]
    for r in Replica.objects.filter(kit__in=[k.pk for k in kits]).select_related("programme"):
        by_kit[r.kit_id].append(
            Node(f"copy-{r.pk}", "", r.programme, r.level, r.code, 1, replica=r, project_id=r.project_id)
        )
    return by_kit


def _rank(candidate: Candidate) -> tuple:
    created, survival = candidate.figures.created, candidate.figures.survival
    return (
        -(0 if is_suppressed(created) else created or 0),
        -(0 if is_suppressed(survival) or survival is None else survival),
        -candidate.copies,
        candidate.kit.name,
    )


def replication_candidates(territory, *, limit: int = 20) -> list[Candidate]:
    """The models to spread to a territory (a `Place`, a (level, code) key or "level:code").

    Raises territories.TerritoryNotFound for an unknown territory."""
    level, code = _key(territory)
    containing = territories.containing_keys(level, code)
    kits = list(
        Kit.objects.filter(state=KitState.PUBLISHED).select_related(
            "owner", "project__commune", "project__programme", "programme"
        )
    )
    excluded = _copied_there(level, code, containing) | _model_there(kits, level, code, containing)
    kits = [k for k in kits if k.pk not in excluded]
    if not kits:
        return []
    needs = list(
        TerritoryNeed.objects.filter(_needs_q(level, code), state__in=OPEN_NEEDS).values_list("title", "need")
    )
    needs = [(title, normalise(f"{title} {text}")) for title, text in needs]
    gaps = set(coverage(level, code).gaps)
    found = []
    for kit in kits:
        reasons = []
        terms = [normalise(t) for t in kit.need_terms.split(",") if normalise(t)]
        for title, text in needs:
            if any(f" {term} " in f" {text} " for term in terms):
                reasons.append(_("Besoin recensé : %(title)s") % {"title": title})
        for stage in kit.life_stages:
            if stage in gaps:
                reasons.append(
                    _("Aucun dispositif à l'étape « %(stage)s » sur le territoire")
                    % {"stage": LifeStage(stage).label}
                )
        if reasons:
            found.append(Candidate(kit, reasons))
    if not found:
        return []
    nodes = _nodes([c.kit for c in found])
    figures = proven(nodes)
    for candidate in found:
        candidate.figures = figures[candidate.kit.pk]
        candidate.copies = len(nodes[candidate.kit.pk]) - 1
    return sorted(found, key=_rank)[:limit]
