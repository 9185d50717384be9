"""Links into the reports from the workspace: for the programme's staff, not for others."""

import pytest
from django.urls import reverse

from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.financing import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory()


def _report_links(programme) -> list[str]:
    return [
        reverse("reports:programme", kwargs={"slug": programme.slug}),
        reverse("reports:programme_indicators", kwargs={"slug": programme.slug}),
        reverse("reports:programme_budget", kwargs={"slug": programme.slug}),
    ]


def test_project_page_links_funding_round_and_outcomes_for_staff(client, project):
    client.force_login(MembershipFactory(organisation=project.programme.organisation).user)
    body = client.get(reverse("workspace:project", args=[project.pk])).content.decode()
    assert f'href="{reverse("reports:funding_round", args=[project.pk])}"' in body
    assert f'href="{reverse("reports:outcomes", args=[project.pk])}"' in body


def test_project_page_has_no_report_links_for_its_carrier(client, project):
    carrier = UserFactory(carrier=True)
    project.carriers.add(carrier)
    client.force_login(carrier)
    response = client.get(reverse("workspace:project", args=[project.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("reports:funding_round", args=[project.pk]) not in body
    assert reverse("reports:outcomes", args=[project.pk]) not in body


def test_board_links_programme_report_indicators_and_budget(client, project):
    client.force_login(MembershipFactory(organisation=project.programme.organisation).user)
    body = client.get(reverse("workspace:board", args=[project.programme.slug])).content.decode()
    for url in _report_links(project.programme):
        assert f'href="{url}"' in body


def test_settings_link_programme_report_for_admin(client, project):
    client.force_login(MembershipFactory(organisation=project.programme.organisation, role="admin").user)
    body = client.get(reverse("workspace:settings", args=[project.programme.slug])).content.decode()
    for url in _report_links(project.programme):
        assert f'href="{url}"' in body


def test_others_reach_no_board_hence_no_links(client, project):
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("workspace:board", args=[project.programme.slug])).status_code == 404
    client.logout()
    assert client.get(reverse("workspace:board", args=[project.programme.slug])).status_code == 302


def test_programme_report_links_indicators_and_budget_without_calls(client, project):
    client.force_login(MembershipFactory(organisation=project.programme.organisation).user)
    body = client.get(reverse("reports:programme", kwargs={"slug": project.programme.slug})).content.decode()
    for url in _report_links(project.programme)[1:]:
        assert f'href="{url}"' in body
