import pytest
from django.urls import reverse

from essaim.business.models import SupplierOffer
from tests.business.factories import staff
from tests.factories.directory import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_search_finds_offers_by_sector_place_and_label(client, web):
    client.force_login(web.buyer_user)
    page = client.get(
        reverse("business:offers"), {"sector": "nettoyage", "place": "Montpellier", "label": "siae"}
    )
    assert page.status_code == 200
    assert [o.pk for o in page.context["offers"]] == [web.offer.pk]
    assert client.get(reverse("business:offers"), {"sector": "batiment"}).context["count"] == 1
    bad = client.get(reverse("business:offers"), {"place": "Zzzzville"})
    assert bad.status_code == 400 and "place" in bad.context["form"].errors


def test_anonymous_people_go_to_the_login_page(client, web):
    for url in (reverse("business:offers"), reverse("business:offer", args=[web.offer.pk])):
        assert client.get(url).url.startswith(reverse("web:login"))


def test_an_unpublished_offer_is_a_404_to_others_and_editable_by_its_staff(client, web):
    SupplierOffer.objects.filter(pk=web.offer.pk).update(is_published=False)
    client.force_login(web.buyer_user)
    assert client.get(reverse("business:offer", args=[web.offer.pk])).status_code == 404
    assert client.get(reverse("business:offer_edit", args=[web.other_offer.pk])).status_code == 403
    client.force_login(web.supplier)
    assert client.get(reverse("business:offer", args=[web.offer.pk])).status_code == 200
    edit = reverse("business:offer_edit", args=[web.offer.pk])
    data = {"summary": "Propreté", "sectors": ["nettoyage"], "zones": "Hérault", "capacity_band": "lt5k"}
    assert client.post(edit, data).status_code == 302
    web.offer.refresh_from_db()
    assert (web.offer.summary, web.offer.capacity_band, web.offer.is_published) == ("Propreté", "lt5k", False)


def test_create_an_offer_and_declare_a_label(client, web):
    organisation = OrganisationFactory(legal_form="scic")
    client.force_login(web.admin)
    data = {
        "organisation": organisation.pk,
        "summary": "Traiteur",
        "sectors": ["restauration"],
        "zones": "Gard",
        "capacity_band": "lt5k",
        "is_published": "on",
    }
    response = client.post(reverse("business:offer_create"), data)
    offer = SupplierOffer.objects.get(organisation=organisation)
    assert response.url == reverse("business:offer_edit", args=[offer.pk])
    assert [z.ref for z in offer.zones.all()] == ["departement:30"]
    client.force_login(staff(organisation))
    client.post(reverse("business:label_add", args=[offer.pk]), {"kind": "esus", "reference": "ESUS-1"})
    assert sorted(offer.labels.values_list("kind", "provenance")) == [
        ("ess", "record"),
        ("esus", "declared"),
        ("scop_scic", "record"),
    ]
    client.post(reverse("business:label_remove", args=[offer.pk, "esus"]))
    assert "esus" not in offer.labels.values_list("kind", flat=True)


def test_wrong_methods_and_people_without_an_organisation(client, web):
    client.force_login(web.other_buyer)
    assert client.post(reverse("business:offers")).status_code == 405
    assert client.get(reverse("business:label_add", args=[web.offer.pk])).status_code == 405
    assert (
        client.post(reverse("business:label_add", args=[web.offer.pk]), {"kind": "esus"}).status_code == 403
    )
    assert client.get(reverse("business:offer_mine")).context["offers"].count() == 0
