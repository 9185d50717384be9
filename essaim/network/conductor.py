"""The conductor's dashboard: one page for a local authority's territory or an ecosystem's leader.

- the offer: coverage by life stage × kind, its gaps (for a région, per département), the
  mainstream actors and shared places present (`orientation.coverage`);
- the flows: the referral network (`network.network`);
- the evidence per programme (`outcomes.outcome_rows`), with the authority's own funding share;
- the programmes' economic models over time (issue 11 §3): `ECONOMIC_MODELS`, a callable
  (subject, user) → an object with a `template` attribute (included by the page and the PDF)
  or None; set to `economic.economic_models` (each programme's latest year's shares,
  diversification, trend and the authority's own funding share);
- suggested actions (`actions`), the gaps of the offer linking to them, and the models proven
  elsewhere that could be replicated in the territory (`replication.candidates`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from essaim.network import actions, economic
from essaim.network.network import Network, network, stage_programmes
from essaim.network.outcomes import OutcomeRow, authority_funders, outcome_rows
from essaim.network.selectors import Subject, own_programme_ids
from essaim.orientation.coverage import Coverage, coverage
from essaim.territories.models import Level
from essaim.territories.selectors import TerritoryNotFound

# Issue 11 §3 (programmes' budgets by source) plugs in here; see the module docstring.
ECONOMIC_MODELS: Callable | None = economic.economic_models


@dataclass
class GapLink:
    """A gap of the offer as the page lists it, linking to its suggested action."""

    stage: str
    departement: str
    name: str

    @property
    def anchor(self) -> str:
        return actions.gap_anchor(self.stage, self.departement)


@dataclass
class Dashboard:
    subject: Subject
    offer: Coverage | None
    gaps: list[GapLink]
    network: Network
    outcomes: list[OutcomeRow]
    funders: list
    suggestions: list[actions.Suggestion]
    economic_models: object = None
    stage_gaps: dict[str, list[GapLink]] = field(default_factory=dict)

    @property
    def is_region(self) -> bool:
        return self.subject.kind == "territory" and self.subject.level in (Level.REGION, Level.NATIONAL)

    def as_dict(self) -> dict:
        return {
            "subject": self.subject.ref,
            "label": self.subject.label,
            "offer": self.offer.as_dict() if self.offer else None,
            "gaps": [{"stage": g.stage, "departement": g.departement, "anchor": g.anchor} for g in self.gaps],
            "network": self.network.as_dict(),
            "outcomes": [row.as_dict() for row in self.outcomes],
            "funders": [f.slug for f in self.funders],
            "suggested_actions": [s.as_dict() for s in self.suggestions],
            "economic_models": self.economic_models.as_dict()
            if hasattr(self.economic_models, "as_dict")
            else None,
        }


def _offer(subject: Subject) -> Coverage | None:
    territory = subject.territory
    if territory is None:
        return None
    try:
        return coverage(*territory)
    except TerritoryNotFound:
        return None


def dashboard(subject: Subject, *, user, now=None) -> Dashboard:
    offer = _offer(subject)
    net = network(subject, user=user, now=now)
    own = own_programme_ids(user)
    funders = authority_funders(subject, user)
    gaps: list[GapLink] = []
    suggestions: list[actions.Suggestion] = []
    if subject.kind == "territory":
        for dep, name, stage in actions.territory_gaps(subject.level, subject.code, offer):
            gaps.append(GapLink(stage, dep, name))
            suggestions.append(actions.gap_suggestion(dep, name, stage))
    else:
        suggestions += actions.ecosystem_suggestions(subject, stage_programmes(subject), offer)
    if offer is not None:
        replicate = actions.replication_suggestion(subject.territory)
        if replicate is not None:
            suggestions.append(replicate)
    suggestions += actions.network_suggestions(net)
    stage_gaps: dict[str, list[GapLink]] = {}
    for gap in gaps:
        stage_gaps.setdefault(gap.stage, []).append(gap)
    return Dashboard(
        subject=subject,
        offer=offer,
        gaps=gaps,
        network=net,
        outcomes=outcome_rows(subject, own, funders),
        funders=funders,
        suggestions=suggestions,
        economic_models=ECONOMIC_MODELS(subject, user) if ECONOMIC_MODELS else None,
        stage_gaps=stage_gaps,
    )
