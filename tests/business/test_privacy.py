import pytest

from essaim.accounts.privacy import account_erase, personal_data_export
from essaim.business.models import SupplierOffer
from essaim.core import retention
from tests.business.factories import OfferFactory, RequestFactory
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_export_and_erasure_of_an_offer_contact_and_what_they_wrote():
    user = UserFactory(email="claire@fournisseur.example")
    offer = OfferFactory(
        contact_email="Claire@fournisseur.example", contact_name="Claire", contact_phone="04 67 12 34 56"
    )
    request = RequestFactory(created_by=user)
    data = personal_data_export(user=user)["business"]
    assert data["offer_contacts"][0]["name"] == "Claire"
    assert [r["title"] for r in data["requests_written"]] == [request.title]
    done = account_erase(user=user)["business"]
    assert done["offer_contacts"] == 1 and done["requests"] == 1
    offer.refresh_from_db()
    assert (offer.contact_name, offer.contact_email, offer.contact_phone) == ("", "", "")
    request.refresh_from_db()
    assert request.created_by_id is None


def test_retention_wipes_contacts_of_offers_hidden_long_ago(settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "business_contacts": 1}
    hidden = OfferFactory(is_published=False)
    shown = OfferFactory()
    SupplierOffer.objects.filter(pk=hidden.pk).update(updated_at="2020-01-01T00:00:00Z")
    assert retention.purge(kinds=["business_contacts"]) == {"business_contacts": 1}
    assert SupplierOffer.objects.get(pk=hidden.pk).contact_email == ""
    assert SupplierOffer.objects.get(pk=shown.pk).contact_email != ""
