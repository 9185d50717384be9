import datetime as dt

from django.utils import timezone

from essaim.accompaniment.models import Mobilisation
from essaim.skills.sources import demand_rows, supply_rows
from essaim.territories.models import Commune
from tests.factories.accompaniment import ExpertFactory, ProjectFactory
from tests.factories.calls import CandidacyFactory, JobOfferFactory


def test_demand_and_supply_of_a_territory_by_year_and_family(db):
    narbonne, toulouse = Commune.objects.get(code="11262"), Commune.objects.get(code="31555")
    published = timezone.make_aware(dt.datetime(2025, 3, 1))
    offer = JobOfferFactory(
        commune=narbonne,
        title="Porteur d'un garage",
        skills_profile="Gestion de projet, comptabilité",
        published_at=published,
    )
    JobOfferFactory(commune=toulouse, title="Cuisinier", skills_profile="Restauration")
    CandidacyFactory(offer=offer, experience="Comptable pendant dix ans", motivation="Envie d'entreprendre")
    project = ProjectFactory(commune=narbonne, programme=offer.programme)
    Mobilisation.objects.create(project=project, expert=ExpertFactory(), domain="legal", message="Statuts")
    this_year = timezone.now().year
    assert demand_rows("departement", "11") == sorted(
        [(2025, "finance", 1), (2025, "management", 1), (2025, "mobility", 1), (this_year, "legal", 1)]
    )
    assert supply_rows("commune", "11262") == [(this_year, "finance", 1)]
    assert demand_rows("departement", "11", programme_ids=[]) == []
    assert [r[1] for r in demand_rows("national", "FR") if r[0] == this_year] == ["food", "legal"]


def test_recruitment_needs_at_checkins_are_demand(db):
    from essaim.skills.models import RecruitmentNeed
    from tests.factories.accompaniment import CheckinFactory

    narbonne = Commune.objects.get(code="11262")
    project = ProjectFactory(commune=narbonne)
    due = CheckinFactory(project=project, due_on=dt.date(2025, 7, 15))
    observed = CheckinFactory(
        project=project, months_after=12, due_on=dt.date(2025, 12, 20), observed_on=dt.date(2026, 1, 5)
    )
    RecruitmentNeed.objects.create(checkin=due, family="care", posts=3)
    RecruitmentNeed.objects.create(checkin=due, family="care", posts=2)
    RecruitmentNeed.objects.create(checkin=observed, family="digital", posts=1)
    assert demand_rows("commune", "11262") == [(2025, "care", 5), (2026, "digital", 1)]
    assert demand_rows("departement", "31") == []
    assert demand_rows("region", "76", programme_ids=[project.programme_id]) == [
        (2025, "care", 5),
        (2026, "digital", 1),
    ]
    assert demand_rows("region", "76", programme_ids=[]) == []
