"""What an ecosystem's public page says: its members by family, its territory in words, what the
members offer together as a parcours (life stage × kind of programme), and the passerelles
between them (counts of consented referrals, small cells hidden).

Counts only, never a project or a person. A referral counts once the carrier consented to it:
proposed, accepted or refused by the receiving programme (a withdrawn one may have been
withdrawn before consent: it is left out). Cells under 5 read "moins de 5"; when the total and
the visible cells would give a hidden one back, the rules of `evidence.privacy.protect` hide
more and every hidden cell reads "masqué" (docs/decisions/0018-small-cell-protection.md).
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Referral
from essaim.directory.enums import EcosystemModel, LifeStage, OfferFamily, ProgrammeKind
from essaim.directory.models import Ecosystem, Programme
from essaim.ecosystems.enums import MembershipState
from essaim.ecosystems.models import is_local_authority
from essaim.ecosystems.selectors import member_programmes
from essaim.evidence.privacy import MIN_PROJECTS, protect, table_is_recomputable
from essaim.territories.selectors import names_for, parse_ref

CONSENTED = (ReferralStatus.PROPOSED, ReferralStatus.ACCEPTED, ReferralStatus.REFUSED)
KIND_ORDER = {kind: i for i, kind in enumerate(ProgrammeKind.values)}


@dataclass
class Cell:
    """A count as shown: the number, or the words that hide it."""

    value: int
    hidden_as: str = ""

    @property
    def hidden(self) -> bool:
        return bool(self.hidden_as)

    def __str__(self) -> str:
        return self.hidden_as or str(self.value)


@dataclass
class Passerelle:
    source: Programme
    target: Programme
    count: Cell


@dataclass
class Overview:
    ecosystem: Ecosystem
    ess: list[Programme]
    mainstream: list[Programme]
    shared_places: list[Programme]
    organisations: list  # active members without a programme in the ecosystem (a local authority…)
    territory: list[str]
    kinds: list[tuple[str, str]]
    parcours: list[tuple[str, list[list[Programme]]]]
    stages_missing: list[str]
    without_stage: list[Programme]
    passerelles: list[Passerelle] = field(default_factory=list)
    passerelle_total: Cell | None = None

    @property
    def is_brand(self) -> bool:
        return self.ecosystem.model == EcosystemModel.COMMON_BRAND

    @property
    def leader_is_authority(self) -> bool:
        return is_local_authority(self.ecosystem.leader)

    @property
    def member_count(self) -> int:
        return len(self.ess) + len(self.mainstream) + len(self.shared_places) + len(self.organisations)


def territory_in_words(refs) -> list[str]:
    keys = []
    for ref in refs or []:
        try:
            keys.append(parse_ref(ref))
        except ValueError:
            continue
    names = names_for(keys)
    return [names.get(key, "") for key in keys if names.get(key)]


# Kinds that act for the ESS at every stage without accompanying a project (CRES LR, in the study).
NOT_A_STEP = (ProgrammeKind.REPRESENTATION_BODY,)


def accompanies(programme: Programme) -> bool:
    """Whether a member is a step of the parcours: it covers a stage and is not a representation body."""
    return bool(programme.stages) and programme.kind not in NOT_A_STEP


def _parcours(programmes: list[Programme]):
    staged = [p for p in programmes if accompanies(p)]
    kinds = sorted({p.kind for p in staged}, key=lambda k: KIND_ORDER.get(k, 99))
    labels = dict(ProgrammeKind.choices)
    rows, missing = [], []
    for stage, label in LifeStage.choices:
        cells = [[p for p in staged if p.kind == kind and stage in p.stages] for kind in kinds]
        rows.append((label, cells))
        if not any(cells):
            missing.append(label)
    return [(k, labels.get(k, k)) for k in kinds], rows, missing


def passerelles(programmes: list[Programme]) -> tuple[list[Passerelle], Cell | None]:
    """Consented referrals between member programmes, per pair, with their total (1 query)."""
    by_pk = {p.pk: p for p in programmes}
    rows = (
        Referral.objects.filter(from_programme_id__in=by_pk, to_programme_id__in=by_pk, status__in=CONSENTED)
        .values_list("from_programme_id", "to_programme_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    pairs = sorted(rows, key=lambda r: (by_pk[r[0]].name, by_pk[r[1]].name))
    counts = [n for _s, _t, n in pairs]
    hidden, uniform = protect(counts)
    words = _("masqué") if uniform else _("moins de %(n)s") % {"n": MIN_PROJECTS}
    result = [
        Passerelle(by_pk[s], by_pk[t], Cell(n, words if i in hidden else ""))
        for i, (s, t, n) in enumerate(pairs)
    ]
    if not pairs:
        return [], None
    total = sum(counts)
    if total < MIN_PROJECTS:
        total_cell = Cell(total, _("moins de %(n)s") % {"n": MIN_PROJECTS})
    elif table_is_recomputable(counts):
        total_cell = Cell(total, _("masqué"))
    else:
        total_cell = Cell(total)
    return result, total_cell


def overview(ecosystem: Ecosystem) -> Overview:
    """Everything the public page shows (5 queries, whatever the number of members)."""
    programmes = list(member_programmes(ecosystem))
    with_programmes = {p.organisation_id for p in programmes}
    organisations = [
        m
        for m in ecosystem.memberships.filter(state=MembershipState.ACTIVE).select_related("organisation")
        if m.organisation_id not in with_programmes
    ]
    kinds, rows, missing = _parcours(programmes)
    links, total = passerelles(programmes)
    return Overview(
        ecosystem=ecosystem,
        ess=[p for p in programmes if p.family == OfferFamily.ESS],
        mainstream=[p for p in programmes if p.family == OfferFamily.MAINSTREAM],
        shared_places=[p for p in programmes if p.family == OfferFamily.SHARED_PLACE],
        organisations=sorted(organisations, key=lambda m: m.organisation.name.lower()),
        territory=territory_in_words(ecosystem.territory_refs),
        kinds=kinds,
        parcours=rows,
        stages_missing=missing if programmes else [],
        without_stage=[p for p in programmes if not accompanies(p)],
        passerelles=links,
        passerelle_total=total,
    )
