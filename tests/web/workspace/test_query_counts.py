"""Every list page of the workspace: the number of queries does not grow with the items."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Mobilisation
from essaim.accompaniment.services import project_update, referral_propose
from tests.factories.accompaniment import (
    CheckinFactory,
    ExpertFactory,
    MeetingFactory,
    ProjectFactory,
    ReferralFactory,
)
from tests.factories.calls import ApplicationFactory, CandidacyFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.financing import FinancingNeedFactory, FinancingPlanFactory


def grow(world, n):
    for i in range(n):
        project = ProjectFactory(programme=world.programme_a, carriers=[world.carrier])
        MeetingFactory(project=project)
        referral_propose(
            project=project, to_programme=ProgrammeFactory(), by=world.member_a, message=f"Orientation {i}"
        )
        project_update(project=project, by=world.admin_a, sector=f"Secteur {i}")
        expert = ExpertFactory()
        Mobilisation.objects.create(
            project=project, expert=world.expert.expert_profile, domain="legal", message="x"
        )
        Mobilisation.objects.create(project=project, expert=expert, domain="legal", message="x")
        ApplicationFactory(carrier=world.carrier, submitted=True, feedback="Bravo", decided_at=timezone.now())
        CandidacyFactory(candidate=world.carrier)


PAGES = [
    ("home", "carrier", [], 9),  # + the carrier's applications, candidacies and contact requests
    ("referral_list", "member_a", ["incubateur-a"], 7),
    ("audit", "admin_a", ["incubateur-a"], 7),  # the sentences are read from each row: no query more
    ("expert_pool", "member_a", [], 4),
    ("expert_requests", "expert", [], 3),
    ("project", "member_a", ["project_a"], 18),  # + the contact request it came from
    ("project", "carrier", ["project_a"], 10),  # the carrier's page: no targets, no staff forms
]


@pytest.mark.parametrize("n", [1, 8])
@pytest.mark.parametrize(("name", "actor", "args", "queries"), PAGES, ids=[f"{p[0]}-{p[1]}" for p in PAGES])
def test_list_pages_query_count(client, world, django_assert_num_queries, n, name, actor, args, queries):
    grow(world, n)
    for _ in range(n):
        MeetingFactory(project=world.project_a)
    client.force_login(getattr(world, actor))
    url = reverse(f"workspace:{name}", args=[getattr(world, a).pk if a == "project_a" else a for a in args])
    client.get(url)  # first visit may create the programme's settings row
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def grow_attention(world, n):
    """n items of every kind the attention panel ranks."""
    today = timezone.localdate()
    for i in range(n):
        silent = ProjectFactory(programme=world.programme_a, started_on=today - timedelta(days=100 + i))
        MeetingFactory(project=silent, date=today - timedelta(days=60), duration_minutes=30)
        created = ProjectFactory(
            programme=world.programme_a,
            stage_key="creation",
            started_on=today - timedelta(days=400),
            created_on=today - timedelta(days=200),
        )
        CheckinFactory(project=created, due_on=today - timedelta(days=i))
        held = ProjectFactory(programme=world.programme_a, stage_key="incubation", started_on=today)
        FinancingNeedFactory(plan=FinancingPlanFactory(project=held), amount=1000)
        ReferralFactory(
            project=ProjectFactory(), to_programme=world.programme_a, status=ReferralStatus.PROPOSED
        )


@pytest.mark.parametrize("attention", ["", "on"])
@pytest.mark.parametrize("n", [1, 8])
def test_board_query_count_with_every_kind_of_item(client, world, django_assert_num_queries, n, attention):
    grow_attention(world, n)
    client.force_login(world.member_a)
    url = reverse("workspace:board", args=["incubateur-a"])
    client.get(url)  # settings row created on first visit
    with django_assert_num_queries(13):
        response = client.get(url, {"attention": attention} if attention else {})
    assert response.context["board"].attention_count == 4 * n + 1  # + project_a, silent since January
