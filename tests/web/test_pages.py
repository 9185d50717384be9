"""The pages a public service owes its visitors (essaim/web/public/pages.py) and the footer."""

from datetime import date

import pytest
from django.urls import reverse

from essaim.accounts import privacy
from essaim.web.public.glossary import ENTRIES, entries_in_order
from essaim.web.public.pages import conformity, days_in_words
from tests.factories.accounts import UserFactory
from tests.web.html import assert_strict_csp_page

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"
NBSP = "\u00a0"
PAGES = {
    "web:about": "Qui sommes-nous et mentions légales",
    "web:privacy": "Données personnelles",
    "web:accessibility": "Déclaration d'accessibilité",
    "web:sitemap": "Plan du site",
    "web:glossary": "Glossaire",
}
OPERATOR = {
    "name": "Association Ruche Occitane",
    "legal_form": "association loi 1901",
    "address": "12 rue de l'Aiguillerie\n34000 Montpellier",
    "siret": "000 000 000 00000",
    "email": "contact@ruche.example",
    "phone": "04 00 00 00 00",
    "publication_director": "Camille Martin",
    "privacy_email": "dpo@ruche.example",
    "accessibility_email": "",
    "host_name": "Hébergeur Exemple SAS",
    "host_address": "1 rue du Serveur, 59000 Lille",
    "host_phone": "",
}


def _html(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(("name", "heading"), PAGES.items())
def test_pages_are_public_with_their_heading(client, name, heading):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in _html(response)
    assert_strict_csp_page(response)


@pytest.mark.parametrize("name", PAGES)
def test_pages_for_a_signed_in_person(client, name):
    client.force_login(UserFactory(carrier=True))
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_pages_refuse_post(client, name):
    assert client.post(reverse(name)).status_code == 405


def test_footer_links_to_every_page_and_each_answers(client):
    html = _html(client.get("/"))
    footer = html[html.index('<footer class="site-footer">') :]
    hrefs = [part.split('"', 1)[0] for part in footer.split('href="')[1:]]
    assert hrefs == [
        "/mentions-legales/",
        "/donnees-personnelles/",
        "/accessibilite/",
        "/plan-du-site/",
        "/glossaire/",
        "/sources/",
    ]
    for href in hrefs:
        assert client.get(href).status_code == 200, href
    assert "Accessibilité : non conforme" in footer


# --- Legal notice ----------------------------------------------------------------------------


def test_legal_notice_shows_the_operator_from_settings(client, settings):
    settings.OPERATOR = OPERATOR
    html = _html(client.get(reverse("web:about")))
    assert "<dd>Association Ruche Occitane (association loi 1901)</dd>" in html
    assert "<dd>12 rue de l&#x27;Aiguillerie<br>34000 Montpellier</dd>" in html
    assert '<a href="mailto:contact@ruche.example">contact@ruche.example</a>' in html
    assert "<dd>Camille Martin</dd>" in html
    assert "<dd>Hébergeur Exemple SAS</dd>" in html
    assert "n'a pas encore publié ses coordonnées" not in html
    # Empty fields are left out, not shown as empty rows.
    assert html.count("<dt>Téléphone</dt>") == 1
    assert "Site exploité par Association Ruche Occitane." in html


def test_legal_notice_says_when_the_operator_is_not_set(client, settings):
    settings.OPERATOR = dict.fromkeys(OPERATOR, "")
    html = _html(client.get(reverse("web:about")))
    assert "L'organisation qui exploite ce site n'a pas encore publié ses coordonnées." in html
    assert "L'hébergeur de ce site n'est pas encore indiqué." in html
    assert "Site exploité par" not in html


# --- Personal data ----------------------------------------------------------------------------


def test_privacy_page_reads_durations_from_settings(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 3600
    settings.SESSION_ABSOLUTE_TIMEOUT = 12 * 3600
    settings.LOGIN_RATE_WINDOW = 900
    html = _html(client.get(reverse("web:privacy")))
    assert f"la session se ferme après 1{NBSP}heure sans activité, et au plus tard 12{NBSP}heures" in html
    assert f"Compteurs de tentatives de connexion : 15{NBSP}minutes après le dernier échec" in html


def test_privacy_page_shows_the_retention_policy_from_settings(client, settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "contact_requests": 365, "audit_events": 0}
    settings.RETENTION_DAYS["task_results"] = 30
    html = _html(client.get(reverse("web:privacy")))
    assert f"<li>Demandes de contact aux dispositifs : 1{NBSP}an après leur envoi.</li>" in html
    assert "<li>Journal d&#x27;activité : sans limite de durée après l&#x27;événement.</li>" in html
    assert f"<li>Résultats des tâches de fond : 30{NBSP}jours après la fin de la tâche.</li>" in html


@pytest.mark.parametrize(
    ("days", "words"),
    [(0, "sans limite de durée"), (-3, "sans limite de durée"), (1, f"1{NBSP}jour"), (30, f"30{NBSP}jours")]
    + [(365, f"1{NBSP}an"), (1825, f"5{NBSP}ans"), (400, f"400{NBSP}jours")],
)
def test_days_in_words(days, words):
    assert days_in_words(days) == words


def test_privacy_page_links_the_rights_once_signed_in(client, settings):
    settings.OPERATOR = OPERATOR
    anonymous = _html(client.get(reverse("web:privacy")))
    assert reverse("workspace:data_export") not in anonymous
    assert '<a href="mailto:dpo@ruche.example">dpo@ruche.example</a>' in anonymous
    client.force_login(UserFactory(carrier=True))
    html = _html(client.get(reverse("web:privacy")))
    assert f'<a href="{reverse("workspace:data_export")}">Télécharger mes données</a>' in html
    assert f'<a href="{reverse("workspace:account_delete")}">Supprimer mon compte</a>' in html


def test_privacy_page_describes_every_app_that_holds_personal_data():
    """The page describes the export and erasure of these apps: a new one must be described there
    (essaim/web/templates/web/pages/privacy.html) before this list changes."""
    assert sorted(privacy._HOLDERS) == [
        "accompaniment",
        "business",
        "calls",
        "contact_requests",
        "ecosystems",
        "events",
        "fairs",
        "imports",
        "invitations",
        "library",
        "peers",
        "places",
        "replication",
        "skills",
    ]


# --- Accessibility ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("audit", "status", "rate"),
    [
        ({}, "non conforme", ""),
        ({"rate": ""}, "non conforme", ""),
        ({"rate": "pas un nombre"}, "non conforme", ""),
        ({"rate": "100"}, "totalement conforme", "100"),
        ({"rate": "75,5 %"}, "partiellement conforme", "75,5"),
        ({"rate": "50"}, "partiellement conforme", "50"),
        ({"rate": "49.9"}, "non conforme", "49,9"),
        ({"rate": "130"}, "totalement conforme", "100"),
    ],
)
def test_conformity_follows_the_rgaa_thresholds(audit, status, rate):
    result = conformity(audit)
    assert (result.status, result.rate) == (status, rate)


def test_accessibility_page_without_audit_says_non_conforme(client, settings):
    settings.ACCESSIBILITY_AUDIT = {"rate": "", "date": "", "auditor": ""}
    html = _html(client.get(reverse("web:accessibility")))
    assert "Ce site est <strong>non conforme</strong>" in html
    assert "Aucun audit complet du RGAA" in html
    assert "axe-core (version 4.10.3)" in html
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07." in html


def test_accessibility_page_with_an_audit(client, settings):
    settings.ACCESSIBILITY_AUDIT = {"rate": "82", "date": "2025-03-14", "auditor": "Access Exemple"}
    settings.OPERATOR = OPERATOR
    response = client.get(reverse("web:accessibility"))
    html = _html(response)
    assert "Ce site est <strong>partiellement conforme</strong>" in html
    assert "82 % des critères applicables" in html
    assert "Audit réalisé le 14 mars 2025 par Access Exemple." in html
    # No dedicated accessibility address: the operator's general one.
    assert '<a href="mailto:contact@ruche.example">contact@ruche.example</a>' in html
    assert "Accessibilité : partiellement conforme" in html
    assert conformity(settings.ACCESSIBILITY_AUDIT).audited_on == date(2025, 3, 14)


# --- Site map and glossary ----------------------------------------------------------------------


def test_site_map_links_answer(client):
    html = _html(client.get(reverse("web:sitemap")))
    main = html[html.index("<main") : html.index("</main>")]
    hrefs = [part.split('"', 1)[0] for part in main.split('href="')[1:]]
    assert "/orientation/" in hrefs
    assert "/espace/" not in hrefs
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_site_map_for_a_signed_in_person_lists_their_spaces(client):
    client.force_login(UserFactory(carrier=True))
    html = _html(client.get(reverse("web:sitemap")))
    assert '<a href="/espace/">Espace de travail</a>' in html
    assert f'<a href="{reverse("workspace:data_export")}">Télécharger mes données</a>' in html
    assert "Courriels envoyés" not in html


def test_glossary_lists_every_entry_in_alphabetical_order_with_unique_anchors(client):
    html = _html(client.get(reverse("web:glossary")))
    terms = [str(entry.term) for entry in entries_in_order()]
    assert terms[:3] == ["Accompagnement", "Appel à projets", "Centre de ressources"]
    assert (
        terms.index("Émergence") < terms.index("Entreprise sociale") < terms.index("EPCI (intercommunalité)")
    )
    assert len({entry.anchor for entry in ENTRIES}) == len(ENTRIES)
    for entry in ENTRIES:
        assert f'<dt id="{entry.anchor}">' in html
    assert '<a href="#couveuse">Couveuse d&#x27;entreprises</a>' in html


# --- Home --------------------------------------------------------------------------------------


def test_home_counts_published_programmes_with_the_french_plural(client):
    from tests.factories.directory import ProgrammeFactory

    assert f"0{NBSP}dispositif d&#x27;appui dans l'annuaire." in _html(client.get("/"))
    ProgrammeFactory(slug="a")
    ProgrammeFactory(slug="b", is_published=False)
    assert f"1{NBSP}dispositif d&#x27;appui dans l'annuaire." in _html(client.get("/"))
    ProgrammeFactory(slug="c")
    assert f"2{NBSP}dispositifs d&#x27;appui dans l'annuaire." in _html(client.get("/"))


def test_home_says_what_each_audience_can_do(client):
    html = _html(client.get("/"))
    for heading in ("Vous portez un projet", "Vous animez un dispositif", "Vous agissez pour un territoire"):
        assert f"<h2>{heading}</h2>" in html
    assert '<a href="/compte/connexion/?next=/espace/">Se connecter à mon espace</a>' in html


def test_menu_button_is_a_label_for_a_checkbox_without_script(client):
    html = _html(client.get("/"))
    assert (
        '<input type="checkbox" id="site-menu-toggle" class="site-menu-toggle" aria-controls="site-menu">'
        in html
    )
    assert '<label for="site-menu-toggle" class="site-menu-button">' in html
    assert '<div class="site-menu" id="site-menu">' in html
