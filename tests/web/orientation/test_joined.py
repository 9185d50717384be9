"""The results page's list of programmes, joined in Python (essaim/web/orientation/joined.py),
is byte for byte what the template's loop rendered before (issue 15)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.factories.calls import CallFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

RESULTS = reverse("orientation:results")
PARIS = ZoneInfo("Europe/Paris")

# The loop as results.html wrote it before.
PLAIN_ROWS = """{% load i18n %}
  <ol class="results">
    {% for match, card, call in rows %}
    <li class="card result">
      {{ card.start }}        {% for reason in match.reasons %}<li>{{ reason }}</li>{% endfor %}
      </ul>
      {% if call %}<p class="open-call"><a href="{% url 'calls_public:call' call.pk %}">{% blocktranslate with date=call.closes_at|date:"j F" %}Appel ouvert jusqu'au {{ date }}{% endblocktranslate %}</a><span class="visually-hidden"> : {{ call.title }}</span></p>{% endif %}
      <p class="no-print"><a class="button" href="{{ card.contact_url }}?{{ querystring }}">{% translate "Contacter ce dispositif" %}{{ card.end }}    </li>
    {% endfor %}
  </ol>"""


@pytest.fixture
def programmes():
    """Two programmes for Montpellier's emergence, names and call title needing escapes, one
    with an open call closing late at night (the date is the local one)."""
    first = ProgrammeFactory(
        slug="un",
        name="L'incubateur <héraultais> & co",
        zone=["departement:34"],
        stages=["emergence"],
        needs=["financing"],
        organisation=OrganisationFactory(name='Réseau "ESS" d\'Occitanie', email="contact@example.org"),
    )
    ProgrammeFactory(slug="deux", name="Couveuse", zone=["commune:34172"], stages=["emergence"])
    CallFactory(
        programme=first,
        open=True,
        title="Appel <2099> & suite",
        closes_at=dt.datetime(2099, 1, 10, 23, 30, tzinfo=PARIS),
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_programmes_list_is_the_plain_rendering(client, programmes, language):
    params = {"place": "commune:34172", "stage": "emergence", "need": "financing"}
    for _ in range(2):  # the first renders the cards, the second reuses them
        response = client.get(RESULTS, params, HTTP_ACCEPT_LANGUAGE=language)
        html = response.content.decode()
        with translation.override(language):
            plain = Template(PLAIN_ROWS).render(
                Context({"rows": response.context["rows"], "querystring": response.context["querystring"]})
            )
        assert plain in html
    assert len(response.context["rows"]) == 2
    assert "L&#x27;incubateur &lt;héraultais&gt; &amp; co" in html
    assert "Appel &lt;2099&gt; &amp; suite" in html
    assert ("10 janvier" if language == "fr" else "10 January") in html
    assert f'href="{reverse("orientation:contact", args=["un"])}?place=commune%3A34172&amp;' in html


@pytest.mark.parametrize(("level", "code"), [("commune", "2A004"), ("departement", "2B"), ("region", "84")])
def test_territory_links_are_the_reversed_ones(level, code):
    from essaim.web.orientation.joined import territory_url

    for _ in range(2):
        assert territory_url(level, code) == reverse("orientation:territory", args=[level, code])


def test_the_results_link_to_the_offer_of_the_commune_departement_and_region(client, programmes):
    html = client.get(RESULTS, {"place": "commune:34172", "stage": "emergence"}).content.decode()
    for level, code in [("commune", "34172"), ("departement", "34"), ("region", "76")]:
        assert f'href="{reverse("orientation:territory", args=[level, code])}"' in html
