"""The kit pages: list, creation, detail (kit, lineage table and tree, outcomes), edition, states,
candidates."""

import re

from django.urls import reverse

from essaim.calls.models import TerritoryNeed
from essaim.replication.enums import KitState
from essaim.replication.models import Kit
from tests.replication.factories import TEXTS
from tests.web.html import inline_code_problems


def test_list_shows_published_and_own_kits(client, web):
    client.force_login(web.o_staff)
    page = client.get(reverse("replication:kits")).content.decode()
    assert f'href="/espace/essaimage/{web.kit.pk}/"' in page
    assert f'href="/espace/essaimage/{web.draft.pk}/"' not in page
    assert "<td>1\u00a0copie</td>" in page
    client.force_login(web.m_staff)
    assert (
        f'href="/espace/essaimage/{web.draft.pk}/"'
        in client.get(reverse("replication:kits")).content.decode()
    )


def test_creating_a_kit_from_a_programme(client, web):
    client.force_login(web.c_staff)
    data = {
        "subject": f"programme:{web.pc.pk}",
        "name": "Fabrique de l'Aude",
        "need_terms": "fabrique",
        **TEXTS,
    }
    data["life_stages"] = ["emergence"]
    response = client.post(reverse("replication:kit_create"), data)
    kit = Kit.objects.get(programme=web.pc)
    assert response["Location"] == f"/espace/essaimage/{kit.pk}/"
    assert (kit.name, kit.state, kit.life_stages, kit.owner_id) == (
        "Fabrique de l'Aude",
        KitState.DRAFT,
        ["emergence"],
        web.pc.pk,
    )


def test_creating_a_kit_shows_errors_by_field(client, web):
    client.force_login(web.c_staff)
    data = {"subject": f"programme:{web.pc.pk}", "name": "X", **TEXTS, "documents": "Guide : pas-une-adresse"}
    response = client.post(reverse("replication:kit_create"), data)
    assert response.status_code == 200
    assert "Adresse de document invalide" in response.content.decode()
    assert not Kit.objects.filter(programme=web.pc).exists()
    # Another organisation's programme is not among the choices.
    response = client.post(reverse("replication:kit_create"), {**data, "subject": f"programme:{web.pm.pk}"})
    assert response.status_code == 200
    assert not Kit.objects.filter(programme=web.pm, name="X").exists()


def test_detail_shows_the_kit_the_lineage_and_the_outcomes(client, web):
    client.force_login(web.o_staff)
    page = client.get(reverse("replication:kit", kwargs={"pk": web.kit.pk})).content.decode()
    assert "Nouvelle leçon." in page
    assert 'href="https://example.org/guide.pdf"' in page
    assert "Garage solidaire Narbonne" in page
    assert "Narbonne" in page and "11262" not in re.sub(r'href="[^"]*"', "", page)
    assert "le kit a changé depuis" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    tree, drawn = page.split('<figure class="lineage-map">')
    assert tree.count("<circle") == 2
    # The map: 96 outline dots, the model and its copy (each a point in a 24-unit target), linked,
    # with their names said.
    assert drawn.count("<circle") == 96 + 2 * 2 and drawn.count("<line ") == 1
    assert drawn.count('r="12" fill="transparent"') == 2
    assert (
        f'<a href="/espace/essaimage/copies/{web.replica.pk}/" aria-label="Garage solidaire Narbonne, copie, Narbonne (Aude), le kit a changé depuis">'
        in drawn
    )
    assert '<a href="#lineage" aria-label="Garage solidaire, le modèle, Montpellier (Hérault)">' in drawn
    assert 'viewBox="0 0 360 ' in drawn and 'width="100%"' in drawn
    assert re.search(r'(cx|cy|x1|y2)="\d+,', drawn) is None  # numbers unlocalised: "217.0", not "217,0"
    assert "Ensemble des copies" in page
    assert "&lt; 5" in page  # the one project of a copy, read from outside
    assert f'href="/espace/essaimage/copies/{web.replica.pk}/"' in page
    assert "Modifier le kit" not in page and "Essaimer ce modèle" in page
    assert inline_code_problems(page) == []


def test_owners_edit_a_kit_into_a_new_version_and_retire_it(client, web):
    client.force_login(web.m_staff)
    url = reverse("replication:kit_edit", kwargs={"pk": web.kit.pk})
    form_page = client.get(url).content.decode()
    assert "Nouvelle leçon." in form_page and "Outillage : 30000.00" in form_page
    data = {
        "name": "Garage solidaire",
        "need_terms": "garage",
        **TEXTS,
        "lessons": "Troisième.",
        "note": "Suite",
    }
    assert client.post(url, data)["Location"] == f"/espace/essaimage/{web.kit.pk}/"
    web.kit.refresh_from_db()
    assert (web.kit.version, web.kit.versions.get(number=3).note) == (3, "Suite")
    client.post(reverse("replication:kit_transition", kwargs={"pk": web.kit.pk}), {"action": "retire"})
    web.kit.refresh_from_db()
    assert web.kit.state == KitState.RETIRED


def test_an_unknown_move_is_refused(client, web):
    client.force_login(web.m_staff)
    response = client.post(reverse("replication:kit_transition", kwargs={"pk": web.kit.pk}), {"action": "x"})
    assert response.status_code == 400
    web.kit.refresh_from_db()
    assert web.kit.state == KitState.PUBLISHED


def test_candidates_of_a_territory(client, web):
    TerritoryNeed.objects.create(
        programme=web.po, title="Garage pour tous", need="Mobilité", commune=web.toulouse
    )
    client.force_login(web.viewer)
    page = client.get(reverse("replication:candidates"), {"territoire": "Haute-Garonne"}).content.decode()
    assert "Besoin recensé : Garage pour tous" in page
    assert f'href="/espace/essaimage/{web.kit.pk}/"' in page
    page = client.get(reverse("replication:candidates"), {"territoire": "Aude"}).content.decode()
    assert "Aucun modèle à essaimer sur ce territoire." in page  # a copy is there
    page = client.get(
        reverse("replication:candidates"), {"territoire": "Nullepart-sur-Rien"}
    ).content.decode()
    assert 'id="errors-territoire">' in page and "Aucun modèle" not in page
