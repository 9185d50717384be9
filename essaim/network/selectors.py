"""What a network or a dashboard is about (a `Subject`: a territory or an ecosystem), fetched for
a user: `territory_subject_for` (404 for an unknown territory, 403 when the user is not one of
its local-authority viewers) and `ecosystem_subject_for` (404 when the user takes no part in the
ecosystem, 403 when they are not its leader's staff). Web and API call the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from essaim.accounts.models import TerritoryScope
from essaim.accounts.selectors import staff_organisation_ids
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Ecosystem, Programme
from essaim.ecosystems.selectors import ecosystem_for, workspace_ecosystems
from essaim.network.rules import can_view_territory_network
from essaim.orientation.models import Recipient
from essaim.territories.models import Level
from essaim.territories.selectors import TerritoryNotFound, get_place, names_for, parse_ref

# The commune field of a project (or a contact request) for each level of territory.
COMMUNE_LOOKUP = {
    Level.COMMUNE.value: "commune_id",
    Level.EPCI.value: "commune__epci_id",
    Level.DEPARTEMENT.value: "commune__departement_id",
    Level.REGION.value: "commune__region_id",
}


@dataclass(frozen=True)
class Subject:
    """A territory (`level`, `code`) or an ecosystem (with its member programmes' ids)."""

    kind: str  # "territory" | "ecosystem"
    label: str
    level: str = ""
    code: str = ""
    ecosystem: Ecosystem | None = None
    members: frozenset[int] = field(default_factory=frozenset)

    @property
    def ref(self) -> str:
        if self.kind == "ecosystem":
            return f"ecosystem:{self.ecosystem.slug}"
        return f"territory:{self.level}:{self.code}"

    @property
    def territory(self) -> tuple[str, str] | None:
        """The territory the offer is read for (an ecosystem's first territory, if it has one)."""
        if self.kind == "territory":
            return (self.level, self.code)
        for ref in self.ecosystem.territory_refs or []:
            try:
                return parse_ref(ref)
            except ValueError:
                continue
        return None

    def _in_territory(self, prefix: str = "") -> Q:
        if self.level == Level.NATIONAL:
            return Q(**{f"{prefix}commune__isnull": False})
        return Q(**{f"{prefix}{COMMUNE_LOOKUP[self.level]}": self.code})

    def referral_q(self) -> Q:
        """Referrals of the subject: of a project located in the territory; sent or received by a
        member programme of the ecosystem."""
        if self.kind == "territory":
            return self._in_territory("project__")
        return Q(from_programme_id__in=self.members) | Q(to_programme_id__in=self.members)

    def contact_q(self) -> Q:
        """Contact requests of the subject: from a carrier of the territory; addressed to a member
        programme or to the ecosystem itself."""
        if self.kind == "territory":
            return self._in_territory()
        return Q(recipient=Recipient.PROGRAMME, programme_id__in=self.members) | Q(
            recipient=Recipient.ECOSYSTEM, ecosystem=self.ecosystem
        )

    def fact_q(self) -> Q:
        """Evidence facts (`evidence.ProjectFact`) of the subject."""
        if self.kind == "ecosystem":
            return Q(programme_id__in=self.members)
        if self.level == Level.NATIONAL:
            return Q()
        return Q(**{self.level: self.code})


def territory_subject(level: str, code: str) -> Subject:
    try:
        place = get_place(level, code)
    except TerritoryNotFound as exc:
        raise Http404(_("Territoire introuvable.")) from exc
    return Subject("territory", place.name, level=place.level, code=place.code)


def territory_subject_for(user, level: str, code: str) -> Subject:
    subject = territory_subject(level, code)
    if not can_view_territory_network(user, (subject.level, subject.code)):
        raise PermissionDenied(_("Réservé aux collectivités de ce territoire."))
    return subject


def ecosystem_subject(ecosystem: Ecosystem) -> Subject:
    members = frozenset(ecosystem.members.values_list("pk", flat=True))
    return Subject("ecosystem", ecosystem.name, ecosystem=ecosystem, members=members)


def ecosystem_subject_for(user, slug: str) -> Subject:
    return ecosystem_subject(ecosystem_for(user, slug, manage=True))


def own_programme_ids(user) -> set[int]:
    """Programmes whose figures the user reads in full: those of their organisations."""
    organisations = staff_organisation_ids(user) if user.is_authenticated else []
    if not organisations:
        return set()
    return set(Programme.objects.filter(organisation_id__in=organisations).values_list("pk", flat=True))


@dataclass(frozen=True)
class Entry:
    """A dashboard a user may open (for their landing page and navigation)."""

    label: str
    kind: str
    level: str = ""
    code: str = ""
    slug: str = ""


def conductor_entries(user) -> list[Entry]:
    """The territories of the user's local-authority scopes, then the ecosystems they lead."""
    if not user.is_authenticated:
        return []
    keys = list(
        user.territory_scopes.filter(kind=TerritoryScope.Kind.LOCAL_AUTHORITY)
        .order_by("level", "code")
        .values_list("level", "code")
    )
    names = names_for(keys) if keys else {}
    entries = [Entry(names[k], "territory", level=k[0], code=k[1]) for k in keys if k in names]
    led = set(staff_organisation_ids(user))
    for ecosystem in workspace_ecosystems(user):
        if ecosystem.leader_id in led:
            entries.append(Entry(ecosystem.name, "ecosystem", slug=ecosystem.slug))
    return entries
