"""Who a carrier's details reach when few ESS programmes serve their place (reads only).

When fewer than three ESS programmes match (`Orientation.few_programmes`), the carrier may leave
their details once: for the programmes of the nearest alternatives (the gaps'), for the
ecosystems whose territory contains their commune (read by the staff of the ecosystem's leader
organisation) and, where a local-authority viewer's territorial scope contains the commune, for
those local authorities. `orientation.services.contact_requests_create` stores one request per
recipient; `ContactRequest.objects.visible_to` lets each of them read theirs, and
`contact_request_recipients` gives the addresses a request is e-mailed to, and
`contact_request_handlers` the people who may be named to handle it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q, QuerySet

from essaim.accounts.models import Membership, TerritoryScope, User
from essaim.directory.models import Ecosystem, Programme
from essaim.orientation.models import ContactRequest, Recipient


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


def _territory_keys(commune) -> Q:
    keys = Q(level="national")
    for level, code in (
        ("commune", commune.pk),
        ("epci", commune.epci_id),
        ("departement", commune.departement_id),
        ("region", commune.region_id),
    ):
        if code:
            keys |= Q(level=level, code=code)
    return keys


def contact_request_handlers(contact_request: ContactRequest) -> QuerySet[User]:
    """The people who may handle a request (and be named to): the active staff of the programme's
    organisation or of the ecosystem's leader organisation; for the territory, the active
    local-authority viewers whose territorial scope contains the carrier's commune. One query."""
    users = User.objects.filter(is_active=True).order_by("full_name", "email", "pk")
    if contact_request.recipient == Recipient.TERRITORY:
        commune = contact_request.commune
        if commune is None:
            return users.none()
        scopes = TerritoryScope.objects.filter(
            _territory_keys(commune), kind=TerritoryScope.Kind.LOCAL_AUTHORITY
        )
        return users.filter(pk__in=scopes.values("user_id"))
    if contact_request.recipient == Recipient.ECOSYSTEM:
        organisation_id = contact_request.ecosystem.leader_id
    else:
        organisation_id = contact_request.programme.organisation_id
    if organisation_id is None:
        return users.none()
    return users.filter(pk__in=Membership.objects.filter(organisation_id=organisation_id).values("user_id"))


def contact_request_recipients(contact_request: ContactRequest) -> list[str]:
    """The e-mail addresses a request goes to, without repeats.

    A programme: its contact e-mail, else its organisation's, and its organisation's staff. An
    ecosystem: its leader organisation's e-mail and staff. The territory: the local-authority
    viewers whose territorial scope contains the carrier's commune.
    """
    if contact_request.recipient == Recipient.ECOSYSTEM:
        organisation = contact_request.ecosystem.leader
        recipients = [organisation.email if organisation else ""]
    elif contact_request.recipient == Recipient.PROGRAMME:
        programme = contact_request.programme
        recipients = [programme.contact_email or programme.organisation.email]
    else:
        recipients = []
    recipients += list(contact_request_handlers(contact_request).values_list("email", flat=True))
    seen, result = set(), []
    for address in recipients:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            result.append(address)
    return result
