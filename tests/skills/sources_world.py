"""Every source of the skills balance, `n` rows each, in Narbonne (Aude) for `programme` and 2025:
offers, needs at check-ins, mobilisations (demand); candidacies, carriers, trainings, experts
(supply). Shared by the page, export and API tests (query counts, the new sources in files)."""

import datetime as dt

from django.utils import timezone

from essaim.accompaniment.models import Mobilisation
from essaim.calls.models import Candidacy
from essaim.events.models import EventKind, EventState
from essaim.skills.models import RecruitmentNeed
from essaim.territories.models import Commune
from tests.events.factories import EventFactory
from tests.factories.accompaniment import CheckinFactory, ExpertFactory, ProjectFactory
from tests.factories.accounts import UserFactory
from tests.factories.calls import CandidacyFactory, JobOfferFactory

YEAR = 2025


def populate(programme, n: int) -> None:
    narbonne = Commune.objects.get(code="11262")
    at = timezone.make_aware(dt.datetime(YEAR, 5, 1, 9))
    for _ in range(n):
        offer = JobOfferFactory(
            programme=programme,
            commune=narbonne,
            title="Poste",
            skills_profile="Comptabilité",
            published_at=at,
        )
        candidacy = CandidacyFactory(offer=offer, experience="Aide à domicile", motivation="")
        Candidacy.objects.filter(pk=candidacy.pk).update(created_at=at)
        project = ProjectFactory(
            programme=programme, commune=narbonne, sector="Épicerie", carriers=[UserFactory(carrier=True)]
        )
        project.started_on = dt.date(YEAR, 2, 1)
        project.save(update_fields=["started_on"])
        checkin = CheckinFactory(project=project, due_on=dt.date(YEAR, 7, 15))
        RecruitmentNeed.objects.create(checkin=checkin, family="mobility", posts=2)
        expert = ExpertFactory(domains=["marketing"], territory_refs=["commune:11262"])
        expert.user.date_joined = at
        expert.user.save(update_fields=["date_joined"])
        mobilisation = Mobilisation.objects.create(
            project=project, expert=expert, domain="legal", message="Statuts"
        )
        Mobilisation.objects.filter(pk=mobilisation.pk).update(created_at=at)
        EventFactory(
            programme=programme,
            kind=EventKind.TRAINING,
            state=EventState.PUBLISHED,
            commune=narbonne,
            title="Formation numérique",
            capacity=4,
            sessions=[(at, at + dt.timedelta(hours=2))],
        )
