"""Registry rows written directly (the importer and the adapter have their own tests)."""

import datetime as dt

from essaim.registry.enums import RegistryState, Source
from essaim.registry.models import Establishment, LegalUnit
from tests.factories.accounts import MembershipFactory
from tests.factories.evidence import EnterpriseFactory

AS_OF = dt.date(2026, 11, 5)


def establishment(siret, *, closed_on=None, created_on=dt.date(2020, 6, 1), commune="69384", as_of=AS_OF):
    e = Establishment(
        siret=siret,
        siren=siret[:9],
        commune=commune,
        departement=commune[:2],
        created_on=created_on,
        closed_on=closed_on,
        state=RegistryState.CLOSED if closed_on else RegistryState.ACTIVE,
        source=Source.STOCK,
        as_of=as_of,
    ).observe()
    e.save()
    return e


def legal_unit(siren, *, is_ess=None, category="", as_of=AS_OF):
    return LegalUnit.objects.create(
        siren=siren,
        state=RegistryState.ACTIVE,
        is_ess=is_ess,
        legal_category=category,
        source=Source.STOCK,
        as_of=as_of,
    )


def followed_closed(siret="30222818400057", *, name="La Fabrique solidaire"):
    """A followed enterprise declared active (no check-in) whose establishment is closed."""
    enterprise = EnterpriseFactory(siret=siret, name=name)
    establishment(siret, closed_on=dt.date(2024, 3, 1))
    return enterprise


def staff_of(enterprise):
    return MembershipFactory(organisation=enterprise.project.programme.organisation).user
