from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from essaim.demo import directory as synthetic
from essaim.directory.enums import ESS_KINDS, AccompanimentModel
from essaim.directory.models import Organisation, Programme, ZoneItem
from essaim.territories.models import Level

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    programmes = Programme.objects.filter(is_synthetic=True).order_by("slug")
    rows = list(
        programmes.values_list(
            "slug",
            "name",
            "name_norm",
            "kind",
            "model",
            "stages",
            "activities",
            "needs",
            "publics",
            "organisation__slug",
            "organisation__name",
            "organisation__commune_id",
            "share_public_funding",
        )
    )
    zones = list(
        ZoneItem.objects.filter(programme__is_synthetic=True)
        .order_by("programme__slug", "level", "code")
        .values_list("programme__slug", "level", "code")
    )
    return rows + zones


def test_same_seed_gives_the_same_rows():
    synthetic.generate(count=150, seed=5)
    first = snapshot()
    synthetic.clear()
    assert Programme.objects.filter(is_synthetic=True).count() == 0
    assert Organisation.objects.filter(is_synthetic=True).count() == 0
    synthetic.generate(count=150, seed=5)
    assert snapshot() == first
    assert len(first) > 300


def test_other_seed_gives_other_rows():
    synthetic.generate(count=50, seed=1)
    one = [row[1:] for row in snapshot() if len(row) > 3]
    synthetic.clear()
    synthetic.generate(count=50, seed=2)
    two = [row[1:] for row in snapshot() if len(row) > 3]
    assert one != two


def test_distribution_is_realistic():
    synthetic.generate(count=1500, seed=11)
    programmes = Programme.objects.filter(is_synthetic=True)
    assert programmes.count() == 1500
    assert set(programmes.values_list("kind", flat=True)) == {k.value for k in ESS_KINDS}
    assert set(programmes.values_list("model", flat=True)) == set(AccompanimentModel.values)
    zones = ZoneItem.objects.filter(programme__is_synthetic=True)
    assert set(zones.values_list("level", flat=True)) == set(Level.values)
    # Every programme has a zone and at least one stage; zones spread over most départements.
    assert zones.values("programme_id").distinct().count() == 1500
    assert not programmes.filter(stages=0).exists()
    assert zones.filter(level="departement").values("code").distinct().count() >= 80
    departement_share = zones.filter(level="departement").values("programme_id").distinct().count() / 1500
    # 40 % drawn at département level, plus commune/EPCI draws where the test database has no communes.
    assert 0.3 < departement_share < 0.75
    # Kinds follow their accompaniment model.
    assert set(programmes.filter(kind="couveuse").values_list("model", flat=True)) == {"carrier"}
    assert set(programmes.filter(kind="project_generator").values_list("model", flat=True)) == {"generator"}
    assert Programme.objects.filter(is_synthetic=False).count() == 0


def test_synthetic_programmes_are_searchable_by_name():
    from essaim.directory.selectors import ProgrammeFilters, search_programmes

    synthetic.generate(count=20, seed=3)
    programme = Programme.objects.filter(is_synthetic=True).order_by("slug").first()
    found = search_programmes(ProgrammeFilters(q=programme.name))
    assert programme in found


def test_command_generates_and_refuses_a_duplicate_without_clear():
    out = StringIO()
    call_command("generate_synthetic", "--programmes", "30", "--seed", "4", stdout=out)
    assert "30 dispositifs" in out.getvalue()
    with pytest.raises(CommandError, match="ajoutez --clear"):
        call_command("generate_synthetic", "--programmes", "30", "--seed", "4", stdout=StringIO())
    call_command("generate_synthetic", "--programmes", "10", "--seed", "4", "--clear", stdout=StringIO())
    assert Programme.objects.filter(is_synthetic=True).count() == 10


def test_clear_keeps_real_programmes(study):
    synthetic.generate(count=10, seed=1)
    synthetic.clear()
    assert Programme.objects.count() == 14
    assert Organisation.objects.count() == 14


def test_generators_are_discovered_in_order():
    from essaim.directory.management.commands.generate_synthetic import generator_modules

    modules = generator_modules()
    assert modules[0] is synthetic
    assert [m.ORDER for m in modules] == sorted(m.ORDER for m in modules)
