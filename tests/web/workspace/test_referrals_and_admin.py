from django.core import mail
from django.urls import reverse

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import ProgrammeSettings, Referral
from essaim.audit.models import Event
from tests.factories.accompaniment import CheckinFactory


def test_referral_journey(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.member_a)
    response = client.post(
        reverse("workspace:referral_create", args=[world.project_a.pk]),
        {"to_programme": world.programme_b.pk, "message": "Besoin de locaux"},
    )
    referral = Referral.objects.get()
    assert response.url == reverse("workspace:referral", args=[referral.pk])
    url = reverse("workspace:referral", args=[referral.pk])

    client.force_login(world.staff_b)
    assert client.get(url).status_code == 404  # nothing reaches B before consent

    client.force_login(world.carrier)
    page = client.get(url)
    assert page.context["can"]["consent"] is True
    client.post(
        reverse("workspace:referral_action", args=[referral.pk, "consent"]), {"shared_fields": ["sector"]}
    )
    referral.refresh_from_db()
    assert (referral.status, referral.shared_fields) == (ReferralStatus.PROPOSED, ["sector"])

    client.force_login(world.staff_b)
    page = client.get(url)
    assert page.context["shared"] == {
        "name": "Épicerie du Faubourg",
        "model": "Accompagnement de porteurs",
        "sector": "Alimentation",
    }
    body = page.content.decode()
    assert "Une épicerie solidaire en circuit court." not in body
    assert "porteuse@example.org" not in body
    response = client.post(reverse("workspace:referral_action", args=[referral.pk, "refuse"]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Indiquez le motif du refus."]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("workspace:referral_action", args=[referral.pk, "refuse"]), {"comment": "Complet"}
        )
    referral.refresh_from_db()
    assert (referral.status, referral.decision_reason) == (ReferralStatus.REFUSED, "Complet")
    assert "Refusée" in mail.outbox[-1].subject

    client.force_login(world.carrier)
    page = client.get(url)
    assert page.context["referral"].status == ReferralStatus.REFUSED
    assert [state for _event, state in page.context["history"]] == [
        "Proposée au dispositif",
        "Refusée",
    ]
    assert page.context["can"] == {
        "consent": False,
        "decline": False,
        "accept": False,
        "refuse": False,
        "withdraw": False,
    }


def test_referral_propose_bad_input(client, world):
    client.force_login(world.member_a)
    response = client.post(
        reverse("workspace:referral_create", args=[world.project_a.pk]),
        {"to_programme": world.programme_b.pk},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"message": ["Ce champ est obligatoire."]}


def test_referral_list_is_scoped(client, world):
    client.force_login(world.member_a)
    client.post(
        reverse("workspace:referral_create", args=[world.project_a.pk]),
        {"to_programme": world.programme_b.pk, "message": "Locaux"},
    )
    response = client.get(reverse("workspace:referral_list", args=["incubateur-a"]))
    assert [r.project_id for r in response.context["sent"]] == [world.project_a.pk]
    assert list(response.context["received"]) == []
    client.force_login(world.staff_b)
    response = client.get(reverse("workspace:referral_list", args=["pepiniere-b"]))
    assert list(response.context["received"]) == []  # awaiting consent


def test_pipeline_admin(client, world):
    client.force_login(world.admin_a)
    stage = world.project_a.stage.pipeline.stages.get(key="incubation")
    client.post(
        reverse("workspace:stage_edit", args=["incubateur-a", stage.pk, "rename"]), {"name": "Couveuse"}
    )
    stage.refresh_from_db()
    assert stage.name == "Couveuse"
    prefix = f"p{stage.pipeline_id}"
    client.post(
        reverse("workspace:stage_edit", args=["incubateur-a", stage.pk, "add"]),
        {f"{prefix}-name": "Test", f"{prefix}-life_stage": "emergence", f"{prefix}-after": stage.pk},
    )
    assert list(stage.pipeline.stages.values_list("key", flat=True)) == [
        "selection",
        "opportunite_faisabilite",
        "incubation",
        "test",
        "creation",
        "suivi_post_creation",
    ]
    response = client.post(
        reverse("workspace:stage_edit", args=["incubateur-a", world.project_a.stage_id, "drop"]), follow=True
    )
    assert [str(m) for m in response.context["messages"]][-1] == (
        "Des projets sont à cette étape : déplacez-les avant de la retirer."
    )
    client.post(reverse("workspace:pipeline_create", args=["incubateur-a"]), {"model": "generator"})
    assert world.programme_a.pipelines.count() == 2
    page = client.get(reverse("workspace:pipeline", args=["incubateur-a"]))
    assert page.status_code == 200
    assert page.context["missing"] == []


def test_settings_admin(client, world):
    client.force_login(world.admin_a)
    url = reverse("workspace:settings", args=["incubateur-a"])
    data = {
        "target_hours_min": "40",
        "target_hours_max": "30",
        "max_hours_per_month": "10",
        "alert_after_days": "30",
        "min_hours_per_period": "6",
        "dosage_period_days": "60",
        "reminder_delays": "7, x",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "reminder_delays": ["Indiquez des nombres de jours entre 1 et 365, séparés par des virgules."],
        "target_hours_max": ["Le maximum doit être supérieur ou égal au minimum."],
    }
    response = client.post(url, {**data, "target_hours_max": "80", "reminder_delays": "30, 7, 7"})
    assert response.status_code == 302
    settings = ProgrammeSettings.objects.get(programme=world.programme_a)
    assert (settings.target_hours_max, settings.reminder_delays) == (80, [7, 30])
    assert (settings.min_hours_per_period, settings.dosage_period_days) == (6, 60)


def test_audit_page_lists_programme_events(client, world):
    client.force_login(world.admin_a)
    client.post(
        reverse("workspace:checklist_toggle", args=[world.project_a.pk]),
        {"stage": world.project_a.stage_id, "item": "interview", "done": "on"},
    )
    response = client.get(reverse("workspace:audit", args=["incubateur-a"]))
    events = list(response.context["page"])
    assert [e.pk for e in events] == list(
        Event.objects.filter(programme=world.programme_a).values_list("pk", flat=True)
    )
    # the deliverable is logged under the project's field, so that the log says it in words
    assert events[0].changes == {"checklist_done": {"selection": {"interview": True}}}
    sentence = f"{world.admin_a.full_name} a modifié « Épicerie du Faubourg » (projet) : livrables réalisés."
    assert events[0].sentence == sentence
    html = response.content.decode()
    assert sentence in html
    assert "checklist_done" not in html  # words, never a dict


def test_checkin_validation_and_correction(client, world):
    checkin = CheckinFactory(project=world.project_a)
    world.project_a.created_on = checkin.project.created_on
    client.force_login(world.member_a)
    url = reverse("workspace:checkin", args=[world.project_a.pk, checkin.pk])
    response = client.post(
        url, {"observed_on": "2025-07-20", "enterprise_status": "active", "headcount": "-2"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"headcount": ["L'effectif ne peut pas être négatif."]}
    assert (
        client.post(
            url, {"observed_on": "2025-07-20", "enterprise_status": "active", "headcount": "2", "fte": "1.5"}
        ).status_code
        == 302
    )
    checkin.refresh_from_db()
    assert (checkin.status, checkin.headcount) == ("validated", 2)
    assert (
        client.post(
            url, {"observed_on": "2025-07-20", "enterprise_status": "active", "headcount": "3"}
        ).status_code
        == 302
    )
    checkin.refresh_from_db()
    assert checkin.status == "superseded"
    assert checkin.superseded_by.headcount == 3
    assert client.get(url).status_code == 404  # superseded records are read-only history


def test_expert_responds(client, world):
    from essaim.accompaniment.models import Mobilisation

    mob = Mobilisation.objects.create(
        project=world.project_a, expert=world.expert.expert_profile, domain="legal", message="Statuts"
    )
    client.force_login(world.expert)
    response = client.get(reverse("workspace:expert_requests"))
    assert [m.pk for m in response.context["mobilisations"]] == [mob.pk]
    client.post(
        reverse("workspace:expert_respond", args=[mob.pk]), {"accept": "0", "response": "Pas le temps"}
    )
    mob.refresh_from_db()
    assert (mob.status, mob.response) == ("declined", "Pas le temps")


def test_staff_record_expert_hours(client, world):
    from decimal import Decimal

    from essaim.accompaniment.models import Mobilisation

    mob = Mobilisation.objects.create(
        project=world.project_a,
        expert=world.expert.expert_profile,
        domain="legal",
        message="x",
        status="accepted",
    )
    client.force_login(world.member_a)
    url = reverse("workspace:mobilisation_hours", args=[world.project_a.pk, mob.pk])
    response = client.post(url, {"hours": "-1", "remuneration": "paid"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Indiquez un nombre d'heures positif et le type de rémunération."
    ]
    client.post(url, {"hours": "2.5", "remuneration": "paid"})
    mob.refresh_from_db()
    assert (mob.hours, mob.remuneration, mob.status) == (Decimal("2.5"), "paid", "done")


def test_expert_pool_filters(client, world):
    from tests.factories.accompaniment import ExpertFactory

    marketing = ExpertFactory(domains=["marketing"], user__full_name="Zoé Commerce")
    ExpertFactory(domains=["marketing"], is_available=False, user__full_name="Yann Absent")
    client.force_login(world.member_a)
    url = reverse("workspace:expert_pool")
    assert [e.pk for e in client.get(url, {"domain": "marketing", "available": "on"}).context["experts"]] == [
        marketing.pk
    ]
    assert len(client.get(url).context["experts"]) == 3


def test_bad_input_never_500(client, world):
    referral = referral_propose_for(world)
    client.force_login(world.carrier)
    response = client.post(
        reverse("workspace:referral_action", args=[referral.pk, "consent"]),
        {"shared_fields": ["password"]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Choisissez parmi les informations proposées."]
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.AWAITING_CONSENT
    response = client.post(reverse("workspace:referral_action", args=[referral.pk, "explode"]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Action inconnue."]
    client.force_login(world.admin_a)
    stage = world.project_a.stage
    assert (
        client.post(reverse("workspace:stage_edit", args=["incubateur-a", stage.pk, "explode"])).status_code
        == 404
    )
    assert client.get(reverse("workspace:board", args=["incubateur-a"]), {"page": "zzz"}).status_code == 200
    other_stage = world.project_b.stage
    response = client.post(
        reverse("workspace:project_transition", args=[world.project_a.pk]),
        {"action": "move", "to_stage": other_stage.pk},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Choisissez une étape du parcours du projet."]


def referral_propose_for(world):
    from essaim.accompaniment.services import referral_propose

    return referral_propose(
        project=world.project_a, to_programme=world.programme_b, by=world.member_a, message="x"
    )
