"""The results page's parcours, gaps and nearby sections, joined from parts rendered once
(issue 15, essaim/web/orientation/cards.py), are what the template engine rendered before."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

RESULTS = reverse("orientation:results")

# The sections as results.html rendered them before (every link and door card in the template).
PLAIN = """{% load i18n essaim_tags %}{% with place=result.context.commune %}{% if result.parcours %}
<section aria-labelledby="parcours-title">
  <h2 id="parcours-title">{% translate "Votre parcours : qui prend le relais ensuite ?" %}</h2>
  <ol class="parcours">
    {% for stage, matches in result.parcours.items %}
    <li><h3>{{ stage|label:"stage" }}</h3>
      {% if matches %}
      <ul>{% for m in matches %}<li><a href="{% url 'web:programme' m.fact.slug %}">{{ m.fact.name }}</a> <span class="muted">— {{ m.reasons.0 }}</span></li>{% endfor %}</ul>
      {% else %}<p class="gap">{% translate "Aucun dispositif ici pour cette étape." %}</p>{% endif %}
    </li>
    {% endfor %}
  </ol>
</section>
{% endif %}

{% if result.gaps %}
<section aria-labelledby="gaps-title">
  <h2 id="gaps-title">{% translate "Les manques du territoire, et les alternatives les plus proches" %}</h2>
  <ul class="gaps">
    {% for gap in result.gaps %}
    <li><strong>{{ gap.stage|label:"stage" }}</strong> : {% translate "aucun dispositif d'appui à l'ESS ne couvre votre commune." %}
      {% if gap.alternatives %}{% translate "Au plus près" %} ({{ gap.where_label }}) :
      {% for item in gap.nearest %}<a href="{% url 'web:programme' item.fact.slug %}">{{ item.fact.name }}</a>{% if item.place or item.distance_km is not None %} <span class="muted">({% if item.distance_km is not None %}{% blocktranslate with km=item.distance_km %}à {{ km }} km{% endblocktranslate %}{% if item.place %}, {% endif %}{% endif %}{{ item.place }})</span>{% endif %}{% if not forloop.last %}, {% endif %}{% endfor %}.
      {% endif %}
      {% if gap.doors %}{% translate "Près de chez vous pour cette étape :" %}
      {% for door in gap.doors %}<a href="#door-{{ door.door.slug }}">{{ door.door.name }}</a> <span class="muted">({{ door.where }})</span>{% if not forloop.last %}, {% endif %}{% endfor %}.
      {% elif not gap.alternatives %}{% translate "Aucune alternative connue." %}{% endif %}
    </li>
    {% endfor %}
  </ul>
</section>
{% endif %}
{% endwith %}"""
PLAIN_NEARBY = """{% load i18n essaim_tags %}  {% if result.nearby %}
  <ol class="results nearby">
    {% for item in result.nearby %}{% with door=item.door %}
    <li class="card result" id="door-{{ door.slug }}">
      <h3>{{ door.name }}</h3>
      <p class="muted">{{ door.family|label:"family" }} · {{ door.kind|label:"kind" }} · {{ item.where }}</p>
      <p>{{ item.why }}</p>
      <ul class="contact">
        {% if door.address %}<li>{% translate "Adresse :" %} {{ door.address }}{% if door.postal_code or door.city %}, {{ door.postal_code }} {{ door.city }}{% endif %}</li>{% endif %}
        {% if door.phone %}<li>{% translate "Téléphone :" %} <a href="tel:{{ door.phone|cut:' ' }}">{{ door.phone }}</a></li>{% endif %}
        {% if door.email %}<li>{% translate "Courriel :" %} <a href="mailto:{{ door.email }}">{{ door.email }}</a></li>{% endif %}
        {% if door.website %}<li>{% translate "Site web :" %} <a href="{{ door.website }}" rel="noopener">{{ door.website }}</a></li>{% endif %}
        {% if door.opening_hours %}<li>{% translate "Horaires :" %} {{ door.opening_hours }}</li>{% endif %}
      </ul>
      <p class="muted small">{% blocktranslate with date=item.data_date source=door.source %}Source : {{ source }} — {{ date }}.{% endblocktranslate %}</p>
    </li>
    {% endwith %}{% endfor %}
  </ol>
  {% endif %}
"""


@pytest.fixture
def world():
    """A door in Aubusson with every contact field, a programme there for the emergence only,
    and one in the Haute-Vienne: the creation stage is a gap with a nearest alternative."""
    door = ProgrammeFactory(
        slug="fs-aubusson",
        name="France services d'Aubusson & co",
        kind="france_services",
        family="mainstream",
        source_key="test",
        organisation=OrganisationFactory(
            commune_id="23008",
            phone="05 55 00 00 00",
            email="fs@example.org",
            website="https://fs.example.org",
        ),
        zone=["commune:23008"],
        stages=["emergence", "creation", "consolidation", "developpement"],
    )
    here = ProgrammeFactory(
        slug="ici", name="Incubateur <creusois>", zone=["departement:23"], stages=["emergence"]
    )
    near = ProgrammeFactory(
        slug="pres", name="Pépinière limousine", zone=["departement:87"], stages=["creation"]
    )
    return door, here, near


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("stage", ["creation", "emergence"])
def test_the_sections_are_the_plain_rendering(client, world, stage, language):
    for _ in range(2):  # the first builds the parts, the second reuses them
        response = client.get(
            RESULTS, {"place": "commune:23008", "stage": stage}, HTTP_ACCEPT_LANGUAGE=language
        )
        html = response.content.decode()
        with translation.override(language):
            context = Context({"result": response.context["result"]})
            plain = [Template(PLAIN).render(context), Template(PLAIN_NEARBY).render(context)]
        assert plain[0] in html
        assert plain[1] in html
    assert 'id="door-fs-aubusson"' in html
    if stage == "emergence":
        assert "Incubateur &lt;creusois&gt;" in html
        assert 'class="parcours"' in html
    else:
        assert 'class="gaps"' in html
        assert f'href="{reverse("web:programme", args=["pres"])}"' in html


def test_a_renamed_programme_or_door_shows_at_once(client, world):
    door, here, _near = world
    params = {"place": "commune:23008", "stage": "emergence"}
    assert "Incubateur &lt;creusois&gt;" in client.get(RESULTS, params).content.decode()
    here.name, door.name = "Incubateur renommé", "Maison France services renommée"
    here.save()
    door.save()
    html = client.get(RESULTS, params).content.decode()
    assert "Incubateur renommé" in html
    assert "Maison France services renommée" in html
    assert "creusois" not in html


def test_the_results_page_makes_no_query_once_warm(client, world, django_assert_max_num_queries, settings):
    settings.ORIENTATION_INDEX_VERSION_SECONDS = settings.ORIENTATION_INDEX_CHECK_SECONDS = 3600
    params = {"place": "commune:23008", "stage": "creation"}
    client.get(RESULTS, params)
    with django_assert_max_num_queries(0):
        client.get(RESULTS, params)
