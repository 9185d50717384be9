"""The board's attention panel: ranked, capped, each item with why and do; the project page's
notice and the refused entry into creation, both linking to the financing plan."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Project, StageTransition
from tests.factories.accompaniment import CheckinFactory, MeetingFactory, ProjectFactory, ReferralFactory
from tests.factories.financing import FinancingNeedFactory, FinancingPlanFactory

TODAY = timezone.localdate()
BOARD = "workspace:board"


def ago(days):
    return TODAY - timedelta(days=days)


@pytest.fixture
def panel_world(world):
    """project_a quiet; one item of each kind of action."""
    Project.objects.filter(pk=world.project_a.pk).update(started_on=TODAY, stage_entered_on=TODAY)
    w = world
    w.silent = ProjectFactory(programme=w.programme_a, name="Silencieux", started_on=ago(100))
    w.created = ProjectFactory(
        programme=w.programme_a, name="Créée", stage_key="creation", started_on=ago(400), created_on=ago(200)
    )
    w.checkin = CheckinFactory(project=w.created, months_after=6, due_on=ago(5))
    w.held = ProjectFactory(
        programme=w.programme_a,
        name="Incubée",
        stage_key="incubation",
        started_on=ago(3),
        stage_entered_on=ago(3),
    )
    FinancingNeedFactory(plan=FinancingPlanFactory(project=w.held), amount=8000)
    w.referral = ReferralFactory(
        project=w.project_b, to_programme=w.programme_a, status=ReferralStatus.PROPOSED
    )
    return w


def test_panel_ranks_items_with_why_and_do(client, panel_world):
    w = panel_world
    client.force_login(w.member_a)
    response = client.get(reverse(BOARD, args=["incubateur-a"]))
    assert response.status_code == 200
    board = response.context["board"]
    shown = [(i.name, [(reason.why, label, url) for reason, label, url in i.links]) for i in board.attention]
    assert shown == [
        (
            "Silencieux",
            [
                (
                    "Aucun rendez-vous depuis le début de l'accompagnement",
                    "Consigner un rendez-vous",
                    reverse("workspace:meeting_create", args=[w.silent.pk]),
                )
            ],
        ),
        (
            "Créée",
            [
                (
                    "Point de suivi à 6 mois en retard de 5 jours",
                    "Valider le point de suivi",
                    reverse("workspace:checkin", args=[w.created.pk, w.checkin.pk]),
                )
            ],
        ),
        (
            "Recyclerie B",
            [
                (
                    f"Passerelle proposée par {w.programme_b.name}, en attente de votre réponse",
                    "Accepter ou refuser",
                    reverse("workspace:referral", args=[w.referral.pk]),
                )
            ],
        ),
        (
            "Incubée",
            [
                (
                    "Entrée en « Création » refusée tant que le plan de financement n'est pas bouclé",
                    "Ouvrir le plan de financement",
                    reverse("reports:funding_round", args=[w.held.pk]),
                )
            ],
        ),
    ]
    assert (board.attention_count, board.flagged_count) == (4, 3)
    html = response.content.decode()
    assert "4 projets ou passerelles demandent votre attention" in html
    assert reverse("reports:funding_round", args=[w.held.pk]) in html
    assert "Voir tout" not in html
    table = {p.name: [r.why for r in reasons] for p, reasons in board.rows}
    assert table["Incubée"] == [
        "Entrée en « Création » refusée tant que le plan de financement n'est pas bouclé"
    ]
    assert table[w.project_a.name] == []


def test_panel_is_capped_with_see_all(client, world):
    Project.objects.filter(pk=world.project_a.pk).update(started_on=TODAY, stage_entered_on=TODAY)
    for i in range(12):
        ProjectFactory(programme=world.programme_a, name=f"Silencieux {i:02d}", started_on=ago(50 + i))
    client.force_login(world.member_a)
    url = reverse(BOARD, args=["incubateur-a"])
    response = client.get(url)
    board = response.context["board"]
    assert [i.name for i in board.attention] == [f"Silencieux {i:02d}" for i in range(11, 1, -1)]
    assert board.attention_count == 12
    assert "Voir tout (12)" in response.content.decode()
    everything = client.get(url, {"attention": "on"}).context["board"]
    assert [i.name for i in everything.attention] == [f"Silencieux {i:02d}" for i in range(11, -1, -1)]
    assert sorted(p.name for p in everything.page) == sorted(f"Silencieux {i:02d}" for i in range(12))


def test_nothing_to_do_is_said(client, world):
    Project.objects.filter(pk=world.project_a.pk).update(started_on=TODAY, stage_entered_on=TODAY)
    client.force_login(world.member_a)
    html = client.get(reverse(BOARD, args=["incubateur-a"])).content.decode()
    assert "Rien d'urgent" in html


@pytest.mark.parametrize(
    ("actor", "status"), [("anonymous", 302), ("carrier", 404), ("member_a", 200), ("staff_b", 404)]
)
def test_board_actors(client, world, actor, status):
    if actor != "anonymous":
        client.force_login(getattr(world, actor))
    response = client.get(reverse(BOARD, args=["incubateur-a"]))
    assert response.status_code == status
    if status == 200:
        assert [i.name for i in response.context["board"].attention] == [world.project_a.name]


def test_board_refuses_other_methods(client, world):
    client.force_login(world.member_a)
    assert client.post(reverse(BOARD, args=["incubateur-a"])).status_code == 405


def test_project_page_links_the_held_entry_to_the_plan(client, panel_world):
    w = panel_world
    client.force_login(w.member_a)
    response = client.get(reverse("workspace:project", args=[w.held.pk]))
    html = response.content.decode()
    plan_url = reverse("reports:funding_round", args=[w.held.pk])
    assert "L'entrée en « Création » est refusée tant que le plan de financement n'est pas bouclé" in html
    assert f'<a href="{plan_url}">Ouvrir le plan de financement</a>' in html
    assert [(r.code, label) for r, label, _url in response.context["attention"].links] == [
        ("creation_held", "Ouvrir le plan de financement")
    ]


def test_refused_entry_into_creation_links_to_the_plan(client, panel_world):
    w = panel_world
    client.force_login(w.member_a)
    creation = w.held.stage.pipeline.stages.get(key="creation")
    response = client.post(
        reverse("workspace:project_transition", args=[w.held.pk]),
        {"action": "move", "to_stage": creation.pk},
        follow=True,
    )
    [message] = [str(m) for m in response.context["messages"]]
    plan_url = reverse("reports:funding_round", args=[w.held.pk])
    assert message.startswith("Le projet ne peut pas entrer en « Création » : son plan de financement n")
    assert message.endswith(f'<a href="{plan_url}">Ouvrir le plan de financement</a>')
    assert StageTransition.objects.filter(project=w.held).count() == 0
    assert f'<a href="{plan_url}">Ouvrir le plan de financement</a>' in response.content.decode()


def test_project_page_dosage_shows_both_sides(client, world):
    Project.objects.filter(pk=world.project_a.pk).update(started_on=ago(120), stage_entered_on=ago(120))
    MeetingFactory(project=world.project_a, date=ago(3), duration_minutes=45)
    Project.objects.filter(pk=world.project_a.pk).update(last_meeting_on=ago(3), meeting_minutes=45)
    client.force_login(world.member_a)
    response = client.get(reverse("workspace:project", args=[world.project_a.pk]))
    assert response.context["dosage"].verdict == "too_little"
    html = response.content.decode()
    assert "0,8 h sur les 90 derniers jours, en dessous du minimum de 4 h" in html
    assert "0,8 h (minimum du dispositif : 4 h)" in html


def test_the_links_reverser_gives_what_reverse_gives():
    """with_links resolves each URL name once and puts the ids in: the same URLs as reverse()."""
    from django.urls import reverse

    from essaim.web.workspace.attention import _reverser

    url = _reverser()
    for name, ids in [
        ("workspace:project", (7,)),
        ("workspace:project", (123456,)),
        ("workspace:checkin", (12, 3)),
        ("workspace:referral", (40,)),
        ("reports:funding_round", (9,)),
        ("workspace:meeting_create", (5,)),
    ]:
        assert url(name, *ids) == reverse(name, args=ids)
