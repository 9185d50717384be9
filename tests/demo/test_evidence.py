import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from stdnum.fr import siret

from essaim.accompaniment.models import Checkin, Project
from essaim.accounts.models import User
from essaim.demo import accounts as accounts_demo
from essaim.demo import directory as directory_synthetic
from essaim.demo import evidence as evidence_demo
from essaim.demo import financing as financing_demo
from essaim.demo import history
from essaim.directory.validators import is_fictitious_siret
from essaim.evidence.models import Enterprise, ProgrammeBudget, ProjectFact
from essaim.evidence.selectors import parse_scope, report
from essaim.financing.models import FinancingPlan, FinancingResource, Funder
from essaim.financing.selectors import plan_is_closed

pytestmark = pytest.mark.django_db
LOADED_ON = dt.date(2026, 6, 1)  # the day the demo is "loaded": its history ends there


@pytest.fixture
def demo(study):
    out = io.StringIO()
    accounts_demo.seed(stdout=out)
    financing_demo.seed(stdout=out)
    evidence_demo.seed(stdout=out, today=LOADED_ON)
    return out.getvalue()


def test_demo_gives_every_accompanying_programme_real_curves(demo):
    assert "Preuves d'impact : " in demo
    assert Funder.objects.filter(slug="region-occitanie").exists()
    created = {"alter-incub": 13, "antropia": 20, "replic": 11, "district-solidaire": 14}
    for slug, count in created.items():
        figures = report(parse_scope(f"programme:{slug}"), inside=False)
        assert figures.created == count, slug
        assert figures.curves[0].points, slug
        assert figures.cohorts == (2016, 2025), slug  # ten cohorts back from the day it is loaded
    assert Enterprise.objects.filter(siret__isnull=False).count() == Enterprise.objects.count()
    created_ids = ProjectFact.objects.filter(created_on__isnull=False).values_list("project_id", flat=True)[
        :20
    ]
    assert all(plan_is_closed(pid) for pid in created_ids)


def test_demo_enterprises_are_believable(demo):
    enterprises = list(Enterprise.objects.select_related("project"))
    # every SIRET valid and from the documented fictitious range
    assert all(is_fictitious_siret(e.siret) and siret.is_valid(e.siret) for e in enterprises)
    # integration workshops and intermediary associations are associations; EI are companies
    kinds = {(e.integration_kind, e.legal_form) for e in enterprises if e.integration_kind}
    assert {k for k, form in kinds if form == "association"} <= {"aci", "ai"}
    assert {form for k, form in kinds if k == "ei"} <= {"sas", "scop", "scic"}
    assert "aci" in {k for k, _form in kinds}
    # associations have no founders' capital
    founders = FinancingResource.objects.filter(instrument="founders")
    assert not founders.filter(plan__project__enterprise__legal_form="association").exists()
    assert founders.exists()
    # the revenue band follows the jobs at the last check-in before ceasing
    for enterprise in enterprises:
        last = Checkin.objects.filter(project=enterprise.project, fte__gt=0).order_by("-months_after").first()
        if last is not None:
            assert enterprise.revenue_band == history.revenue_band(last.fte), enterprise.name


def test_demo_history_ends_on_the_day_it_is_loaded(study):
    evidence_demo.seed()
    today = timezone.localdate()
    historical = Project.objects.filter(programme__slug="antropia")
    assert historical.aggregate(last=Max("started_on"))["last"] <= today
    assert ProjectFact.objects.aggregate(first=Min("cohort"))["first"] == today.year - 10
    assert ProjectFact.objects.aggregate(last=Max("cohort"))["last"] == today.year - 1
    assert ProgrammeBudget.objects.aggregate(last=Max("year"))["last"] == today.year


def test_demo_activities_fit_the_size_of_their_commune(demo):
    rural = {name for name, where in history.ACTIVITIES if where == "rural"}
    urban = {name for name, where in history.ACTIVITIES if where == "urban"}
    rows = Project.objects.filter(~Q(commune=None)).values_list("sector", "commune__population")
    assert not [(s, p) for s, p in rows if s in rural and p >= history.RURAL_BELOW]
    assert not [(s, p) for s, p in rows if s in urban and p < history.RURAL_BELOW]
    assert {s for s, _p in rows} & rural and {s for s, _p in rows} & urban


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
