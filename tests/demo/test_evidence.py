import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from essaim.accompaniment.models import Checkin, Project
from essaim.accounts.models import User
from essaim.demo import accounts as accounts_demo
from essaim.demo import directory as directory_synthetic
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
    created = {"alter-incub": 18, "antropia": 18, "replic": 20, "district-solidaire": 14}
    for slug, count in created.items():
        figures = report(parse_scope(f"programme:{slug}"), inside=False)
        assert figures.created == count, slug
        assert figures.curves[0].points, slug
        assert figures.cohorts == (2015, 2024), slug
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


def snapshot():
    return list(
        Project.objects.order_by("pk").values_list(
            "name", "commune_id", "started_on", "created_on", "status", "stage__key"
        )
    )


def test_generate_is_deterministic_and_clear_removes_everything():
    out = io.StringIO()
    directory_synthetic.generate(count=40, seed=3, stdout=out)
    assert evidence_demo.generate(count=150, seed=3, stdout=out) == 150
    first = snapshot()
    assert len(first) == 150
    assert ProjectFact.objects.count() == 150
    assert ProjectFact.objects.filter(created_on__isnull=False).count() > 30
    assert Checkin.objects.exists()
    assert evidence_demo.clear(stdout=out) == 150
    assert (
        Project.objects.count(),
        ProjectFact.objects.count(),
        Funder.objects.filter(is_synthetic=True).count(),
    ) == (
        0,
        0,
        0,
    )
    evidence_demo.generate(count=150, seed=3, stdout=out)
    assert snapshot() == first


def test_needs_synthetic_programmes_first():
    with pytest.raises(RuntimeError):
        evidence_demo.generate(count=5, seed=1, stdout=io.StringIO())


def test_command_option_and_national_report():
    out = io.StringIO()
    call_command("generate_synthetic", programmes=30, projects=400, seed=2, stdout=out)
    assert "Projets synthétiques : 400/400" in out.getvalue()
    figures = report(parse_scope("territory:national:FR"), inside=False)
    five = figures.curves[0].five_year
    assert figures.projects == 400
    # Around the study's 70 % for supported enterprises (programmes vary around it).
    assert 0.5 < five.estimate < 0.9
