"""The funnel per cohort, programme, territory and model, with small groups hidden outside the
programme — and, in a breakdown, the rows that would give them back by subtraction ("masqué")."""

import datetime as dt

import pytest

from essaim.evidence.facts import facts_refresh
from essaim.evidence.models import StageFact
from essaim.evidence.privacy import MASKED
from essaim.evidence.selectors import Period, ScopeError, funnel, funnel_groups, parse_scope
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 1)


def _world():
    """Six projects of programme A entered in 2016 in Hérault, three of programme B in 2017 in
    Haute-Garonne (région 76), two of B in Paris (région 11). No transitions: one ongoing visit
    of the last stage each."""
    a = ProgrammeFactory(name="A")
    b = ProgrammeFactory(name="B")
    specs = [(a, "34172", 2016)] * 6 + [(b, "31555", 2017)] * 3 + [(b, "75056", 2017)] * 2
    ids = [
        created_project(
            programme=programme,
            commune_id=commune,
            started_on=dt.date(year, 3, 1),
            created_on=dt.date(year + 1, 1, 1),
        ).pk
        for programme, commune, year in specs
    ]
    facts_refresh(ids, today=TODAY)
    return a, b


def _another_region():
    """Five projects in Marseille (région 93): in France's table by région, Paris's two are then
    hidden with Provence's five as complement, and Occitanie's report is not withheld
    (decision 0018, rule 5)."""
    c = ProgrammeFactory(name="C")
    ids = [
        created_project(programme=c, commune_id="13055", started_on=dt.date(2016, 3, 1)).pk for _i in range(5)
    ]
    facts_refresh(ids, today=TODAY)


def _entered(groups):
    return [(g["label"], [(r["stage"], r["entered"], r["ongoing"]) for r in g["stages"]]) for g in groups]


def test_overall_funnel_is_one_group_equal_to_funnel():
    a, _b = _world()
    _another_region()
    scope = parse_scope("territory:region:76")
    groups = funnel_groups(scope, Period(), inside=False)
    assert _entered(groups) == [("Ensemble", [("suivi_post_creation", 9, 9)])]
    assert groups[0]["stages"] == funnel(scope, Period(), inside=False)


def test_by_cohort_programme_territory_model_with_suppression_outside():
    """Issue 16: the overall row (9) minus the visible 6 gave the hidden 3 back: the 6 is hidden
    too, and both read "masqué"."""
    _world()
    _another_region()
    scope = parse_scope("territory:region:76")
    post = "suivi_post_creation"
    assert _entered(funnel_groups(scope, Period(), inside=False)) == [("Ensemble", [(post, 9, 9)])]
    assert _entered(funnel_groups(scope, Period(), inside=False, by="cohort")) == [
        ("2016", [(post, MASKED, MASKED)]),
        ("2017", [(post, MASKED, MASKED)]),
    ]
    assert _entered(funnel_groups(scope, Period(), inside=False, by="programme")) == [
        ("A", [(post, MASKED, MASKED)]),
        ("B", [(post, MASKED, MASKED)]),
    ]
    assert _entered(funnel_groups(scope, Period(), inside=False, by="territory")) == [
        ("Haute-Garonne", [(post, MASKED, MASKED)]),
        ("Hérault", [(post, MASKED, MASKED)]),
    ]
    assert _entered(funnel_groups(scope, Period(), inside=False, by="model")) == [
        ("Accompagnement de porteurs", [(post, 9, 9)]),
    ]
    row = funnel_groups(scope, Period(), inside=False, by="cohort")[1]["stages"][0]
    assert (row["passed"], row["dropped"], row["median_days"]) == (MASKED, MASKED, MASKED)
    # 2017 alone would be the overall minus 2016: the period is widened to 2016–2017
    assert _entered(funnel_groups(scope, Period(start=2017), inside=False, by="cohort")) == [
        ("2016", [(post, MASKED, MASKED)]),
        ("2017", [(post, MASKED, MASKED)]),
    ]


def test_a_lone_small_group_among_large_ones_takes_the_smallest_with_it():
    a, b = _world()
    for commune in ["31555"] * 7:
        created_project(programme=b, commune_id=commune, started_on=dt.date(2018, 3, 1))
    facts_refresh(None, today=TODAY)
    _another_region()
    groups = funnel_groups(parse_scope("territory:region:76"), Period(), inside=False, by="cohort")
    assert [(g["label"], g["stages"][0]["entered"]) for g in groups] == [
        ("2016", MASKED),
        ("2017", MASKED),
        ("2018", 7),
    ]


def test_inside_the_programme_nothing_is_suppressed():
    _a, b = _world()
    groups = funnel_groups(parse_scope(f"programme:{b.slug}"), Period(), inside=True, by="territory")
    assert _entered(groups) == [
        ("Île-de-France", [("suivi_post_creation", 2, 2)]),
        ("Occitanie", [("suivi_post_creation", 3, 3)]),
    ]


def test_territory_breakdown_below_a_departement_goes_to_epci():
    _world()
    groups = funnel_groups(parse_scope("territory:departement:34"), Period(), inside=True, by="territory")
    assert [(g["label"], g["stages"][0]["entered"]) for g in groups] == [
        ("Montpellier Méditerranée Métropole", 6)
    ]


def test_unknown_breakdown_is_refused():
    with pytest.raises(ScopeError) as exc:
        funnel_groups(parse_scope("territory:national:FR"), Period(), inside=True, by="couleur")
    assert (exc.value.field, str(exc.value)) == (
        "by",
        "Ventilation attendue : cohort, programme, territory, model.",
    )


def test_stage_facts_carry_programme_and_model_for_join_free_breakdowns():
    a, b = _world()
    rows = set(StageFact.objects.values_list("programme_id", "model", "fact__programme_id", "fact__model"))
    assert rows == {(a.pk, "carrier", a.pk, "carrier"), (b.pk, "carrier", b.pk, "carrier")}


def test_funnel_by_programme_query_count(django_assert_num_queries):
    _world()
    scope = parse_scope("territory:national:FR")
    with django_assert_num_queries(2):  # the grouped stage facts, the programme names
        groups = funnel_groups(scope, Period(), inside=True, by="programme")
    assert [(g["label"], g["stages"][0]["entered"]) for g in groups] == [("A", 6), ("B", 5)]


def test_migration_copies_programme_and_model_to_existing_stage_facts():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("essaim.evidence.migrations.0005_stagefact_programme_model")
    a, _b = _world()
    StageFact.objects.update(programme_id=None, model="")
    migration.copy_programme_model(apps, None)
    assert StageFact.objects.filter(programme_id=None).count() == 0
    assert StageFact.objects.filter(fact__programme=a).exclude(programme=a).count() == 0
    assert set(StageFact.objects.values_list("model", flat=True)) == {"carrier"}
