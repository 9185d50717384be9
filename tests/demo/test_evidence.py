import io

import pytest
from django.urls import reverse

from essaim.accounts.models import User
from essaim.demo import accounts as accounts_demo
from essaim.demo import evidence as evidence_demo
from essaim.demo import financing as financing_demo
from essaim.evidence.models import Enterprise, ProjectFact
from essaim.evidence.selectors import parse_scope, report
from essaim.financing.models import FinancingPlan, Funder
from essaim.financing.selectors import plan_is_closed

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(study):
    out = io.StringIO()
    accounts_demo.seed(stdout=out)
    financing_demo.seed(stdout=out)
    evidence_demo.seed(stdout=out)
    return out.getvalue()


def test_demo_gives_every_accompanying_programme_real_curves(demo):
    assert "Preuves d'impact : " in demo
    assert Funder.objects.filter(slug="region-occitanie").exists()
    for slug in ("alter-incub", "antropia", "replic", "district-solidaire"):
        figures = report(parse_scope(f"programme:{slug}"), inside=False)
        assert isinstance(figures.created, int) and figures.created >= 5, slug
        assert figures.curves[0].points, slug
        assert figures.cohorts[0] == 2014 or figures.cohorts[0] == 2015
    assert Enterprise.objects.filter(siret__isnull=False).count() == Enterprise.objects.count()
    created_ids = ProjectFact.objects.filter(created_on__isnull=False).values_list("project_id", flat=True)[
        :20
    ]
    assert all(plan_is_closed(pid) for pid in created_ids)


def test_demo_is_idempotent(demo):
    before = (ProjectFact.objects.count(), FinancingPlan.objects.count())
    assert evidence_demo.seed() == 0
    assert financing_demo.seed() == 0
    assert (ProjectFact.objects.count(), FinancingPlan.objects.count()) == before


def test_demo_viewer_sees_region_76_and_nothing_else(demo, client):
    viewer = User.objects.get(email="occitanie@demo.essaim.fr")
    client.force_login(viewer)
    response = client.get(reverse("reports:territory", kwargs={"level": "region", "code": "76"}))
    assert response.status_code == 200
    figures = response.context["report"]
    assert isinstance(figures.created, int) and figures.created >= 5
    assert len(figures.curves[0].points) > 3
    for level, code in (("region", "11"), ("region", "93"), ("departement", "13"), ("national", "FR")):
        assert (
            client.get(reverse("reports:territory", kwargs={"level": level, "code": code})).status_code == 403
        )
    api = client.get("/api/v1/evidence/survival", {"scope": "territory:region:84"})
    assert api.status_code == 403
