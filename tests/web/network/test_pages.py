import re

import pytest
from django.urls import reverse

HERAULT = {"level": "departement", "code": "34"}


def _get(client, user, name, **kwargs):
    client.force_login(user)
    return client.get(reverse(f"network:{name}", kwargs=kwargs))


def test_conductor_page_of_a_territory(client, world):
    response = _get(client, world.viewer, "territory_conductor", **HERAULT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tableau de bord : Hérault" in html
    assert 'id="offer-coverage"' in html
    assert '<title id="graph-title">Réseau d\'orientation : Hérault</title>' in html
    assert "Bêta : moins de 5 passerelles attendent" in html
    assert reverse("network:territory_diagnostic", kwargs=HERAULT) in html
    # The gaps of the offer link to their suggested action (Hérault: no développement programme).
    anchors = re.findall(r'href="#(action-[a-z]+-34)"', html)
    assert anchors == ["action-developpement-34"]
    assert 'id="action-developpement-34"' in html


def test_network_page_has_svg_table_and_csv_link(client, world):
    response = _get(client, world.viewer, "territory_network", **HERAULT)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img" aria-labelledby="graph-title graph-desc"' in html
    assert '<td>Alpha</td><td>Bêta</td><td>Passerelle</td><td class="num">11</td>' in html
    assert reverse("network:territory_network_csv", kwargs=HERAULT) in html


def test_csv_of_the_network(client, world):
    response = _get(client, world.viewer, "territory_network_csv", **HERAULT)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "De;Famille (de);Vers;Famille (vers);Type;Nombre"
    assert "Alpha;Dispositif d'appui à l'ESS;Bêta;Dispositif d'appui à l'ESS;Passerelle;11" in lines
    assert "Bêta;Dispositif d'appui à l'ESS;Gamma;Dispositif d'appui à l'ESS;Passerelle;< 5" in lines


def test_diagnostic_pdf(client, world):
    response = _get(client, world.viewer, "territory_diagnostic", **HERAULT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    assert 'filename="essaim-herault-diagnostic.pdf"' in response["Content-Disposition"]


def test_ecosystem_conductor_for_the_leader_staff(client, world):
    response = _get(client, world.leader_staff, "ecosystem_conductor", slug="eco-herault")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tableau de bord : Éco Hérault" in html
    assert "(hors écosystème)" in html  # Gamma receives from Bêta
    assert "Aucun membre n&#x27;accompagne l&#x27;étape « Développement »." in html


@pytest.mark.parametrize(
    "name", ["territory_conductor", "territory_network", "territory_network_csv", "territory_diagnostic"]
)
def test_post_is_refused(client, world, name):
    client.force_login(world.viewer)
    assert client.post(reverse(f"network:{name}", kwargs=HERAULT)).status_code == 405
