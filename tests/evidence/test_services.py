import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from essaim.audit.models import Event
from essaim.core.actors import SYSTEM
from essaim.evidence.models import (
    CheckinFigures,
    Enterprise,
    Indicator,
    IndicatorTarget,
    Measurement,
    ProgrammeBudget,
    ProgrammeBudgetLine,
    ProjectFact,
)
from essaim.evidence.services import (
    budget_line_set,
    checkin_figures_record,
    enterprise_register,
    indicator_follow,
    indicators_choose,
    indicators_seed,
    measurement_record,
    programme_budget_set,
    target_set,
)
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.evidence import IndicatorFactory, checkin, created_project
from tests.factories.financing import ProjectFactory

pytestmark = pytest.mark.django_db


def test_enterprise_register_validates_and_refreshes_facts():
    project = created_project(created_on=dt.date(2021, 2, 1))
    enterprise = enterprise_register(
        by=SYSTEM, project=project, name=" La Coop ", legal_form="scic", siret="732 829 320 00074"
    )
    assert (enterprise.name, enterprise.siret) == ("La Coop", "73282932000074")
    assert ProjectFact.objects.get(project=project).created_on == dt.date(2021, 2, 1)
    again = enterprise_register(by=SYSTEM, project=project, name="La Coop", legal_form="scop", siret="")
    assert (again.pk, again.siret, again.legal_form) == (enterprise.pk, None, "scop")


def test_enterprise_register_refuses_invalid_and_duplicate_siret():
    first = created_project()
    second = created_project()
    with pytest.raises(ValidationError) as exc:
        enterprise_register(by=SYSTEM, project=first, name="A", legal_form="scic", siret="73282932000075")
    assert list(exc.value.message_dict) == ["siret"]
    enterprise_register(by=SYSTEM, project=first, name="A", legal_form="scic", siret="73282932000074")
    with pytest.raises(ValidationError) as exc:
        enterprise_register(by=SYSTEM, project=second, name="B", legal_form="scic", siret="73282932000074")
    assert exc.value.message_dict == {"siret": ["Ce SIRET est déjà enregistré pour l'entreprise « A »."]}
    assert Enterprise.objects.count() == 1


def test_enterprise_register_needs_a_created_project():
    project = ProjectFactory()
    with pytest.raises(ValidationError) as exc:
        enterprise_register(by=SYSTEM, project=project, name="A", legal_form="scic")
    assert list(exc.value.message_dict) == ["project"]
    assert Enterprise.objects.count() == 0


def test_checkin_figures_refuse_negative_or_excess_integration_jobs():
    project = created_project(observations=[(dt.date(2019, 5, 1), "active", "3")])
    record = project.checkins.get()
    for bad in ("-1", "abc", "3.5"):
        with pytest.raises(ValidationError) as exc:
            checkin_figures_record(by=SYSTEM, checkin=record, integration_fte=bad)
        assert list(exc.value.message_dict) == ["integration_fte"]
    assert CheckinFigures.objects.count() == 0
    checkin_figures_record(by=SYSTEM, checkin=record, integration_fte="2,5", revenue_band="lt50k")
    assert ProjectFact.objects.get(project=project).integration_fte == Decimal("2.5")


def test_indicator_catalogue_seed_is_idempotent():
    assert indicators_seed(by=SYSTEM) == 13
    assert indicators_seed(by=SYSTEM) == 13
    assert Indicator.objects.count() == 13
    assert Indicator.objects.filter(kind="qualitative").count() == 4
    assert Indicator.objects.get(slug="ecart-salaires").direction == "lower"


def test_targets_and_measurements():
    project = ProjectFactory(started_on=dt.date(2020, 1, 1))
    indicator = IndicatorFactory()
    with pytest.raises(ValidationError) as exc:
        measurement_record(
            by=SYSTEM, project=project, indicator=indicator, measured_on=dt.date(2021, 1, 1), value=3
        )
    assert list(exc.value.message_dict) == ["indicator"]
    indicator_follow(by=SYSTEM, programme=project.programme, indicator=indicator)
    target_set(by=SYSTEM, project=project, indicator=indicator, value="120", due_on=dt.date(2023, 12, 31))
    measurement_record(
        by=SYSTEM, project=project, indicator=indicator, measured_on=dt.date(2021, 1, 1), value="80"
    )
    measurement_record(
        by=SYSTEM, project=project, indicator=indicator, measured_on=dt.date(2022, 1, 1), value="110"
    )
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal("80"), Decimal("110")]
    assert IndicatorTarget.objects.get().value == Decimal("120")
    with pytest.raises(ValidationError) as exc:
        measurement_record(
            by=SYSTEM, project=project, indicator=indicator, measured_on=dt.date(2019, 1, 1), value=1
        )
    assert list(exc.value.message_dict) == ["measured_on"]
    with pytest.raises(ValidationError) as exc:
        measurement_record(
            by=SYSTEM, project=project, indicator=indicator, measured_on=dt.date(2022, 1, 1), value="beaucoup"
        )
    assert exc.value.message_dict == {"value": ["« beaucoup » n'est pas un nombre."]}
    assert Measurement.objects.count() == 2


def test_qualitative_answers():
    project = ProjectFactory()
    question = IndicatorFactory(kind="qualitative", unit="")
    indicator_follow(by=SYSTEM, programme=project.programme, indicator=question)
    with pytest.raises(ValidationError):
        measurement_record(
            by=SYSTEM, project=project, indicator=question, measured_on=dt.date(2021, 1, 1), answer="  "
        )
    with pytest.raises(ValidationError):
        target_set(by=SYSTEM, project=project, indicator=question, value=1)
    m = measurement_record(
        by=SYSTEM, project=project, indicator=question, measured_on=dt.date(2021, 1, 1), answer="Des liens."
    )
    assert (m.value, m.answer) == (None, "Des liens.")


def test_programme_budget():
    project = ProjectFactory()
    programme_budget_set(by=SYSTEM, programme=project.programme, year=2022, amount="50000")
    budget = programme_budget_set(by=SYSTEM, programme=project.programme, year=2022, amount="60000")
    assert budget.amount == Decimal("60000")
    with pytest.raises(ValidationError):
        programme_budget_set(by=SYSTEM, programme=project.programme, year=2023, amount="-1")


def test_checkin_helper_writes_validated_rows():
    project = created_project()
    record = checkin(project, dt.date(2019, 1, 1), fte="0")
    assert record.status == "validated"


def test_outcomes_are_recorded_by_the_programme_staff_only():
    project = created_project(created_on=dt.date(2021, 2, 1))
    carrier = UserFactory(carrier=True)
    project.carriers.add(carrier)
    for intruder in (carrier, MembershipFactory().user, UserFactory()):
        with pytest.raises(PermissionDenied):
            enterprise_register(project=project, name="A", legal_form="scic", by=intruder)
        with pytest.raises(PermissionDenied):
            programme_budget_set(programme=project.programme, year=2022, amount="1", by=intruder)
    assert (Enterprise.objects.count(), Event.objects.count()) == (0, 0)
    staff = MembershipFactory(organisation=project.programme.organisation).user
    enterprise = enterprise_register(project=project, name="La Coop", legal_form="scic", by=staff)
    enterprise_register(project=project, name="La Coop SCIC", legal_form="scic", by=staff)
    events = Event.objects.filter(object_type="evidence.enterprise").order_by("pk")
    assert [(e.action, e.object_id, e.actor_id, e.project_id) for e in events] == [
        ("create", enterprise.pk, staff.pk, project.pk),
        ("update", enterprise.pk, staff.pk, project.pk),
    ]
    assert events[1].changes == {"name": ["La Coop", "La Coop SCIC"]}


def test_indicators_are_chosen_by_the_programme_admins():
    project = ProjectFactory()
    a, b = IndicatorFactory(), IndicatorFactory()
    member = MembershipFactory(organisation=project.programme.organisation).user
    with pytest.raises(PermissionDenied):
        indicators_choose(programme=project.programme, indicators=[a], by=member)
    admin = MembershipFactory(organisation=project.programme.organisation, role="admin").user
    indicators_choose(programme=project.programme, indicators=[a, b], by=admin)
    indicators_choose(programme=project.programme, indicators=[b], by=admin)
    events = Event.objects.filter(verb="indicators_choose").order_by("pk")
    assert [e.changes["indicators"] for e in events] == [
        [[], sorted([a.pk, b.pk])],
        [sorted([a.pk, b.pk]), [b.pk]],
    ]
    assert events[0].programme_id == project.programme_id


def test_the_catalogue_is_seeded_by_the_platform():
    with pytest.raises(PermissionDenied):
        indicators_seed(by=MembershipFactory().user)
    assert indicators_seed(by=UserFactory(admin=True)) == 13


def test_budget_lines_make_the_year_total_and_are_audited():

    project = ProjectFactory()
    programme = project.programme
    staff = MembershipFactory(organisation=programme.organisation).user
    budget_line_set(programme=programme, year="2023", source="state", amount="60 000", by=staff)
    line = budget_line_set(programme=programme, year=2023, source="services", amount="40000,5", by=staff)
    assert (line.source, line.amount) == ("services", Decimal("40000.50"))
    budget = ProgrammeBudget.objects.get(programme=programme, year=2023)
    assert budget.amount == Decimal("100000.50")
    budget_line_set(programme=programme, year=2023, source="state", amount="50000", by=staff)
    budget.refresh_from_db()
    assert budget.amount == Decimal("90000.50")
    events = Event.objects.filter(object_type="evidence.programmebudgetline").order_by("pk")
    assert {e.programme_id for e in events} == {programme.pk}
    assert [(e.action, e.actor_id) for e in events] == [
        ("create", staff.pk),
        ("create", staff.pk),
        ("update", staff.pk),
    ]
    assert Event.objects.filter(object_type="evidence.programmebudget", object_id=str(budget.pk)).count() == 3
    # the total is the lines' sum: setting it directly is refused
    with pytest.raises(ValidationError) as caught:
        programme_budget_set(programme=programme, year=2023, amount="1", by=staff)
    assert "amount" in caught.value.message_dict
    assert ProgrammeBudgetLine.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({"year": "deux mille", "source": "state", "amount": "1"}, {"year"}),
        ({"year": "1890", "source": "state", "amount": "1"}, {"year"}),
        ({"year": "2023", "source": "lottery", "amount": "1"}, {"source"}),
        ({"year": "2023", "source": "state", "amount": "-1"}, {"amount"}),
        ({"year": "2023", "source": "state", "amount": "1000000000000"}, {"amount"}),
        ({"year": "x", "source": "y", "amount": "z"}, {"year", "source", "amount"}),
    ],
)
def test_bad_budget_line_saves_nothing(data, fields):

    project = ProjectFactory()
    with pytest.raises(ValidationError) as caught:
        budget_line_set(programme=project.programme, by=SYSTEM, **data)
    assert set(caught.value.message_dict) == fields
    assert (ProgrammeBudget.objects.count(), Event.objects.count()) == (0, 0)


def test_budget_total_above_the_ceiling_rolls_back():

    programme = ProjectFactory().programme
    budget_line_set(programme=programme, year=2023, source="state", amount="9999999999", by=SYSTEM)
    with pytest.raises(ValidationError) as caught:
        budget_line_set(programme=programme, year=2023, source="eu", amount="9999999999", by=SYSTEM)
    assert caught.value.message_dict["amount"] == ["Le total de l'année dépasserait le plafond des montants."]
    assert list(ProgrammeBudgetLine.objects.values_list("source", flat=True)) == ["state"]


def test_budget_lines_are_set_by_the_programme_staff_only():

    programme = ProjectFactory().programme
    for intruder in (MembershipFactory().user, UserFactory()):
        with pytest.raises(PermissionDenied):
            budget_line_set(programme=programme, year=2023, source="state", amount="1", by=intruder)
    assert (ProgrammeBudgetLine.objects.count(), Event.objects.count()) == (0, 0)
