"""The help board's writes: who may post, answer, recommend, report, hide and show; bounds;
the author's e-mail on each answer; the activity log."""

import pytest
from django.core import mail

from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.peers import services
from essaim.peers.models import Answer, Post, Report
from tests.peers.factories import QUESTION


def test_a_carrier_posts_on_their_programmes_board_and_it_is_logged(w):
    assert w.post_a.programme == w.pa and w.post_a.author == w.ca and w.post_a.state == "visible"
    assert Event.objects.filter(
        object_type="peers.post", object_id=str(w.post_a.pk), action="create"
    ).exists()


@pytest.mark.parametrize("who", ["co", "o_staff", "cb"])
def test_nobody_outside_the_programme_posts_on_its_board(w, who):
    with pytest.raises(PermissionDenied):
        services.post_create(board=w.pa, by=getattr(w, who), **QUESTION)
    assert Post.objects.count() == 2


@pytest.mark.parametrize("who", ["ca", "cb", "b_staff", "a_staff"])
def test_the_ecosystems_members_post_on_its_board(w, who):
    post = services.post_create(board=w.eco, by=getattr(w, who), **QUESTION)
    assert post.ecosystem == w.eco


def test_an_outsider_does_not_post_on_the_ecosystem(w):
    with pytest.raises(PermissionDenied):
        services.post_create(board=w.eco, by=w.co, **QUESTION)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"body": ""}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"kind": "advert"}, "kind"),
        ({"skill": "juggling"}, "skill"),
        ({"stage": "adolescence"}, "stage"),
        ({"sector": "x" * 121}, "sector"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(w, change, field):
    with pytest.raises(ValidationError) as exc:
        services.post_create(board=w.pa, by=w.ca2, **{**QUESTION, **change})
    assert field in exc.value.message_dict
    assert Post.objects.count() == 2


def test_an_answer_emails_the_author_through_the_template(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_create(post=w.post_a, by=w.ca2, body="Nous avons choisi la SCIC.")
    assert answer.post == w.post_a
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ca@example.org"]
    assert "Quel statut pour une épicerie solidaire" in message.subject
    assert f"/espace/entraide/{w.post_a.pk}/" in message.body


def test_the_author_answering_themselves_gets_no_email(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_create(post=w.post_a, by=w.ca, body="Précision : à Montpellier.")
    assert mail.outbox == []


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001])
def test_a_bad_answer_is_refused(w, body):
    with pytest.raises(ValidationError) as exc:
        services.answer_create(post=w.post_a, by=w.ca2, body=body)
    assert "body" in exc.value.message_dict
    assert not Answer.objects.exists()


@pytest.mark.parametrize("who", ["co", "cb", "b_staff"])
def test_outsiders_do_not_answer(w, who):
    with pytest.raises(PermissionDenied):
        services.answer_create(post=w.post_a, by=getattr(w, who), body="Bonjour")


def test_staff_recommend_an_answer_others_do_not(w):
    answer = services.answer_create(post=w.post_a, by=w.ca2, body="La SCIC.")
    for who in (w.ca, w.ca2, w.b_staff):
        with pytest.raises(PermissionDenied):
            services.answer_recommend(answer=answer, by=who)
    answer = services.answer_recommend(answer=answer, by=w.a_staff)
    assert answer.is_recommended and answer.recommended_by == w.a_staff
    answer = services.answer_recommend(answer=answer, by=w.a_staff, recommended=False)
    assert not answer.is_recommended


def test_the_ecosystems_leader_staff_moderate_its_board_member_staff_do_not(w):
    with pytest.raises(PermissionDenied):
        services.post_moderate(post=w.post_e, name="hide", by=w.b_staff)
    post = services.post_moderate(post=w.post_e, name="hide", by=w.a_staff)
    assert post.state == "hidden"


def test_hide_and_show_a_post_through_the_workflow(w):
    post = services.post_moderate(post=w.post_a, name="hide", by=w.a_staff, comment="Hors sujet")
    assert post.state == "hidden"
    assert Event.objects.filter(object_type="peers.post", workflow="peers_post", to_state="hidden").exists()
    with pytest.raises(PermissionDenied):  # no answer on a hidden post
        services.answer_create(post=post, by=w.ca2, body="Bonjour")
    with pytest.raises(ValidationError):  # already hidden
        services.post_moderate(post=post, name="hide", by=w.a_staff)
    assert services.post_moderate(post=post, name="show", by=w.a_staff).state == "visible"


def test_a_member_hides_nothing(w):
    with pytest.raises(PermissionDenied):
        services.post_moderate(post=w.post_a, name="hide", by=w.ca2)
    answer = services.answer_create(post=w.post_a, by=w.ca2, body="Bonjour")
    with pytest.raises(PermissionDenied):
        services.answer_moderate(answer=answer, name="hide", by=w.ca)
    assert services.answer_moderate(answer=answer, name="hide", by=w.a_staff).state == "hidden"


def test_members_report_once_not_their_own_and_not_outsiders(w):
    report = services.report_create(post=w.post_a, by=w.ca2, reason="Publicité")
    assert report.answer is None
    with pytest.raises(ValidationError):
        services.report_create(post=w.post_a, by=w.ca2, reason="Encore")
    with pytest.raises(PermissionDenied):
        services.report_create(post=w.post_a, by=w.ca, reason="Le mien")
    with pytest.raises(PermissionDenied):
        services.report_create(post=w.post_a, by=w.co, reason="Dehors")
    with pytest.raises(ValidationError) as exc:
        services.report_create(post=w.post_a, by=w.a_staff, reason="")
    assert "reason" in exc.value.message_dict
    answer = services.answer_create(post=w.post_a, by=w.ca2, body="Bonjour")
    assert services.report_create(post=w.post_a, answer=answer, by=w.ca, reason="Grossier").answer == answer
    assert Report.objects.count() == 2


def test_an_answer_of_another_post_is_not_reported_under_this_one(w):
    other = services.post_create(board=w.pa, by=w.ca2, **QUESTION)
    answer = services.answer_create(post=other, by=w.ca, body="Bonjour")
    with pytest.raises(ValidationError):
        services.report_create(post=w.post_a, answer=answer, by=w.ca2, reason="Grossier")


def test_a_report_emails_the_boards_moderators(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_create(post=w.post_a, by=w.ca2, reason="Publicité déguisée")
    assert [m.to for m in mail.outbox] == [["a-staff@example.org"]]
    assert "Publicité déguisée" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_create(post=w.post_e, by=w.ca, reason="Doublon")  # the ecosystem's leader staff
    assert [m.to for m in mail.outbox] == [["a-staff@example.org"]]
