"""The list pages of replication: the number of queries does not grow with the rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from essaim.calls.models import TerritoryNeed
from essaim.directory.models import Programme
from essaim.territories.models import Commune
from tests.factories.accompaniment import ProjectFactory
from tests.replication.factories import project_copy, published_kit


def _grow(web, n):
    """n more published kits (with a need in the Haute-Garonne) and n more copies of the kit."""
    communes = list(Commune.objects.filter(departement_id="11").exclude(code="11262").order_by("code")[:n])
    for i, commune in enumerate(communes):
        project = ProjectFactory(
            programme=web.pm, name=f"Modèle {len(Programme.objects.all())}-{i}", model="generator"
        )
        published_kit(web, project=project, name=f"Kit {project.pk}")
        project_copy(web, web.kit, commune=commune, name=f"Copie {commune.code}")
        TerritoryNeed.objects.create(programme=web.po, title=f"Garage {i}", need="x", commune=web.toulouse)


def _count(client, url, params=None):
    client.get(url, params)  # warm-up: the place and orientation indexes are built once
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def _measure(client, web, name, params=None, **kwargs):
    url = reverse(f"replication:{name}", kwargs=kwargs)
    before = _count(client, url, params)
    _grow(web, 3)
    return before, _count(client, url, params)


def test_kit_list_is_constant(client, web):
    client.force_login(web.o_staff)
    before, after = _measure(client, web, "kits")
    assert before == after


def test_kit_detail_is_constant_in_the_copies(client, web):
    client.force_login(web.c_staff)
    before, after = _measure(client, web, "kit", pk=web.kit.pk)
    assert before == after


def test_candidates_are_constant_in_the_kits(client, web):
    TerritoryNeed.objects.create(programme=web.po, title="Garage", need="x", commune=web.toulouse)
    client.force_login(web.viewer)
    before, after = _measure(client, web, "candidates", {"territoire": "Haute-Garonne"})
    assert before == after
