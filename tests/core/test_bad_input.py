"""Absurd input typed in forms is a French message and saves nothing, never a 500.

27-digit amounts (`decimal.InvalidOperation` once quantized) and dates in year 1 or 9999.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from essaim.accompaniment.models import Meeting
from essaim.calls.models import Application, Score
from essaim.core.actors import SYSTEM
from essaim.core.dates import EARLIEST, latest, validate_plausible
from essaim.core.forms import PlausibleDateField
from essaim.core.numbers import bounded, fits
from essaim.directory.models import Organisation
from essaim.evidence.models import IndicatorTarget, Measurement, ProgrammeBudget
from essaim.evidence.services import indicator_follow
from essaim.financing.models import FinancingNeed, FinancingResource
from essaim.financing.services import need_add, parse_amount
from essaim.web.orientation.forms import ContactForm
from essaim.web.workspace.forms import CheckinForm
from tests.api.calls.helpers import post_json
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    QuestionFactory,
    ReviewFactory,
)
from tests.factories.directory import OrganisationFactory
from tests.factories.evidence import IndicatorFactory, created_project

BIG = "1" + "0" * 26  # 27 digits
TOO_LARGE = "Nombre trop grand. Au plus 10 chiffres avant la virgule."
# The last plausible date is ten years from today (essaim.core.dates.latest).
IMPLAUSIBLE = f"Date invraisemblable : elle doit être comprise entre le 01/01/1900 et le {latest():%d/%m/%Y}."


def test_fits_and_bounded_never_raise_invalid_operation():
    assert fits(Decimal(BIG), max_digits=12, decimal_places=2) is False
    assert fits(Decimal("9999999999.99"), max_digits=12, decimal_places=2) is True
    assert fits(Decimal("9999999999.995"), max_digits=12, decimal_places=2) is False
    assert fits(Decimal("1e999999"), max_digits=14, decimal_places=2) is False
    assert bounded(Decimal("12.345"), field="v", max_digits=14, decimal_places=2) == Decimal("12.34")
    with pytest.raises(ValidationError) as exc:
        bounded(Decimal(BIG + ".5"), field="value", max_digits=14, decimal_places=2)
    assert exc.value.message_dict == {"value": ["Nombre trop grand. Au plus 12 chiffres avant la virgule."]}


@pytest.mark.parametrize("text", [BIG, BIG + ",00", "1e27", "99999999999"])
def test_parse_amount_refuses_huge_amounts_with_a_message(text):
    with pytest.raises(ValidationError) as exc:
        parse_amount(text)
    assert exc.value.message_dict == {"amount": [TOO_LARGE]}


def test_plausible_dates():
    validate_plausible(EARLIEST)
    validate_plausible(latest())
    validate_plausible(None)
    for day in (dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1899, 12, 31)):
        with pytest.raises(ValidationError) as exc:
            validate_plausible(day)
        assert exc.value.messages == [IMPLAUSIBLE]
    field = PlausibleDateField()
    assert field.clean("2024-02-29") == dt.date(2024, 2, 29)
    with pytest.raises(ValidationError):
        field.clean("0001-01-01")


@pytest.fixture
def staff_project(client, db):
    project = created_project(created_on=dt.date(2021, 4, 1))
    client.force_login(MembershipFactory(organisation=project.programme.organisation).user)
    return project


def test_funding_round_forms_refuse_a_27_digit_amount(client, staff_project):
    base = reverse("reports:funding_round", args=[staff_project.pk])
    response = client.post(base + "besoins/", {"need-kind": "investment", "need-amount": BIG})
    assert response.status_code == 400
    assert TOO_LARGE in response.content.decode()
    response = client.post(
        base + "ressources/", {"res-instrument": "grant", "res-amount": BIG, "res-status": "planned"}
    )
    assert response.status_code == 400
    assert TOO_LARGE in response.content.decode()
    assert (FinancingNeed.objects.count(), FinancingResource.objects.count()) == (0, 0)


def test_outcome_forms_refuse_a_27_digit_number(client, staff_project):
    indicator = IndicatorFactory(name="Personnes bénéficiaires")
    indicator_follow(programme=staff_project.programme, indicator=indicator, by=SYSTEM)
    response = client.post(
        reverse("reports:measurement_add", args=[staff_project.pk]),
        {"mes-indicator": indicator.pk, "mes-measured_on": "2023-01-10", "mes-value": BIG},
    )
    assert response.status_code == 400
    assert "Nombre trop grand. Au plus 12 chiffres avant la virgule." in response.content.decode()
    response = client.post(
        reverse("reports:target_add", args=[staff_project.pk]),
        {"cib-indicator": indicator.pk, "cib-value": BIG},
    )
    assert response.status_code == 400
    response = client.post(
        reverse("reports:programme_budget", args=[staff_project.programme.slug]),
        {"bud-year": "2022", "bud-amount": BIG},
    )
    assert response.status_code == 400
    assert TOO_LARGE in response.content.decode()
    counts = (Measurement.objects.count(), IndicatorTarget.objects.count(), ProgrammeBudget.objects.count())
    assert counts == (0, 0, 0)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_meeting_form_refuses_absurd_dates(client, staff_project, day):
    url = reverse("workspace:meeting_create", args=[staff_project.pk])
    response = client.post(url, {"date": day, "duration_minutes": "60", "kind": "individual"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"date": [IMPLAUSIBLE]}
    response = client.post(
        url, {"date": "2024-01-02", "duration_minutes": "60", "kind": "individual", "next_meeting_on": day}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"next_meeting_on": [IMPLAUSIBLE]}
    assert Meeting.objects.count() == 0


def test_target_form_refuses_year_9999(client, staff_project):
    indicator = IndicatorFactory(name="Personnes bénéficiaires")
    indicator_follow(programme=staff_project.programme, indicator=indicator, by=SYSTEM)
    response = client.post(
        reverse("reports:target_add", args=[staff_project.pk]),
        {"cib-indicator": indicator.pk, "cib-value": "12", "cib-due_on": "9999-12-31"},
    )
    assert response.status_code == 400
    assert IMPLAUSIBLE in response.content.decode().replace("&#x27;", "'")
    assert IndicatorTarget.objects.count() == 0


# -- Issue 10 §6: the same bounds in models, forms and the API -----------------------------------


def test_model_bounds_refuse_in_french(db):
    organisation = OrganisationFactory.build(phone="pas un numéro !!", latitude=91)
    with pytest.raises(ValidationError) as exc:
        organisation.full_clean(exclude=["commune", "slug"])
    assert exc.value.message_dict["phone"][0].startswith("Numéro de téléphone non reconnu.")
    assert exc.value.message_dict["latitude"] == ["La valeur doit être au plus 90."]
    assert Organisation._meta.get_field("phone").max_length == 30


def test_financing_amounts_are_above_zero(staff_project):
    with pytest.raises(ValidationError) as exc:
        need_add(project=staff_project, kind="investment", amount="0", by=SYSTEM)
    assert exc.value.message_dict == {"amount": ["Le montant doit être supérieur à 0."]}
    assert FinancingNeed.objects.count() == 0


def test_forms_show_their_bounds():
    fields = CheckinForm().fields
    assert fields["headcount"].widget.attrs == {"min": 0, "max": 10000}
    assert (fields["fte"].widget.attrs["min"], fields["fte"].widget.attrs["max"]) == (0, 10000)
    message = ContactForm().fields["message"]
    assert (message.widget.attrs["maxlength"], str(message.help_text)) == (
        "4000",
        "Présentez votre projet en quelques lignes et ce que vous attendez du dispositif. "
        "4000 caractères au plus.",
    )
    form = ContactForm({"name": "A", "email": "a@example.org", "phone": "pas un numéro !!", "message": "M"})
    assert form.is_valid() is False
    assert form.errors["phone"][0].startswith("Numéro de téléphone non reconnu.")
    form = ContactForm(
        {"name": "A", "email": "a@example.org", "phone": "0467123456", "message": "M", "consent": "on"}
    )
    assert form.is_valid() is True
    assert form.cleaned_data["phone"] == "04 67 12 34 56"


def test_api_refuses_too_long_texts_with_400_naming_the_field(db):
    call = CallFactory(open=True)
    question = QuestionFactory(call=call)
    url = f"/api/v1/calls/{call.pk}/applications"
    carrier = UserFactory()
    response = post_json(url, {"project_name": "X", "summary": "a" * 5001}, carrier)
    assert (response.status_code, response.json()["errors"]) == (400, {"summary": "Au plus 5000 caractères."})
    response = post_json(url, {"project_name": "X", "answers": {str(question.pk): "a" * 5001}}, carrier)
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {f"answers.{question.pk}": "Au plus 5000 caractères."},
    )
    assert Application.objects.count() == 0

    review_call = CallFactory(review=True, score_max=5)
    criterion = CriterionFactory(call=review_call)
    review = ReviewFactory(application=ApplicationFactory(call=review_call, submitted=True))
    body = {"scores": {str(criterion.pk): {"value": 4, "comment": "a" * 2001}}}
    response = post_json(f"/api/v1/reviews/{review.pk}", body, review.reviewer)
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {f"scores.{criterion.pk}.comment": "Au plus 2000 caractères."},
    )
    response = post_json(f"/api/v1/reviews/{review.pk}/conflict", {"reason": "a" * 2001}, review.reviewer)
    assert (response.status_code, response.json()["errors"]) == (400, {"reason": "Au plus 2000 caractères."})
    assert Score.objects.count() == 0
