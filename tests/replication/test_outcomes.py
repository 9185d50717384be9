import datetime as dt
from decimal import Decimal

from essaim.accompaniment.models import Project
from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import Measurement
from essaim.replication import outcomes, selectors, services
from essaim.replication.content import parse
from essaim.territories.models import Commune
from tests.factories.evidence import IndicatorFactory, checkin, created_project
from tests.replication.factories import TEXTS, project_copy, published_kit

OBS = [(dt.date(2019, 3, 1), "active", "1.50")]


def _programme_kit(world):
    kit = services.kit_create(by=world.m_staff, name="Fabrique", programme=world.pm, texts=TEXTS)
    return services.kit_transition(kit=kit, name="publish", by=world.m_staff)


def _figures(rows):
    return [(r.label, r.inside, r.figures.as_dict()) for r in rows]


def test_programme_copies_compared_with_suppression_outside(world):
    kit = _programme_kit(world)
    for i in range(6):
        obs = [(dt.date(2019, 3, 1), "ceased", "0", dt.date(2019, 2, 1))] if i == 0 else OBS
        created_project(programme=world.pm, observations=obs)
    replica = services.replica_create(
        kit=kit, by=world.c_admin, name="Fabrique Aude", organisation=world.org_c, territory="departement:11"
    )
    for _i in range(2):
        created_project(programme=replica.new_programme, observations=OBS)
    facts_refresh()
    nodes = selectors.lineage(kit)
    content = parse(TEXTS)
    outside = outcomes.compare(nodes, content, world.o_staff)
    model = {
        "projects": 7,
        "created": 6,
        "months_to_creation": 9,
        "active": 5,
        "survival": 83,
        "jobs": 7.5,
        "indicators": {},
    }
    hidden = dict.fromkeys(("projects", "created", "months_to_creation", "active", "survival", "jobs"), "< 5")
    assert _figures(outside) == [
        ("Modèle", False, model),
        ("Fabrique Aude", False, {**hidden, "indicators": {}}),
        ("", False, {**hidden, "indicators": {}}),
    ]
    inside = outcomes.compare(nodes, content, world.c_staff)
    assert inside[1].inside is True
    assert inside[1].figures.as_dict() == {
        "projects": 2,
        "created": 2,
        "months_to_creation": 9,
        "active": 2,
        "survival": 100,
        "jobs": 3.0,
        "indicators": {},
    }
    assert inside[2].figures.as_dict()["created"] == "< 5"  # the pool of copies is never "inside"


def test_the_pool_of_copies_is_shown_once_five_remain_without_the_largest(
    world, django_assert_max_num_queries
):
    kit = published_kit(world)
    indicator = IndicatorFactory(name="Ménages aidés", slug="menages-aides")
    communes = list(Commune.objects.filter(departement_id="11").exclude(code="11262").order_by("code")[:6])
    for commune in communes:
        replica = project_copy(world, kit, commune=commune, name=f"Garage {commune.code}")
        Project.objects.filter(pk=replica.project_id).update(
            created_on=dt.date(2019, 1, 10), started_on=dt.date(2018, 1, 10)
        )
        checkin(replica.project, dt.date(2019, 6, 1), fte="2.00")
        Measurement.objects.create(
            project_id=replica.project_id,
            indicator=indicator,
            measured_on=dt.date(2019, 6, 1),
            value=Decimal("10"),
        )
    facts_refresh()
    nodes = selectors.lineage(kit)
    with django_assert_max_num_queries(4):
        rows = outcomes.compare(nodes, parse(TEXTS), world.o_staff)
    pool = rows[-1].figures.as_dict()
    assert pool == {
        "projects": 6,
        "created": 6,
        "months_to_creation": 12,
        "active": 6,
        "survival": 100,
        "jobs": 12.0,
        "indicators": {"Ménages aidés": 60.0},
    }
    assert rows[1].figures.as_dict()["jobs"] == "< 5"
    # With one copy fewer, the pool minus one copy counts 4: hidden.
    fewer = outcomes.compare(nodes[:-1], parse(TEXTS), world.o_staff)
    assert fewer[-1].figures.as_dict()["created"] == "< 5"
    assert fewer[-1].figures.as_dict()["indicators"] == {"Ménages aidés": "< 5"}


def test_kit_indicators_match_the_catalogue_by_name_or_identifier(world):
    by_name = IndicatorFactory(name="Ménages aidés", slug="x")
    by_slug = IndicatorFactory(name="Autre nom", slug="emplois-crees")
    IndicatorFactory(name="Sans rapport", slug="sans-rapport")
    assert outcomes.kit_indicators(parse(TEXTS)) == {"Ménages aidés": by_name, "Emplois créés": by_slug}
