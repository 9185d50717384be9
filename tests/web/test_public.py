import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from essaim.directory import index as directory_index
from essaim.directory.enums import LifeStage
from tests.events.factories import EventFactory
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory
from tests.web.html import assert_strict_csp_page

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("web:directory")
HTMX = {"HX-Request": "true"}


QUERIES_PROGRAMME_PAGE = 7  # measured; the same with 1 and 4 events and ecosystems


def _span(now, days: float) -> tuple:
    start = now + dt.timedelta(days=days)
    return (start, start + dt.timedelta(hours=2))


def result_slugs(response) -> list[str]:
    return [programme.slug for programme, _words in response.context["page"].rows]


# --- Home -------------------------------------------------------------------------------


def test_home_is_public_and_french_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Parcourir l'annuaire" in html
    assert "70\u202f%" in html
    assert "CHORUM" in html
    assert_strict_csp_page(response)


def test_home_in_english_from_accept_language(client):
    response = client.get("/", headers={"Accept-Language": "en"})
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Browse the directory" in html
    assert "Parcourir l'annuaire" not in html


def test_language_switcher_sets_the_language(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/annuaire/"})
    assert response.status_code == 302
    assert response["Location"] == "/annuaire/"
    assert "Browse the directory" in client.get("/").content.decode()


def test_home_rejects_post(client):
    assert client.post("/").status_code == 405


# --- Directory ---------------------------------------------------------------------------


def test_directory_lists_published_programmes_by_name(client):
    ProgrammeFactory(slug="b", name="Bêta")
    ProgrammeFactory(slug="a", name="Alpha")
    ProgrammeFactory(slug="hidden", name="Caché", is_published=False)
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert result_slugs(response) == ["a", "b"]
    assert response.context["page"].paginator.count == 2
    assert_strict_csp_page(response)


def test_directory_place_by_name_is_resolved_on_the_server(client):
    ProgrammeFactory(slug="herault", zone=["departement:34"])
    ProgrammeFactory(slug="gard", zone=["departement:30"])
    response = client.get(DIRECTORY, {"place": "Montpellier"})
    assert response.status_code == 200
    assert response.context["choice"].ref == "commune:34172"
    assert result_slugs(response) == ["herault"]
    assert "Dispositifs qui agissent à <strong>Montpellier</strong> (Commune)." in response.content.decode()
    # The resolved reference is kept in the form for the next submission.
    assert 'name="territory" value="commune:34172"' in response.content.decode()


def test_directory_place_by_postal_code(client):
    ProgrammeFactory(slug="herault", zone=["departement:34"])
    response = client.get(DIRECTORY, {"place": "34000"})
    assert response.context["choice"].ref == "commune:34172"
    assert result_slugs(response) == ["herault"]


def test_directory_territory_reference_without_text(client):
    ProgrammeFactory(slug="herault", zone=["departement:34"])
    ProgrammeFactory(slug="bdr", zone=["departement:13"])
    response = client.get(DIRECTORY, {"territory": "departement:13"})
    assert result_slugs(response) == ["bdr"]
    assert response.context["form"].initial["place"] == "Bouches-du-Rhône"


def test_directory_stale_reference_yields_to_edited_text(client):
    ProgrammeFactory(slug="herault", zone=["departement:34"])
    ProgrammeFactory(slug="marseille", zone=["commune:13055"])
    response = client.get(DIRECTORY, {"place": "Marseille", "territory": "commune:34172"})
    assert response.context["choice"].ref == "commune:13055"
    assert result_slugs(response) == ["marseille"]


def test_directory_choice_filters_and_text(client):
    ProgrammeFactory(slug="emergence", name="Fabrique", stages=[LifeStage.EMERGENCE], needs=["financing"])
    ProgrammeFactory(slug="consolidation", name="Pépinière", stages=[LifeStage.CONSOLIDATION])
    assert result_slugs(client.get(DIRECTORY, {"stage": "emergence"})) == ["emergence"]
    assert result_slugs(client.get(DIRECTORY, {"need": "financing"})) == ["emergence"]
    assert result_slugs(client.get(DIRECTORY, {"q": "pepiniere"})) == ["consolidation"]


def test_directory_filters_by_family_of_offer(client):
    ProgrammeFactory(slug="incubateur", family="ess", kind="incubator")
    ProgrammeFactory(slug="cma", name="Chambre de métiers", family="mainstream", kind="cma")
    response = client.get(DIRECTORY, {"family": "mainstream"})
    assert result_slugs(response) == ["cma"]
    html = response.content.decode()
    assert '<option value="mainstream" selected>Acteur de droit commun</option>' in html
    assert "Chambre de métiers · Acteur de droit commun" not in html  # the organisation, not the name
    assert result_slugs(client.get(DIRECTORY, {"family": "ess"})) == ["incubateur"]


def test_directory_bad_choice_shows_error_next_to_field(client):
    ProgrammeFactory()
    response = client.get(DIRECTORY, {"stage": "plouf", "kind": "incubator"})
    assert response.status_code == 400
    assert response.context["page"] is None
    assert set(response.context["errors"]) == {"stage"}
    html = response.content.decode()
    assert '<p class="form-errors" id="errors-stage">Valeur inconnue « plouf ».' in html
    assert 'aria-invalid="true"' in html


def test_directory_unknown_place_is_a_field_error(client):
    response = client.get(DIRECTORY, {"place": "Zzyzxqwv"})
    assert response.status_code == 400
    assert response.context["errors"]["place"].startswith("Territoire inconnu : « Zzyzxqwv ».")


def test_directory_bad_territory_reference_is_a_field_error(client):
    response = client.get(DIRECTORY, {"territory": "departement:999"})
    assert response.status_code == 400
    assert response.context["errors"] == {"territory": "Territoire inconnu : departement:999"}
    assert "Territoire inconnu : departement:999" in response.content.decode()


def test_directory_htmx_request_gets_the_fragment_with_out_of_band_errors(client):
    ProgrammeFactory(slug="a")
    response = client.get(DIRECTORY, {"stage": "creation"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.startswith('<section id="resultats"')
    assert '<p class="form-errors" id="errors-stage" hx-swap-oob="true"></p>' in html
    assert response["Vary"] == "HX-Request, Accept-Language, Cookie"
    assert_strict_csp_page(response)


def test_directory_htmx_history_restore_gets_the_whole_page(client):
    response = client.get(DIRECTORY, headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_directory_paginates_by_25_and_keeps_filters(client):
    for i in range(27):
        ProgrammeFactory(slug=f"p{i:02}", name=f"Programme {i:02}")
    first = client.get(DIRECTORY, {"stage": "creation"})
    assert len(first.context["page"].rows) == 25
    assert 'href="?stage=creation&amp;page=2"' in first.content.decode()
    second = client.get(DIRECTORY, {"stage": "creation", "page": "2"})
    assert result_slugs(second) == ["p25", "p26"]
    assert client.get(DIRECTORY, {"page": "abc"}).status_code == 200


def test_directory_rejects_post(client):
    assert client.post(DIRECTORY).status_code == 405


@pytest.mark.parametrize("params", [{}, {"place": "Montpellier", "stage": "creation"}])
def test_directory_query_count_is_constant(client, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # A first request fills what every process computes once (header, referential) whatever the
    # test order, so that both measures below count only the page's own queries.
    client.get(DIRECTORY, params)
    ProgrammeFactory(zone=["departement:34", "region:76"])
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(DIRECTORY, params).context["page"].rows) == 1
    for _i in range(6):
        ProgrammeFactory(zone=["departement:34", "region:76"])
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(DIRECTORY, params).context["page"].rows) == 7
    assert len(many) == len(one)


def test_directory_query_count_exact(client, django_assert_num_queries, settings):
    settings.ORIENTATION_INDEX_VERSION_SECONDS = settings.ORIENTATION_INDEX_CHECK_SECONDS = 3600
    for _i in range(3):
        ProgrammeFactory(zone=["departement:34"])
    directory_index.get_index()  # built once per process, and again after an edit
    # The cards, rendered once per programme: the rows, their zones, the département names; and
    # the ecosystems of the form's select, once per index.
    with django_assert_num_queries(4):
        client.get(DIRECTORY)
    with django_assert_num_queries(0):  # then the search and the cards come from memory
        assert len(client.get(DIRECTORY, {"place": "Montpellier"}).context["page"].rows) == 3


def test_directory_cards_follow_an_edit_at_once(client):
    programme = ProgrammeFactory(name="Ancien nom", zone=["departement:34"])
    assert "Ancien nom" in client.get(DIRECTORY, {"place": "Montpellier"}).content.decode()
    programme.name = "Nouveau nom"
    programme.save()
    html = client.get(DIRECTORY, {"place": "Montpellier"}).content.decode()
    assert "Nouveau nom" in html
    assert "Ancien nom" not in html
    programme.organisation.name = "Coopérative renommée"
    programme.organisation.save()
    assert "Coopérative renommée" in client.get(DIRECTORY).content.decode()


def test_directory_cards_are_rendered_once_per_language(client):
    ProgrammeFactory(zone=["departement:34"], stages=["emergence"])
    french = client.get(DIRECTORY).content.decode()
    english = client.get(DIRECTORY, headers={"accept-language": "en"}).content.decode()
    assert "Zone d'intervention :" in french
    assert "Zone d'intervention :" not in english
    assert "Zone d'intervention :" in client.get(DIRECTORY).content.decode()


# --- Programme page ----------------------------------------------------------------------


def test_programme_page_shows_zone_in_words_and_details(client):
    organisation = OrganisationFactory(name="Alter'Incub Occitanie", email="contact@example.org")
    programme = ProgrammeFactory(
        slug="alter-incub",
        name="Alter'Incub",
        organisation=organisation,
        zone=["departement:34", "departement:30", "departement:11", "departement:48", "departement:66"],
        stages=["emergence", "creation"],
        needs=["financing"],
        publics=["carriers"],
        share_public_funding=80,
        source="Étude CHORUM/CIDES – ODYSSEM",
    )
    EcosystemFactory(slug="realis", name="REALIS", model="common_brand").members.add(programme)
    response = client.get(reverse("web:programme", args=["alter-incub"]))
    assert response.status_code == 200
    assert response.context["zone_words"] == "Aude, Gard, Hérault, Lozère, Pyrénées-Orientales"
    html = response.content.decode()
    assert ">Aude</a>, <a" in html
    assert "Émergence" in html
    assert "Financement" in html
    assert "Porteurs de projet" in html
    assert '<a href="/ecosystemes/realis/">REALIS</a> — Marque commune' in html
    assert "mailto:contact@example.org" in html
    assert '<td class="num">80 %</td>' in html
    assert "Étude CHORUM/CIDES – ODYSSEM" in html
    assert_strict_csp_page(response)


def test_programme_page_names_the_ecosystem_its_organisation_leads(client):
    leader = OrganisationFactory(name="Réseau REALIS")
    ProgrammeFactory(slug="realis", organisation=leader)
    EcosystemFactory(slug="realis-eco", name="REALIS", model="common_brand", leader=leader)
    EcosystemFactory(slug="autre", name="Autre écosystème")  # neither member nor led: not named
    response = client.get(reverse("web:programme", args=["realis"]))
    assert [e.slug for e in response.context["ecosystems"]] == ["realis-eco"]
    html = response.content.decode()
    assert '<a href="/ecosystemes/realis-eco/">REALIS</a>' in html
    assert "animé par la structure du dispositif" in html
    assert "/ecosystemes/autre/" not in html


def test_programme_page_lists_its_next_three_public_events(client):
    programme = ProgrammeFactory(slug="a")
    now = timezone.now()
    soonest = [
        EventFactory(programme=programme, published=True, title=f"Atelier {i}", sessions=[_span(now, i + 1)])
        for i in range(4)
    ]
    EventFactory(programme=programme, title="Brouillon", sessions=[_span(now, 0.5)])
    EventFactory(programme=programme, published=True, audience="carriers", title="Réservé")
    EventFactory(programme=ProgrammeFactory(), published=True, title="Ailleurs")
    response = client.get(reverse("web:programme", args=["a"]))
    assert [e.pk for e in response.context["events"]] == [e.pk for e in soonest[:3]]
    html = response.content.decode()
    assert "Prochains événements" in html
    assert f'<a href="/evenements/{soonest[0].pk}/">Atelier 0</a> — Atelier, ' in html
    first = timezone.localtime(soonest[0].starts_at)
    assert date_format(first, "l j F Y") + " à " + date_format(first, "H:i") in html
    for hidden in ("Atelier 3", "Brouillon", "Réservé", "Ailleurs"):
        assert hidden not in html


def test_programme_page_without_ecosystems_or_events_hides_both(client):
    ProgrammeFactory(slug="seul")
    html = client.get(reverse("web:programme", args=["seul"])).content.decode()
    assert 'id="ecosystemes"' not in html
    assert 'id="evenements"' not in html
    assert "non renseigné" not in html.lower()


@pytest.mark.parametrize("items", [1, 4])
def test_programme_page_query_count_is_constant(client, django_assert_num_queries, items):
    programme = ProgrammeFactory(slug="a", zone=["departement:34"])
    now = timezone.now()
    for i in range(items):
        EventFactory(programme=programme, published=True, sessions=[_span(now, i + 1)])
        EcosystemFactory().members.add(programme)
    EcosystemFactory(leader=programme.organisation)
    client.get(reverse("web:programme", args=["a"]))  # warm per-process caches (place names)
    with django_assert_num_queries(QUERIES_PROGRAMME_PAGE):
        response = client.get(reverse("web:programme", args=["a"]))
    assert len(response.context["ecosystems"]) == items + 1
    assert len(response.context["events"]) == min(items, 3)


def test_programme_page_unknown_or_unpublished_is_404(client):
    ProgrammeFactory(slug="brouillon", is_published=False)
    assert client.get(reverse("web:programme", args=["brouillon"])).status_code == 404
    assert client.get(reverse("web:programme", args=["inconnu"])).status_code == 404


def test_programme_page_rejects_post(client):
    ProgrammeFactory(slug="a")
    assert client.post(reverse("web:programme", args=["a"])).status_code == 405


# --- Territory suggestions ----------------------------------------------------------------

SUGGESTIONS = reverse("web:territory_suggestions")


def test_suggestions_by_name(client):
    response = client.get(SUGGESTIONS, {"q": "Montpellier"}, headers=HTMX)
    assert response.status_code == 200
    refs = [p.ref for p in response.context["places"]]
    # The commune before its more populous métropole.
    assert refs[:2] == ["commune:34172", "epci:243400017"]
    html = response.content.decode()
    assert 'data-fill-target="#id_place" data-fill-value="Montpellier"' in html
    assert 'data-fill-ref="#id_territory" data-fill-ref-value="commune:34172"' in html
    assert "<html" not in html


def test_suggestions_accept_the_directory_field_name_and_postal_codes(client):
    response = client.get(SUGGESTIONS, {"place": "34000"})
    assert [p.ref for p in response.context["places"]] == ["commune:34172"]


def test_suggestions_short_or_unknown_query(client):
    assert client.get(SUGGESTIONS, {"q": "M"}).context["places"] == []
    response = client.get(SUGGESTIONS, {"q": "Zzyzxqwv"})
    assert "Aucun territoire ne correspond à « Zzyzxqwv »." in response.content.decode()


def test_suggestions_sanitise_the_target_ids(client):
    response = client.get(SUGGESTIONS, {"q": "Montpellier", "input": '"><x', "ref": "id_ref"})
    assert response.context["input_id"] == "id_place"
    assert response.context["ref_id"] == "id_ref"


def test_suggestions_reject_post(client):
    assert client.post(SUGGESTIONS).status_code == 405


# --- Sources -----------------------------------------------------------------------------


def test_sources_page(client):
    response = client.get(reverse("web:sources"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "@etalab/decoupage-administratif" in html
    assert "Licence Ouverte / Open Licence 2.0 (Etalab)" in html
    assert_strict_csp_page(response)


def test_sources_rejects_post(client):
    assert client.post(reverse("web:sources")).status_code == 405


def test_directory_without_results_says_so(client):
    ProgrammeFactory(stages=["emergence"])
    response = client.get(DIRECTORY, {"stage": "consolidation"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "dispositifs trouvés" not in html
    assert "Aucun dispositif ne correspond à ces critères." in html


def test_directory_htmx_pushes_the_canonical_url(client):
    ProgrammeFactory(zone=["departement:34"])
    response = client.get(
        DIRECTORY, {"place": "Montpellier", "territory": "", "stage": "", "q": ""}, headers=HTMX
    )
    assert response["HX-Push-Url"] == "/annuaire/?place=Montpellier&territory=commune%3A34172"
    assert client.get(DIRECTORY, {"stage": ""}, headers=HTMX)["HX-Push-Url"] == "/annuaire/"


def test_directory_htmx_push_url_keeps_the_page(client):
    for _i in range(26):
        ProgrammeFactory()
    response = client.get(DIRECTORY, {"page": "2"}, headers=HTMX)
    assert response["HX-Push-Url"] == "/annuaire/?page=2"


def test_not_found_page_uses_the_site_layout(client):
    response = client.get("/dispositifs/inconnu/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page introuvable</h1>" in html
    assert 'class="skip-link"' in html
    assert_strict_csp_page(response)


def test_server_error_page_renders_without_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "<h1>Erreur du serveur</h1>" in html
    assert 'href="/static/essaim/essaim.css"' in html


def test_programme_page_without_economic_figures_hides_the_section(client):
    ProgrammeFactory(slug="sans-chiffres")
    response = client.get(reverse("web:programme", args=["sans-chiffres"]))
    assert response.context["shares"] == []
    assert "Modèle économique" not in response.content.decode()  # missing fields are hidden (issue 10)


def test_home_place_search_leads_to_the_directory(client):
    html = client.get("/").content.decode()
    assert '<form method="get" action="/annuaire/"' in html
    assert 'name="place" id="home-place"' in html


def test_directory_fragment_updates_the_live_region_out_of_band(client):
    ProgrammeFactory()
    html = client.get(DIRECTORY, headers=HTMX).content.decode()
    assert '<p id="results-status" hx-swap-oob="innerHTML">1 dispositif trouvé.</p>' in html
    page = client.get(DIRECTORY).content.decode()
    assert '<p id="results-status" class="visually-hidden" role="status"></p>' in page


def test_language_switcher_offers_the_other_language(client):
    html = client.get("/").content.decode()
    assert 'name="language" value="en" lang="en"' in html
    assert 'value="fr" lang="fr"' not in html


TRICKY = [
    "",
    " ",
    "::",
    "commune:",
    "national",
    "national:XX",
    "region:",
    "x" * 500,
    "é€𝄞",
    "\x00",
    "%",
    "_",
    "'\"",
]


@pytest.mark.parametrize("value", TRICKY)
@pytest.mark.parametrize("name", ["place", "territory", "stage", "q", "page"])
def test_directory_never_fails_on_odd_input(client, name, value):
    response = client.get(DIRECTORY, {name: value})
    assert response.status_code in (200, 400)
    response = client.get(DIRECTORY, {name: value}, headers=HTMX)
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("value", TRICKY)
def test_suggestions_never_fail_on_odd_input(client, value):
    assert client.get(SUGGESTIONS, {"q": value}).status_code == 200


def test_directory_place_prefers_names_starting_with_the_text(client):
    response = client.get(DIRECTORY, {"place": "romans"})
    choice = response.context["choice"]
    assert choice.place.name == "Romans-sur-Isère"
    assert choice.ambiguous is True
    assert [p.name for p in choice.alternatives[:2]] == ["Romans", "Romans"]
    html = response.content.decode()
    assert "Plusieurs territoires correspondent à « romans ». Précisez :" in html
    assert ">Romans (Deux-Sèvres)</a>" in html


def test_directory_homonyms_are_offered_with_their_departement(client):
    response = client.get(DIRECTORY, {"place": "Saint-Martin"})
    assert response.status_code == 200
    assert response.context["choice"].ref == "commune:97801"
    html = response.content.decode()
    assert '&amp;territory=commune%3A32389">Saint-Martin (Gers)</a>' in html


def test_directory_typo_suggests_places(client):
    response = client.get(DIRECTORY, {"place": "montpelier"})
    assert response.status_code == 400
    assert response.context["errors"]["place"].startswith(
        "Territoire inconnu : « montpelier ». Vouliez-vous dire Montpellier (Hérault)"
    )
    assert 'territory=commune%3A34172">Montpellier (Hérault)</a>' in response.content.decode()
    assert 'value="montpelier"' in response.content.decode()  # what was typed stays


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gard", "departement:30"),
        ("Occitanie", "region:76"),
        ("Marseille", "commune:13055"),
        ("Lozère", "departement:48"),
        ("48", "departement:48"),
        ("Saint-Martin (Gers)", "commune:32389"),
        ("st etienne", "commune:42218"),
    ],
)
def test_directory_place_ranking(client, text, expected):
    assert client.get(DIRECTORY, {"place": text}).context["choice"].ref == expected


def test_directory_alternative_places_keep_the_other_filters(client):
    html = client.get(DIRECTORY, {"place": "Montpellier", "stage": "creation"}).content.decode()
    assert (
        'href="?stage=creation&amp;place=Montpellier%20M%C3%A9diterran%C3%A9e%20M%C3%A9tropole&amp;territory=epci%3A243400017"'
        in html
    )


def test_every_navigation_link_leads_somewhere(client):
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    hrefs = [part.split('"', 1)[0] for part in nav.split('href="')[1:]]
    assert hrefs == [
        "/annuaire/",
        "/orientation/",
        "/territoires/",
        "/appels/",
        "/evenements/",
        "/ecosystemes/",
        "/espace/",
        "/rapports/",
    ]
    for href in hrefs:
        assert client.get(href).status_code == 200, href


@pytest.mark.parametrize("name", ["family", "kind", "model", "need", "public", "stage"])
def test_directory_choice_fields_render_as_the_form_does(name):
    from django.template.loader import get_template

    from essaim.web.public.directory import select_fields
    from essaim.web.public.forms import DirectoryFilterForm

    template = get_template("web/_field.html")
    form = DirectoryFilterForm()
    for value in ["", *(value for value, _label in form.fields[name].choices if value)]:
        chosen = DirectoryFilterForm(initial={name: value})
        expected = template.render({"field": chosen[name], "error": ""})
        assert select_fields(chosen, {name: value}, {})[name] == expected, value
    errored = DirectoryFilterForm(initial={name: "x"}, errors={name: "Valeur inconnue"})
    assert 'aria-invalid="true"' in select_fields(errored, {name: "x"}, {name: "Valeur inconnue"})[name]


@pytest.mark.django_db
def test_directory_ecosystem_and_text_fields_render_as_the_form_does():
    from django.template.loader import get_template

    from essaim.web.public.directory import select_fields
    from essaim.web.public.forms import DirectoryFilterForm
    from tests.factories.directory import EcosystemFactory

    EcosystemFactory(slug="ramsess", name="RAMSESS")
    template = get_template("web/_field.html")
    values = {
        "ecosystem": ["", "ramsess"],
        "q": ["", 'tiers-lieu "vert" & <bio>'],
        "territory": ["", "commune:11069"],
    }
    for name, choices in values.items():
        for value in choices:
            chosen = DirectoryFilterForm(initial={name: value})
            expected = (
                str(chosen[name])
                if name == "territory"
                else template.render({"field": chosen[name], "error": ""})
            )
            assert select_fields(chosen, {name: value}, {})[name] == expected, (name, value)
    assert "RAMSESS" in select_fields(DirectoryFilterForm(), {}, {})["ecosystem"]
    errored = DirectoryFilterForm(initial={"q": "x"}, errors={"q": "Trop long"})
    assert "Trop long" in select_fields(errored, {"q": "x"}, {"q": "Trop long"})["q"]


# --- Navigation and site map --------------------------------------------------------------


def test_navigation_and_site_map_link_events_and_ecosystems(client):
    html = client.get(reverse("web:sitemap")).content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    assert '<a href="/evenements/">Événements</a>' in nav
    assert '<a href="/ecosystemes/">Écosystèmes</a>' in nav
    main = html[html.index("<main") : html.index("</main>")]
    assert '<a href="/evenements/">Événements et formations</a>' in main
    assert '<a href="/ecosystemes/">Écosystèmes de dispositifs</a>' in main
    current = client.get("/ecosystemes/").content.decode()
    assert '<a href="/ecosystemes/" aria-current="page">Écosystèmes</a>' in current


# --- Directory: filter by ecosystem -------------------------------------------------------


def test_directory_filters_by_ecosystem_and_lists_ecosystems_by_name(client):
    realis = EcosystemFactory(slug="realis", name="REALIS")
    EcosystemFactory(slug="ramsess", name="RAMSESS")
    realis.members.add(ProgrammeFactory(slug="membre", name="Membre"))
    ProgrammeFactory(slug="autre", name="Autre")
    response = client.get(DIRECTORY, {"ecosystem": "realis"})
    assert response.status_code == 200
    assert result_slugs(response) == ["membre"]
    html = response.content.decode()
    select = html[html.index('name="ecosystem"') : html.index("</select>", html.index('name="ecosystem"'))]
    assert select.index(">RAMSESS<") < select.index(">REALIS<")
    assert '<option value="realis" selected>REALIS</option>' in select
    assert '<option value="">Tous les écosystèmes</option>' in select
    assert "ecosystem=realis" in response.context["querystring"]


def test_directory_unknown_ecosystem_is_a_field_error(client):
    response = client.get(DIRECTORY, {"ecosystem": "inconnu"})
    assert response.status_code == 400
    assert response.context["errors"] == {"ecosystem": "Écosystème inconnu « inconnu »."}
    assert "Écosystème inconnu « inconnu »." in response.content.decode()
