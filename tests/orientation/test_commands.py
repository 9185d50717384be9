import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes():
    ProgrammeFactory(
        slug="p-dep",
        name="Incubateur héraultais",
        zone=["departement:34"],
        stages=["emergence"],
        needs=["financing"],
    )
    ProgrammeFactory(slug="p-gard", zone=["departement:30"], stages=["creation"])


def run(*args) -> str:
    out = StringIO()
    call_command("orient", *args, stdout=out)
    return out.getvalue()


def test_json(programmes):
    data = json.loads(
        run("--place", "34172", "--stage", "emergence", "--need", "financing", "--format", "json")
    )
    assert [r["slug"] for r in data["results"]] == ["p-dep"]
    gard = ProgrammeFactory._meta.model.objects.get(slug="p-gard")
    assert data["gaps"][0] == {
        "stage": "creation",
        "alternatives": ["p-gard"],
        "nearest": [{"slug": "p-gard", "name": gard.name, "place": "dans le Gard", "distance_km": None}],
        "doors": [],
    }
    assert data["nearby"] == []


def test_table(programmes):
    out = run("--place", "34172", "--stage", "emergence")
    assert out.splitlines()[:3] == [
        "Montpellier (34172)",
        "  300  Incubateur héraultais [p-dep]",
        "       intervient dans l'Hérault ; accompagne l'émergence",
    ]
    assert "Lacune, Création : alternatives p-gard (dans les départements voisins de la même région)" in out


def test_errors_name_the_option():
    with pytest.raises(CommandError) as exc:
        run("--place", "34370", "--stage", "eclosion")
    message = str(exc.value)
    assert "place : " in message and "stage : " in message
    assert "  - 34069 Cazouls-lès-Béziers (34)" in message
