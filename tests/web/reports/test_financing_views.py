"""The funding round pages (essaim/web/reports/financing_views.py): staff of the project's
programme change the plan; the carrier reads it; anyone else gets 404; a resource is fetched
through its project's plan."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from essaim.audit.models import Event
from essaim.financing.models import FinancingNeed, FinancingResource
from essaim.financing.selectors import plan_is_closed
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.financing import (
    FinancingNeedFactory,
    FinancingPlanFactory,
    FinancingResourceFactory,
    FunderFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def status_url(project, resource) -> str:
    return reverse("reports:resource_status", args=[project.pk, resource.pk])


def test_funding_round_visible_to_staff_only(client):
    project = ProjectFactory()
    plan = FinancingPlanFactory(project=project)
    FinancingNeedFactory(plan=plan, amount=Decimal("1000"))
    FinancingResourceFactory(plan=plan, amount=Decimal("400"), funder=FunderFactory(name="Région test"))
    url = reverse("reports:funding_round", args=[project.pk])
    client.force_login(MembershipFactory(organisation=project.programme.organisation).user)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["round"].missing == Decimal("600")
    assert "Région test" in response.content.decode()
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 405


def test_funders_directory_query_count(client, django_assert_num_queries):
    client.force_login(UserFactory())
    FunderFactory()
    with django_assert_num_queries(4):
        assert client.get(reverse("reports:funders")).status_code == 200
    FunderFactory.create_batch(5)
    with django_assert_num_queries(4):
        assert client.get(reverse("reports:funders")).status_code == 200


def _staff_project(client):
    project = ProjectFactory()
    client.force_login(MembershipFactory(organisation=project.programme.organisation).user)
    return project


def test_staff_add_need_and_resource_then_plan_closes(client):
    project = _staff_project(client)
    funder = FunderFactory(name="Région Occitanie")
    base = reverse("reports:funding_round", args=[project.pk])
    response = client.post(base + "besoins/", {"need-kind": "investment", "need-amount": "12 500,50"})
    assert response.status_code == 302
    response = client.post(
        base + "ressources/",
        {
            "res-instrument": "grant",
            "res-funder": funder.pk,
            "res-amount": "12500.50",
            "res-status": "requested",
        },
    )
    assert response.status_code == 302
    assert plan_is_closed(project) is False
    resource = project.financing_plan.resources.get()
    client.post(base + f"ressources/{resource.pk}/statut/", {"st-status": "granted", "st-on": "2024-05-02"})
    assert plan_is_closed(project) is True
    page = client.get(base)
    assert "Plan de financement bouclé" in page.content.decode()


def test_amount_that_is_not_a_number_saves_nothing(client):
    project = _staff_project(client)
    base = reverse("reports:funding_round", args=[project.pk])
    response = client.post(base + "besoins/", {"need-kind": "investment", "need-amount": "beaucoup"})
    assert response.status_code == 400
    assert "« beaucoup » n&#x27;est pas un montant" in response.content.decode()
    response = client.post(
        base + "ressources/", {"res-instrument": "grant", "res-amount": "-3", "res-status": "planned"}
    )
    assert response.status_code == 400
    assert "Le montant doit être positif ou nul." in response.content.decode()
    assert (FinancingNeed.objects.count(), FinancingResource.objects.count()) == (0, 0)


def test_editing_the_plan_is_refused_to_others(client):
    project = ProjectFactory()
    base = reverse("reports:funding_round", args=[project.pk])
    carrier = UserFactory(carrier=True)
    project.carriers.add(carrier)
    client.force_login(carrier)
    assert client.get(base).status_code == 200
    assert client.post(base + "besoins/", {"need-kind": "investment", "need-amount": "10"}).status_code == 403
    client.force_login(MembershipFactory().user)
    assert client.post(base + "besoins/", {"need-kind": "investment", "need-amount": "10"}).status_code == 404
    assert client.get(base + "besoins/").status_code == 405
    client.logout()
    assert client.post(base + "besoins/", {"need-kind": "investment", "need-amount": "10"}).status_code == 302


def test_funders_wrong_method(client):
    client.force_login(UserFactory())
    assert client.post(reverse("reports:funders")).status_code == 405


def test_status_form_offers_the_moves_of_each_resource(client):
    project = _staff_project(client)
    plan = FinancingPlanFactory(project=project)
    requested = FinancingResourceFactory(plan=plan, status="requested")
    paid = FinancingResourceFactory(plan=plan, status="paid")
    body = client.get(reverse("reports:funding_round", args=[project.pk])).content.decode()
    form = body[body.index(status_url(project, requested)) :].split("</form>")[0]
    assert [v for v in ("granted", "refused", "paid", "planned", "requested") if f'value="{v}"' in form] == [
        "granted",
        "refused",
        "paid",
        "planned",
    ]
    assert status_url(project, paid) not in body


def test_resource_status_moves_and_logs_once(client):
    project = _staff_project(client)
    resource = FinancingResourceFactory(plan=FinancingPlanFactory(project=project), status="requested")
    response = client.post(status_url(project, resource), {"st-status": "granted", "st-on": "2024-05-02"})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert (resource.status, resource.decided_on) == ("granted", dt.date(2024, 5, 2))
    assert list(Event.objects.values_list("workflow", "from_state", "to_state")) == [
        ("financing_resource", "requested", "granted")
    ]


def test_resource_status_refused_move_changes_nothing(client):
    project = _staff_project(client)
    resource = FinancingResourceFactory(plan=FinancingPlanFactory(project=project), status="paid")
    response = client.post(status_url(project, resource), {"st-status": "requested"}, follow=True)
    assert "Statut ou date invalide : rien n&#x27;a été modifié." in response.content.decode()
    resource.refresh_from_db()
    assert resource.status == "paid"
    assert Event.objects.count() == 0


def test_resource_of_another_plan_is_404_even_for_its_own_staff(client):
    """The resource is fetched through the plan of the project in the URL: staff of both
    projects' programme cannot reach project B's resource under project A."""
    project = _staff_project(client)
    FinancingPlanFactory(project=project)
    other = ProjectFactory(programme=project.programme)
    theirs = FinancingResourceFactory(plan=FinancingPlanFactory(project=other), status="requested")
    assert client.post(status_url(project, theirs), {"st-status": "granted"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "requested"
    assert client.post(status_url(other, theirs), {"st-status": "granted"}).status_code == 302


def test_resource_status_wrong_actors_anonymous_and_method(client):
    project = ProjectFactory()
    resource = FinancingResourceFactory(plan=FinancingPlanFactory(project=project), status="requested")
    url = status_url(project, resource)
    carrier = UserFactory(carrier=True)
    project.carriers.add(carrier)
    client.force_login(carrier)
    assert client.post(url, {"st-status": "granted"}).status_code == 403
    client.force_login(MembershipFactory().user)
    assert client.post(url, {"st-status": "granted"}).status_code == 404
    client.force_login(MembershipFactory(organisation=project.programme.organisation).user)
    assert client.get(url).status_code == 405
    client.logout()
    response = client.post(url, {"st-status": "granted"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    resource.refresh_from_db()
    assert resource.status == "requested"


@pytest.mark.parametrize("count", [1, 6])
def test_funding_round_query_count_does_not_grow(client, count, django_assert_num_queries):
    project = _staff_project(client)
    plan = FinancingPlanFactory(project=project)
    FinancingNeedFactory(plan=plan)
    for _i in range(count):
        FinancingResourceFactory(plan=plan, status="requested")
    # session, user, memberships (visibility), project with programme, plan, memberships
    # (rule), needs, resources with funders, funders of the form
    with django_assert_num_queries(9):
        response = client.get(reverse("reports:funding_round", args=[project.pk]))
    assert sum(len(line.resources) for line in response.context["round"].lines) == count
