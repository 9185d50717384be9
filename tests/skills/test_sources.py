import datetime as dt

from django.utils import timezone

from essaim.accompaniment.models import Expert, Mobilisation
from essaim.events.models import EventKind, EventState
from essaim.evidence.privacy import SMALL
from essaim.skills.balance import balance
from essaim.skills.models import RecruitmentNeed
from essaim.skills.sources import demand_rows, supply_rows
from essaim.territories.models import Commune
from tests.events.factories import EventFactory
from tests.factories.accompaniment import CheckinFactory, ExpertFactory, ProjectFactory
from tests.factories.accounts import UserFactory
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


def _year(y):
    return timezone.make_aware(dt.datetime(y, 4, 1, 9))


def test_supply_from_carriers_experts_and_training_places(db):

    narbonne = Commune.objects.get(code="11262")
    this_year = timezone.localdate().year
    carriers = [UserFactory(carrier=True) for _ in range(2)]
    project = ProjectFactory(
        commune=narbonne, name="Le Garage", sector="Réparation automobile", carriers=carriers
    )
    project.started_on = dt.date(2023, 2, 1)
    project.save(update_fields=["started_on"])
    ProjectFactory(commune=narbonne, sector="Cuisine")  # no carrier: nothing
    start = _year(2023)
    training = {"kind": EventKind.TRAINING, "state": EventState.PUBLISHED, "programme": project.programme}
    EventFactory(
        **training,
        title="Formation à la comptabilité",
        commune=narbonne,
        capacity=12,
        sessions=[
            (start, start + dt.timedelta(hours=3)),
            (_year(2023) + dt.timedelta(days=7), _year(2023) + dt.timedelta(days=7, hours=3)),
        ],
    )
    EventFactory(
        **{**training, "state": EventState.DRAFT},
        title="Comptabilité",
        commune=narbonne,
        sessions=[(start, start + dt.timedelta(hours=1))],
    )
    EventFactory(
        **{**training, "kind": EventKind.WORKSHOP},
        title="Comptabilité",
        commune=narbonne,
        sessions=[(start, start + dt.timedelta(hours=1))],
    )
    EventFactory(
        **training,
        title="Comptabilité en ligne",
        capacity=30,
        sessions=[(start, start + dt.timedelta(hours=1))],
    )
    aude = ExpertFactory(domains=["marketing"], territory_refs=["departement:11"])
    in_narbonne = ExpertFactory(domains=["legal", "governance"], territory_refs=["commune:11262"])
    ExpertFactory(domains=["accounting"], territory_refs=["departement:34"])
    ExpertFactory(domains=["technical"], territory_refs=[])
    for expert in Expert.objects.all():
        expert.user.date_joined = _year(this_year - 1)
        expert.user.save(update_fields=["date_joined"])
    rows = supply_rows("commune", "11262")
    assert (2023, "mobility", 2) in rows and (2023, "production", 2) in rows  # the two carriers
    assert (
        2023,
        "finance",
        12,
    ) in rows  # twelve places, once for two sessions; not the draft nor the workshop
    assert {(y, f) for y, f, n in rows if y >= this_year - 1 and f in ("trade", "legal")} == {
        (this_year - 1, "trade"),
        (this_year, "trade"),
        (this_year - 1, "legal"),
        (this_year, "legal"),
    }
    assert (this_year, "legal", 1) in rows  # one expert with two legal domains counts once
    assert not [r for r in rows if r[1] == "production" and r[0] >= this_year - 1]  # no-territory expert
    departement = supply_rows("departement", "11")  # the Narbonne expert lies inside the Aude
    assert (this_year, "legal", 1) in departement and (this_year, "trade", 1) in departement
    national = supply_rows("national", "FR")
    assert (2023, "finance", 42) in national and (this_year, "production", 1) in national
    assert supply_rows("departement", "31") == []
    # Staff of the programme: its carriers and trainings, and the experts its projects mobilised.
    Mobilisation.objects.create(project=project, expert=aude, domain="marketing", message="Vente")
    own = supply_rows("region", "76", programme_ids=[project.programme_id])
    assert (this_year, "trade", 1) in own and not [
        r for r in own if r[1] == "legal" and r[0] >= this_year - 1
    ]
    assert in_narbonne.pk and supply_rows("region", "76", programme_ids=[]) == []


def test_small_supply_is_hidden_outside_a_programme_also_against_differencing(db):

    narbonne = Commune.objects.get(code="11262")
    for n, year in ((3, 2025), (7, 2024)):
        project = ProjectFactory(
            commune=narbonne, sector="Épicerie", carriers=[UserFactory(carrier=True) for _ in range(n)]
        )
        project.started_on = dt.date(year, 3, 1)
        project.save(update_fields=["started_on"])
    published = timezone.make_aware(dt.datetime(2025, 3, 1))
    for _ in range(6):
        JobOfferFactory(commune=narbonne, title="Épicier", skills_profile="Épicerie", published_at=published)
    [line] = balance(
        demand_rows("commune", "11262"), supply_rows("commune", "11262"), year=2025, inside=False
    )
    assert (line.family, line.demand, line.supply, line.gap, line.trend) == ("food", 6, SMALL, SMALL, SMALL)
    [line] = balance(demand_rows("commune", "11262"), supply_rows("commune", "11262"), year=2025, inside=True)
    assert (line.demand, line.supply, line.gap, line.trend) == (6, 3, 3, 3 - (0 - 7))
