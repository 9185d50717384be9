"""Every text area of the calls pages shows its limit (issue 10 §6: essaim.core.forms.LongTextField)."""

import inspect

import pytest
from django import forms

from essaim.calls.models import Criterion, Question
from essaim.core.forms import LongTextField
from essaim.web.workspace.calls import forms as calls_forms

FORM_CLASSES = [
    cls
    for _name, cls in inspect.getmembers(calls_forms, inspect.isclass)
    if issubclass(cls, forms.BaseForm) and cls.__module__ == calls_forms.__name__
]


def _text_areas(fields) -> dict:
    return {name: field for name, field in fields.items() if isinstance(field.widget, forms.Textarea)}


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__name__)
def test_declared_text_areas_are_long_text_fields(form_class):
    areas = _text_areas(form_class.base_fields)
    assert {
        name: type(field).__name__ for name, field in areas.items() if not isinstance(field, LongTextField)
    } == {}


def test_the_forms_with_text_areas_are_the_expected_ones():
    with_areas = sorted(c.__name__ for c in FORM_CLASSES if _text_areas(c.base_fields))
    assert with_areas == [
        "ApplicationForm",
        "CallForm",
        "CandidacyForm",
        "CandidacyTransitionForm",
        "ConflictForm",
        "DecisionForm",
        "JobOfferForm",
        "NeedForm",
        "QuestionForm",
        "ReviewForm",
        "TransitionForm",
    ]


def test_model_text_fields_without_length_get_the_shared_one():
    form = calls_forms.NeedForm()
    assert (form.fields["need"].max_length, form.fields["need"].help_text) == (
        5000,
        "5000 caractères au plus.",
    )
    assert 'maxlength="5000"' in str(form["evidence"])


def test_dynamic_text_areas_show_their_limit():
    question = Question(pk=7, label="Votre modèle économique", kind=Question.Kind.LONG_TEXT, help_text="")
    application = calls_forms.ApplicationForm(questions=[question])
    assert application.fields["q_7"].help_text == "5000 caractères au plus."
    criterion = Criterion(pk=3, label="Impact", weight=2, description="")
    review = calls_forms.ReviewForm(criteria=[criterion])
    assert review.fields["c_3_comment"].help_text == "2000 caractères au plus."
    assert 'maxlength="2000"' in str(review["c_3_comment"])


def test_a_text_past_its_limit_is_refused():
    form = calls_forms.ConflictForm(data={"conflict_reason": "x" * 2001})
    assert form.is_valid() is False
    assert form.errors["conflict_reason"] == [
        "Assurez-vous que cette valeur comporte au plus 2000 caractères (actuellement 2001)."
    ]
