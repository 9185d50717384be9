from decimal import Decimal

import pytest
from django.utils import timezone

from essaim.business import figures
from essaim.business.enums import RequestState
from essaim.business.models import Deal, Response, Routing
from essaim.events.models import PlaceKind
from essaim.evidence.facts import facts_refresh
from essaim.evidence.privacy import MASKED, SMALL
from essaim.evidence.scopes import Scope
from essaim.fairs.models import FollowUp, MeetingState, Side
from tests.business.factories import BEZIERS, NIMES, BuyerFactory, OfferFactory, RequestFactory
from tests.factories.evidence import EnterpriseFactory
from tests.fairs.factories import FairFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def _open(**kwargs):
    return RequestFactory(state=RequestState.OPEN, published_at=timezone.now(), **kwargs)


def _deal(request, offer, amount):
    response = Response.objects.create(request=request, lead=offer, message="Oui")
    Routing.objects.get_or_create(request=request, offer=offer)
    return Deal.objects.create(request=request, made=True, response=response, amount=Decimal(amount))


def _world():
    buyer = BuyerFactory(annual_purchases=Decimal("100000"))
    offers = [OfferFactory() for _ in range(6)]
    herault = _open(buyer=buyer)
    for offer in offers:
        Routing.objects.create(request=herault, offer=offer)
    for offer in offers[:5]:
        Response.objects.create(request=herault, lead=offer, message="Oui")
    gard = _open(buyer=buyer, commune_id=NIMES)
    _deal(gard, offers[0], "12000")
    RequestFactory(buyer=buyer)  # a draft: never counted
    return buyer, offers


def test_inside_every_figure_by_departement():
    _world()
    rows = {r.label: r for r in figures.breakdown("departement", inside=True)}
    assert list(rows) == ["Gard", "Hérault"]
    h, g = rows["Hérault"], rows["Gard"]
    assert (h.requests, h.suppliers, h.responses, h.deals, h.amount) == (1, 6, 5, 0, Decimal(0))
    assert (g.requests, g.suppliers, g.responses, g.deals, g.amount) == (1, 1, 1, 1, Decimal("12000"))


def test_outside_counts_of_enterprises_under_5_are_hidden_with_their_complement():
    _world()
    rows = {r.label: r for r in figures.breakdown("departement", inside=False)}
    h, g = rows["Hérault"], rows["Gard"]
    assert (g.suppliers, g.responses, g.deals, g.amount) == (MASKED, MASKED, SMALL, SMALL)
    # the Hérault's 6 suppliers and 5 responses would give the Gard's 1 back from the total
    assert (h.suppliers, h.responses, h.deals, h.requests) == (MASKED, MASKED, 0, 1)


def test_the_buyers_share_of_purchases_and_by_sector():
    buyer, _offers = _world()
    row = figures.buyer_figures(buyer)
    assert (row.requests, row.deals, row.amount, row.ess_share) == (2, 1, Decimal("12000"), 12.0)
    assert [r.key for r in figures.breakdown("sector", inside=True)] == ["nettoyage"]


def test_by_programme_counts_the_accompanied_suppliers_and_deal_revenue_for_evidence():
    enterprise = EnterpriseFactory()
    project = enterprise.project
    offer = OfferFactory(project=project)
    _deal(_open(commune_id=BEZIERS), offer, "8000")
    rows = figures.breakdown("programme", inside=True)
    assert [(r.key, r.deals, r.amount) for r in rows] == [(str(project.programme_id), 1, Decimal("8000"))]
    facts_refresh([project.pk])
    scope = Scope(kind="programme", label="", programme=project.programme)
    assert figures.deal_revenue(scope, inside=True) == {
        "enterprises": 1,
        "deals": 1,
        "amount": Decimal("8000"),
    }
    assert figures.deal_revenue(scope, inside=False) == {
        "enterprises": SMALL,
        "deals": SMALL,
        "amount": SMALL,
    }
    other = Scope(kind="territory", label="", level="departement", code="13")
    assert figures.deal_revenue(other, inside=True) == {"enterprises": 0, "deals": 0, "amount": Decimal(0)}


def test_a_departement_is_not_recomputed_from_its_region_row():
    """Deals: Hérault 5 and Gard 2 (Occitanie 7), Paris 2, Marseille 2. The table by région shows
    Occitanie's 7 (the others' 2 and 2 hide each other); without the table of Occitanie's
    départements, Hérault's 5 would be shown and 7 − 5 would give the Gard's 2 back."""
    offer = OfferFactory()
    for commune, n in (("34172", 5), (NIMES, 2), ("75056", 2), ("13055", 2)):
        for _i in range(n):
            _deal(_open(commune_id=commune), offer, "1000")
    regions = {r.label: r.deals for r in figures.breakdown("region", inside=False)}
    assert regions["Occitanie"] == 7
    departements = {r.label: r.deals for r in figures.breakdown("departement", inside=False)}
    assert departements["Hérault"] == MASKED and departements["Gard"] == MASKED
    assert figures.breakdown("departement", inside=True)[0].deals in (2, 5)


def test_trade_fair_deals_count_by_place_sector_programme_and_in_the_evidence():
    """A fair at Béziers: one meeting followed by a deal with an accompanied enterprise, one by
    a quote with a supplier that has no offer; an online fair's deal counts by sector and
    programme but not by place; a meeting that did not take place counts nowhere."""
    project = EnterpriseFactory().project
    offer = OfferFactory(project=project, sectors=["restauration"])
    fair = FairFactory(place_kind=PlaceKind.ADDRESS, commune_id=BEZIERS, address="Palais des congrès")
    online = FairFactory()

    def supplier(event, organisation=None):
        return ParticipantFactory(event=event, side=Side.SUPPLIER, organisation=organisation)

    held = {"state": MeetingState.HELD}
    MeetingFactory(
        event=fair,
        supplier=supplier(fair, offer.organisation),
        follow_up=FollowUp.DEAL,
        deal_amount=5000,
        **held,
    )
    MeetingFactory(event=fair, supplier=supplier(fair), follow_up=FollowUp.QUOTE, **held)
    MeetingFactory(
        event=online,
        supplier=supplier(online, offer.organisation),
        follow_up=FollowUp.DEAL,
        deal_amount=700,
        **held,
    )
    MeetingFactory(
        event=fair, supplier=supplier(fair, offer.organisation), follow_up=FollowUp.DEAL, deal_amount=9
    )

    def rows(by):
        return {
            r.key: (r.requests, r.suppliers, r.deals, r.amount) for r in figures.breakdown(by, inside=True)
        }

    assert rows("departement") == {"34": (2, 1, 1, Decimal(5000))}
    assert rows("region") == {"76": (2, 1, 1, Decimal(5000))}
    assert rows("sector") == {"restauration": (2, 1, 2, Decimal(5700))}
    assert rows("programme") == {str(project.programme_id): (2, 1, 2, Decimal(5700))}
    assert rows("buyer") == {}  # no buyer participant is linked to a buyer record
    facts_refresh([project.pk])
    scope = Scope(kind="programme", label="", programme=project.programme)
    assert figures.deal_revenue(scope, inside=True) == {"enterprises": 1, "deals": 2, "amount": Decimal(5700)}
    assert figures.deal_revenue(scope, inside=False)["deals"] == SMALL


def test_a_table_whose_every_row_is_deducible_reads_masked_zeros_included():
    """Five départements of Occitanie with one deal each and one with a request only, under
    Occitanie's 5 deals shown by région: each "< 5" would be a 1, so the column of that table
    reads "masqué" everywhere, the zero too (otherwise the five would be known to hold one each)."""
    offer = OfferFactory()
    for commune in ("34172", NIMES, "11069", "31555", "81004"):
        _deal(_open(commune_id=commune), offer, "1000")
    _open(commune_id="66136")  # Perpignan: a request, no deal
    for _i in range(7):
        _deal(_open(commune_id="75056"), offer, "1000")
    regions = {r.label: r.deals for r in figures.breakdown("region", inside=False)}
    assert regions == {"Île-de-France": 7, "Occitanie": 5}
    departements = {r.label: r.deals for r in figures.breakdown("departement", inside=False)}
    assert set(departements) == {
        "Aude",
        "Gard",
        "Haute-Garonne",
        "Hérault",
        "Paris",
        "Pyrénées-Orientales",
        "Tarn",
    }
    assert all(value == MASKED for value in departements.values()), departements
    inside = {r.label: r.deals for r in figures.breakdown("departement", inside=True)}
    assert inside["Pyrénées-Orientales"] == 0 and inside["Aude"] == 1
