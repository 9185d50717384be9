import pytest
from django.urls import reverse

from essaim.accompaniment.enums import ReferralStatus
from essaim.demo import ecosystems as demo_ecosystems
from tests.factories.accompaniment import ReferralFactory
from tests.web.ecosystems.text import text_of

pytestmark = pytest.mark.django_db


def page_text(client, slug):
    response = client.get(reverse("ecosystems:detail", args=[slug]))
    assert response.status_code == 200
    return text_of(response)


def test_list_of_the_study_ecosystems(client, study):
    response = client.get(reverse("ecosystems:list"))
    assert response.status_code == 200
    text = text_of(response)
    for name in ("Pôle Sud", "RAMSESS", "REALIS"):
        assert name in text


def test_ramsess_page_exists_without_territory(client, study):
    text = page_text(client, "ramsess")
    assert "Coordination d'acteurs" in text
    assert "Territoire non précisé (la source ne le donne pas)" in text
    assert "Les membres de cet écosystème ne sont pas encore connus. La source ne les nomme pas." in text


def test_realis_page_shows_its_members_under_the_brand(client, study):
    text = page_text(client, "realis")
    assert "Sous la marque REALIS" in text
    assert "Entreprise ou réseau de l'ESS qui porte l'écosystème" in text
    assert "Chef d'orchestre" not in text
    assert "Alter'Incub" in text and "Coventis" in text
    assert "Membres qui agissent sans accompagner de projets : CRES LR" in text
    assert "Aude, Gard, Hérault, Lozère, Pyrénées-Orientales" in text


def test_a_local_authority_conductor(client, study):
    demo_ecosystems.seed()
    text = page_text(client, demo_ecosystems.CONDUCTOR_SLUG)
    assert "Communauté d'agglomération de démonstration" in text
    assert "Collectivité locale — rôle : Chef d'orchestre" in text
    assert "Département de démonstration — Acteur engagé" in text


def test_passerelles_counts_with_small_cells(client, world):
    world.eco.members.add(world.pa, world.pb)
    for _ in range(3):
        ReferralFactory(project__programme=world.pa, to_programme=world.pb, status=ReferralStatus.ACCEPTED)
    text = page_text(client, "eco-test")
    assert "Alpha Bêta moins de 5" in text
    assert "Réseau Leader" in text


def test_unknown_ecosystem_is_a_404(client, db):
    assert client.get(reverse("ecosystems:detail", args=["inconnu"])).status_code == 404
