import io

import pytest
from django.core.management import call_command

from essaim.accompaniment.models import Checkin, Project
from essaim.demo import directory as directory_synthetic
from essaim.demo import evidence as synthetic
from essaim.evidence.models import ProjectFact
from essaim.evidence.selectors import parse_scope, report
from essaim.financing.models import Funder

pytestmark = pytest.mark.django_db


def snapshot():
    return list(
        Project.objects.order_by("pk").values_list(
            "name", "commune_id", "started_on", "created_on", "status", "stage__key"
        )
    )


def test_generate_is_deterministic_and_clear_removes_everything():
    out = io.StringIO()
    directory_synthetic.generate(count=40, seed=3, stdout=out)
    assert synthetic.generate(count=150, seed=3, stdout=out) == 150
    first = snapshot()
    assert len(first) == 150
    assert ProjectFact.objects.count() == 150
    assert ProjectFact.objects.filter(created_on__isnull=False).count() > 30
    assert Checkin.objects.exists()
    assert synthetic.clear(stdout=out) == 150
    assert (
        Project.objects.count(),
        ProjectFact.objects.count(),
        Funder.objects.filter(is_synthetic=True).count(),
    ) == (
        0,
        0,
        0,
    )
    synthetic.generate(count=150, seed=3, stdout=out)
    assert snapshot() == first


def test_needs_synthetic_programmes_first():
    with pytest.raises(RuntimeError):
        synthetic.generate(count=5, seed=1, stdout=io.StringIO())


def test_command_option_and_national_report():
    out = io.StringIO()
    call_command("generate_synthetic", programmes=30, projects=400, seed=2, stdout=out)
    assert "Projets synthétiques : 400/400" in out.getvalue()
    figures = report(parse_scope("territory:national:FR"), inside=False)
    five = figures.curves[0].five_year
    assert figures.projects == 400
    # Around the study's 70 % for supported enterprises (programmes vary around it).
    assert 0.5 < five.estimate < 0.9
