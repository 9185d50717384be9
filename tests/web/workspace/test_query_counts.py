"""Every list page of the workspace: the number of queries does not grow with the items."""

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.accompaniment.models import Mobilisation
from essaim.accompaniment.services import project_update, referral_propose
from tests.factories.accompaniment import ExpertFactory, MeetingFactory, ProjectFactory
from tests.factories.calls import ApplicationFactory, CandidacyFactory
from tests.factories.directory import ProgrammeFactory


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
]


@pytest.mark.parametrize("n", [1, 8])
@pytest.mark.parametrize(("name", "actor", "args", "queries"), PAGES, ids=[p[0] for p in PAGES])
def test_list_pages_query_count(client, world, django_assert_num_queries, n, name, actor, args, queries):
    grow(world, n)
    for _ in range(n):
        MeetingFactory(project=world.project_a)
    client.force_login(getattr(world, actor))
    url = reverse(f"workspace:{name}", args=[getattr(world, a).pk if a == "project_a" else a for a in args])
    client.get(url)  # first visit may create the programme's settings row
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
