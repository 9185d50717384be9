import pytest

from essaim.calls import privacy
from essaim.calls.models import Answer, Application, Candidacy, Review
from tests.factories.calls import ApplicationFactory, CandidacyFactory, QuestionFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def _person_with_data():
    application = ApplicationFactory(submitted=True, project_name="Recyclerie", feedback="Bravo")
    question = QuestionFactory(call=application.call, label="Public")
    Answer.objects.create(application=application, question=question, value="Jeunes")
    user = application.carrier
    draft = ApplicationFactory(carrier=user, project_name="Brouillon")
    CandidacyFactory(candidate=user, motivation="Motivée")
    review = ReviewFactory(reviewer=user, comment="Mon avis")
    review.scores.create(
        criterion=review.application.call.criteria.create(label="Utilité"), value=3, comment="ok"
    )
    other = ApplicationFactory(submitted=True, project_name="Autre")
    return user, application, draft, other


def test_export_holds_only_the_persons_data():
    user, application, draft, other = _person_with_data()
    data = privacy.export_for(user=user)
    assert [a["project_name"] for a in data["applications"]] == ["Recyclerie", "Brouillon"]
    assert data["applications"][0]["answers"] == [{"question": "Public", "value": "Jeunes"}]
    assert data["applications"][0]["feedback"] == "Bravo"
    assert [c["motivation"] for c in data["candidacies"]] == ["Motivée"]
    assert data["reviews_given"][0]["scores"] == [{"criterion": "Utilité", "value": 3, "comment": "ok"}]
    assert "Autre" not in str(data)


def test_anonymise_erases_free_text_and_keeps_facts():
    user, application, draft, other = _person_with_data()
    assert privacy.anonymise_for(user=user) == 1
    application.refresh_from_db()
    assert (application.project_name, application.summary, application.feedback, application.state) == (
        f"Candidature anonymisée n° {application.pk}",
        "",
        "",
        "submitted",
    )
    assert Application.objects.filter(pk=draft.pk).exists() is False
    assert list(Answer.objects.filter(application=application).values_list("value", flat=True)) == [""]
    assert list(Candidacy.objects.filter(candidate=user).values_list("motivation", flat=True)) == [""]
    assert list(Review.objects.filter(reviewer=user).values_list("comment", flat=True)) == [""]
    other.refresh_from_db()
    assert other.project_name == "Autre"
