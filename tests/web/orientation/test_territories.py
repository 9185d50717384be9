"""/territoires/ (map and table), /territoires/<level>/<code>/ and /territoires/couverture.csv."""

import pytest
from django.urls import reverse

from tests.factories.directory import EcosystemFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes():
    dep = ProgrammeFactory(
        slug="incubateur-34", name="Incubateur héraultais", zone=["departement:34"], stages=["emergence"]
    )
    ProgrammeFactory(
        slug="pepiniere-agde",
        name="Pépinière d'Agde",
        zone=["commune:34003"],
        stages=["creation"],
        kind="business_nursery",
    )
    EcosystemFactory(name="Réseau héraultais").members.add(dep)
    return dep


def test_overview_has_the_map_and_the_table(client, programmes):
    response = client.get(reverse("orientation:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<path ") == 96  # metropolitan départements
    hérault = reverse("orientation:territory", args=["departement", "34"])
    assert (
        f'<a href="{hérault}" tabindex="-1"><title>Hérault : 2\u00a0étapes couvertes sur 4</title><path'
        in html
    )
    assert 'class="map-stages-2"' in html
    assert f'<th scope="row"><a href="{hérault}">Hérault (34)</a></th>' in html
    assert "CC BY 4.0" in html
    assert "style=" not in html


def test_departement_page(client, programmes):
    response = client.get(reverse("orientation:territory", args=["departement", "34"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1>Hérault <span class="muted">— Département 34</span></h1>' in html
    rows = {row["kind"]: row["cells"] for row in response.context["matrix_rows"]}
    assert [[f.slug for f in cell] for cell in rows["incubator"]] == [["incubateur-34"], [], [], []]
    assert [[f.slug for f in cell] for cell in rows["business_nursery"]] == [[], ["pepiniere-agde"], [], []]
    assert response.context["coverage"].gaps == ["consolidation", "developpement"]
    assert [e.name for e in response.context["ecosystems"]] == ["Réseau héraultais"]
    assert [a["label"] for a in response.context["surroundings"].authorities] == [
        "Département : Hérault (conseil départemental)",
        "Région : Occitanie (conseil régional)",
    ]
    assert [n.name for n in response.context["surroundings"].neighbours] == [
        "Aude",
        "Aveyron",
        "Gard",
        "Tarn",
    ]
    assert "Montpellier Méditerranée Métropole" in [c.name for c in response.context["surroundings"].children]


def test_commune_page_lists_its_authorities_and_neighbours(client, programmes):
    response = client.get(reverse("orientation:territory", args=["commune", "34172"]))
    assert response.status_code == 200
    assert [a["level"] for a in response.context["surroundings"].authorities] == [
        "commune",
        "epci",
        "departement",
        "region",
    ]
    assert [f.slug for f in response.context["coverage"].programmes] == ["incubateur-34"]
    assert "Castelnau-le-Lez" in [n.name for n in response.context["surroundings"].neighbours]


def test_region_and_national_pages_have_a_map(client, programmes):
    response = client.get(reverse("orientation:territory", args=["region", "76"]))
    assert response.status_code == 200
    assert [s.code for s in response.context["summaries"]][:2] == ["09", "11"]
    assert response.content.decode().count('class="map-out"') == 96 - 13
    response = client.get(reverse("orientation:territory", args=["national", "FR"]))
    assert response.status_code == 200
    assert len(response.context["summaries"]) >= 96


def test_epci_page(client, programmes):
    response = client.get(reverse("orientation:territory", args=["epci", "243400017"]))
    assert response.status_code == 200
    assert "Montpellier" in [c.name for c in response.context["surroundings"].children]


def test_arrondissement_code_redirects_to_the_commune(client):
    response = client.get(reverse("orientation:territory", args=["commune", "13201"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("orientation:territory", args=["commune", "13055"])


@pytest.mark.parametrize(
    ("level", "code"), [("departement", "999"), ("planete", "1"), ("national", "XX"), ("commune", "0")]
)
def test_unknown_territory_is_404(client, level, code):
    assert client.get(f"/territoires/{level}/{code}/").status_code == 404


def test_wrong_method(client):
    assert client.post(reverse("orientation:overview")).status_code == 405
    assert client.post(reverse("orientation:territory", args=["departement", "34"])).status_code == 405
    assert client.post(reverse("orientation:coverage_csv")).status_code == 405


def test_csv(client, programmes):
    response = client.get(reverse("orientation:coverage_csv"))
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("code_departement,departement,code_region,region,dispositifs,etapes_couvertes")
    assert any(
        line.startswith("34,Hérault,76,Occitanie,2,2,1,1,0,0,consolidation developpement,") for line in lines
    )


@pytest.mark.parametrize("count", [1, 10])
def test_territory_query_count_is_constant(client, count, django_assert_num_queries):
    for i in range(count):
        ProgrammeFactory(zone=["departement:34"], stages=["emergence"], name=f"Dispositif {i}")
    client.get(reverse("orientation:territory", args=["departement", "34"]))
    with django_assert_num_queries(9):
        client.get(reverse("orientation:territory", args=["departement", "34"]))


def test_overview_separates_regions_from_overseas_collectivities(client):
    response = client.get(reverse("orientation:overview"))
    assert [r.code for r in response.context["regions"]][:3] == ["84", "27", "53"]  # by name
    assert all(len(r.code) == 2 for r in response.context["regions"])
    assert "Nouvelle-Calédonie" in [c.name for c in response.context["collectivities"]]


def _neighbours(client, level, code):
    response = client.get(reverse("orientation:territory", args=[level, code]))
    assert response.status_code == 200
    return response


def test_departements_neighbours_share_a_border_across_regions(client):
    # The Lozère borders the Ardèche and the Haute-Loire (Auvergne-Rhône-Alpes), not the Pyrénées.
    response = _neighbours(client, "departement", "48")
    names = [n.name for n in response.context["surroundings"].neighbours]
    assert names == ["Ardèche", "Aveyron", "Cantal", "Gard", "Haute-Loire"]
    assert "Territoires voisins" in response.content.decode()


def test_regions_neighbours_are_the_regions_sharing_a_border(client):
    response = _neighbours(client, "region", "76")
    assert [n.name for n in response.context["surroundings"].neighbours] == [
        "Auvergne-Rhône-Alpes",
        "Nouvelle-Aquitaine",
        "Provence-Alpes-Côte d'Azur",
    ]
    corsica = _neighbours(client, "region", "94").context["surroundings"]
    assert corsica.neighbours == []


def test_overseas_neighbours_are_their_basin_never_every_region(client):
    response = _neighbours(client, "region", "01")
    surroundings = response.context["surroundings"]
    assert [n.name for n in surroundings.neighbours] == ["Martinique", "Saint-Barthélemy", "Saint-Martin"]
    assert surroundings.basin == "Antilles"
    assert "Territoires du même bassin (Antilles)" in response.content.decode()
    assert _neighbours(client, "region", "03").context["surroundings"].neighbours == []  # Guyane
    reunion = _neighbours(client, "departement", "974").context["surroundings"]
    assert [n.name for n in reunion.neighbours] == ["Mayotte", "Terres australes et antarctiques françaises"]


def test_region_headlines_count_departements_without_a_stage(client, programmes):
    response = _neighbours(client, "region", "76")
    assert [line.text for line in response.context["headlines"]] == [
        "13 départements sur 13 sans aucun dispositif de consolidation",
        "13 départements sur 13 sans aucun dispositif de développement",
        "12 départements sur 13 sans aucun dispositif d'émergence",
        "12 départements sur 13 sans aucun dispositif de création",
    ]
    html = response.content.decode()
    assert "<li><strong>12 départements sur 13 sans aucun dispositif d&#x27;émergence</strong></li>" in html
    assert "étape(s) de vie sur 4 couvertes" not in html


def test_region_where_every_departement_has_every_stage(client):
    ProgrammeFactory(zone=["region:76"], stages=["emergence", "creation", "consolidation", "developpement"])
    response = _neighbours(client, "region", "76")
    assert [line.text for line in response.context["headlines"]] == [
        "Les 13 départements ont au moins un dispositif à chaque étape de vie."
    ]


def test_departement_headlines_name_the_stages_without_any_programme(client, programmes):
    response = _neighbours(client, "departement", "34")
    assert [line.text for line in response.context["headlines"]] == [
        "Aucun dispositif de consolidation",
        "Aucun dispositif de développement",
    ]


def test_territory_titles_show_no_raw_code_but_the_departement_number(client):
    html = _neighbours(client, "commune", "34172").content.decode()
    assert '<h1>Montpellier <span class="muted">— Commune</span></h1>' in html
    html = _neighbours(client, "epci", "243400017").content.decode()
    assert "243400017</span></h1>" not in html


def _actor(slug, kind, commune, departement=None):
    from tests.factories.directory import OrganisationFactory

    family = "shared_place" if kind == "shared_place" else "mainstream"
    zone = [f"departement:{departement}"] if departement else [f"commune:{commune}"]
    return ProgrammeFactory(
        slug=slug,
        name=slug,
        kind=kind,
        family=family,
        source_key="test",
        organisation=OrganisationFactory(commune_id=commune),
        zone=zone,
    )


def test_mainstream_actors_are_shown_alongside_by_family_not_counted(client, programmes):
    _actor("France services d'Agde", "france_services", "34003")
    _actor("CCI Hérault", "cci", "34172", departement="34")
    _actor("Tiers-lieu agathois", "shared_place", "34003")
    response = client.get(reverse("orientation:territory", args=["commune", "34003"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 dispositif d'appui à l'ESS agit sur ce territoire." not in html
    assert "2 dispositifs d'appui à l'ESS agissent sur ce territoire." in html
    assert "À côté : acteurs de droit commun et lieux partagés" in html
    assert "<td>Acteur de droit commun</td>" in html
    assert '<th scope="row">France services</th>' in html
    assert "<li>CCI Hérault</li>" in html
    assert "<td>Lieu partagé</td>" in html
    assert [m.slug for m in response.context["coverage"].programmes] == ["incubateur-34", "pepiniere-agde"]
    assert response.context["coverage"].gaps == ["consolidation", "developpement"]
    # A département counts them without naming them.
    response = client.get(reverse("orientation:territory", args=["departement", "34"]))
    html = response.content.decode()
    assert "<li>CCI Hérault</li>" not in html
    assert [(g.family, g.kind, g.count) for g in response.context["coverage"].alongside] == [
        ("mainstream", "france_services", 1),
        ("mainstream", "cci", 1),
        ("shared_place", "shared_place", 1),
    ]


def test_a_territory_without_any_actor_says_so(client, programmes):
    response = client.get(reverse("orientation:territory", args=["departement", "23"]))
    assert "Aucun acteur de droit commun ni lieu partagé connu sur ce territoire" in response.content.decode()
