from decimal import Decimal

import pytest

from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.financing import (
    FinancingNeedFactory,
    FinancingPlanFactory,
    FinancingResourceFactory,
    FunderFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_financing_plan_endpoint_is_scoped(client):
    project = ProjectFactory()
    plan = FinancingPlanFactory(project=project)
    FinancingNeedFactory(plan=plan, amount=Decimal("1000"))
    FinancingResourceFactory(
        plan=plan, amount=Decimal("1000"), status="paid", funder=FunderFactory(slug="cr-occ")
    )
    client.force_login(MembershipFactory(organisation=project.programme.organisation).user)
    body = client.get(f"/api/v1/financing/projects/{project.pk}/plan").json()
    assert (body["is_closed"], body["missing"], body["resources"][0]["funder"]) == (True, "0.00", "cr-occ")
    client.force_login(MembershipFactory().user)
    assert client.get(f"/api/v1/financing/projects/{project.pk}/plan").status_code == 404
    client.force_login(UserFactory())
    assert client.get("/api/v1/financing/funders").json()[0]["slug"] == "cr-occ"


def test_financing_plan_of_a_project_without_plan_is_empty(client):
    project = ProjectFactory()
    client.force_login(MembershipFactory(organisation=project.programme.organisation).user)
    body = client.get(f"/api/v1/financing/projects/{project.pk}/plan").json()
    assert (body["project"], body["needs"], body["resources"], body["is_closed"]) == (
        project.pk,
        [],
        [],
        False,
    )


def test_financing_plan_anonymous_and_wrong_method(client):
    project = ProjectFactory()
    assert client.get(f"/api/v1/financing/projects/{project.pk}/plan").status_code == 401
    client.force_login(UserFactory(admin=True))
    assert client.post(f"/api/v1/financing/projects/{project.pk}/plan").status_code == 405
