import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from essaim.accompaniment.models import Project
from essaim.calls.models import (
    Application,
    ApplicationState,
    Call,
    CallState,
    Candidacy,
    JobOffer,
    Review,
    TerritoryNeed,
)
from essaim.demo import accounts as accounts_demo
from essaim.demo import calls as demo

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(Call.objects.values_list("title", "state")),
        sorted(Application.objects.values_list("project_name", "state", "carrier__email")),
        Review.objects.count(),
        sorted(TerritoryNeed.objects.values_list("title", "state")),
        sorted(JobOffer.objects.values_list("title", "state")),
        sorted(Candidacy.objects.values_list("candidate__email", "state")),
        Project.objects.count(),
    )


def test_demo_is_complete_deterministic_and_idempotent():
    call_command("load_study", verbosity=0)
    accounts_demo.seed()
    out = io.StringIO()
    demo.seed(stdout=out)
    first = _snapshot()
    demo.seed(stdout=out)
    assert _snapshot() == first
    calls = dict(first[0])
    open_title, review_title = demo.call_titles(timezone.now())
    assert calls == {open_title: CallState.OPEN, review_title: CallState.REVIEW}
    assert open_title.startswith(f"Appel à projets {(timezone.localdate() + dt.timedelta(days=40)).year} ")
    assert ("La Recyclerie du Lodévois", ApplicationState.SUBMITTED, "porteur@demo.essaim.fr") in first[1]
    assert first[2] == 6
    assert [state for _title, state in first[4]] == ["published"]
    assert sorted(state for _email, state in first[5]) == ["interview", "shortlisted", "submitted"]
    # one accepted application (carrier model) and one generated project (no carrier yet)
    assert sorted(Project.objects.values_list("model", "stage__key")) == [
        ("carrier", "opportunite_faisabilite"),
        ("generator", "reperage"),
    ]
    assert "2 appels, 5 candidatures, 1 offre(s)" in out.getvalue()
