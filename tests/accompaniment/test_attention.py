"""The attention panel's reasons, their ranking, and the dosage on both sides."""

import random
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from essaim.accompaniment import attention, attention_sql, selectors
from essaim.accompaniment.enums import CheckinStatus, ReferralStatus
from essaim.accompaniment.models import ProgrammeSettings, Project
from essaim.accompaniment.services import programme_settings_update
from tests.factories.accompaniment import CheckinFactory, MeetingFactory, ProjectFactory, ReferralFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.financing import FinancingNeedFactory, FinancingPlanFactory, FinancingResourceFactory

TODAY = timezone.localdate()


def ago(days: int):
    return TODAY - timedelta(days=days)


def project(world, name, *, started=0, **kwargs):
    return ProjectFactory(
        programme=world.programme_a,
        name=name,
        started_on=ago(started),
        stage_entered_on=ago(started),
        **kwargs,
    )


def meet(p, days_ago: int, minutes: int):
    MeetingFactory(project=p, date=ago(days_ago), duration_minutes=minutes)
    last = max(m.date for m in p.meetings.all())
    total = sum(m.duration_minutes for m in p.meetings.all())
    Project.objects.filter(pk=p.pk).update(last_meeting_on=last, meeting_minutes=total)


def items(world):
    settings = selectors.programme_settings(world.programme_a)
    stages = selectors.programme_stages(world.programme_a)
    return attention.attention_items(world.programme_a, settings, TODAY, stages)


def panel(world) -> dict[str, list[tuple[str, str]]]:
    return {i.name: [(r.code, r.why) for r in i.reasons] for i in items(world)}


@pytest.fixture
def quiet_a(world):
    """project_a starts today: nothing to flag about it."""
    Project.objects.filter(pk=world.project_a.pk).update(started_on=TODAY, stage_entered_on=TODAY)


def test_each_reason_in_words(world, quiet_a):
    silent = project(world, "Silencieux", started=100)
    meet(silent, 60, 60)
    scarce = project(world, "Trop peu", started=120)
    meet(scarce, 10, 30)  # not silent: a meeting ten days ago, but 0.5 h over 90 days
    busy = project(world, "Trop", started=40)
    meet(busy, 3, 13 * 60)
    assert panel(world) == {
        "Silencieux": [("silent", "Aucun rendez-vous depuis 60 jours")],
        "Trop peu": [
            ("too_little", "0,5 h sur les 90 derniers jours, en dessous du minimum de 4 h"),
        ],
        "Trop": [("too_much", "Plus de 12 h ce mois-ci")],
    }


def test_too_little_waits_for_a_whole_period_and_can_be_turned_off(world, quiet_a):
    recent = project(world, "Récent", started=30)
    meet(recent, 5, 30)
    old = project(world, "Ancien", started=200)
    meet(old, 5, 30)
    assert set(panel(world)) == {"Ancien"}
    programme_settings_update(
        programme=world.programme_a,
        by=world.admin_a,
        target_hours_min=20,
        target_hours_max=120,
        max_hours_per_month=12,
        alert_after_days=42,
        reminder_delays=[10],
        min_hours_per_period=0,
    )
    assert panel(world) == {}


def test_post_creation_projects_are_flagged_only_for_a_due_checkin(world, quiet_a):
    created = project(world, "Créée", started=400, stage_key="creation", created_on=ago(200))
    far = CheckinFactory(project=created, months_after=12, due_on=ago(-30))
    assert panel(world) == {}  # a year without meetings: follow-up is the check-ins
    soon = CheckinFactory(project=created, months_after=6, due_on=ago(-3))
    date = soon.due_on.strftime("%d/%m/%Y")
    assert panel(world) == {"Créée": [("checkin_due", f"Point de suivi à 6 mois prévu le {date}")]}
    soon.due_on = ago(12)
    soon.save()
    [item] = items(world)
    assert [(r.code, r.why, r.target, r.score) for r in item.reasons] == [
        ("checkin_due", "Point de suivi à 6 mois en retard de 12 jours", soon.pk, 72)
    ]
    assert far.pk != soon.pk


def test_validated_checkins_are_not_due(world, quiet_a):
    created = project(world, "Créée", started=400, stage_key="creation", created_on=ago(200))
    CheckinFactory(project=created, months_after=6, due_on=ago(2), status=CheckinStatus.VALIDATED)
    assert panel(world) == {}


def test_entry_into_creation_held_by_the_financing_plan(world, quiet_a):
    waiting = project(world, "En attente du plan", started=10, stage_key="incubation")
    plan = FinancingPlanFactory(project=waiting)
    FinancingNeedFactory(plan=plan, amount=10000)
    FinancingResourceFactory(plan=plan, amount=4000)
    assert panel(world) == {
        "En attente du plan": [
            (
                "creation_held",
                "Entrée en « Création » refusée tant que le plan de financement n'est pas bouclé",
            )
        ]
    }
    [item] = items(world)
    assert item.reasons[0].action == "open_financing_plan"
    FinancingResourceFactory(plan=plan, amount=6000)  # granted: the plan is closed
    assert panel(world) == {}


def test_a_referral_proposed_to_the_programme_is_an_item(world, quiet_a):
    referral = ReferralFactory(
        project=world.project_b, to_programme=world.programme_a, status=ReferralStatus.PROPOSED
    )
    ReferralFactory(project=world.project_b, to_programme=world.programme_a)  # awaiting the carrier: not ours
    [item] = items(world)
    assert (item.name, item.referral_id, item.project_id) == ("Recyclerie B", referral.pk, None)
    assert [(r.code, r.why, r.target) for r in item.reasons] == [
        (
            "referral",
            f"Passerelle proposée par {world.programme_b.name}, en attente de votre réponse",
            referral.pk,
        )
    ]


def test_ranking_follows_the_documented_score(world, quiet_a):
    silent = project(world, "B silencieux", started=200)
    meet(silent, 52, 60)  # 10 days beyond 42: 30 + 10
    very_silent = project(world, "C très silencieux", started=400)
    meet(very_silent, 300, 60)  # capped: 30 + 60
    created = project(world, "A créée", started=400, stage_key="creation", created_on=ago(200))
    CheckinFactory(project=created, months_after=6, due_on=ago(-2))  # 60
    busy = project(world, "D trop", started=40)
    meet(busy, 1, 14 * 60)  # 10 + 2
    ranked = [(i.name, i.score) for i in items(world)]
    assert ranked == [("C très silencieux", 90), ("A créée", 60), ("B silencieux", 40), ("D trop", 12)]


def test_attention_q_selects_exactly_the_projects_with_reasons(world, quiet_a):
    for i, (started, last, minutes) in enumerate(
        [(10, None, 0), (50, None, 0), (100, 5, 30), (100, 5, 300), (30, 1, 800), (200, 100, 60)]
    ):
        p = project(world, f"P{i}", started=started)
        if last is not None:
            meet(p, last, minutes)
    held = project(world, "Incubé", started=5, stage_key="incubation")
    FinancingNeedFactory(plan=FinancingPlanFactory(project=held), amount=500)
    created = project(world, "Créée", started=400, stage_key="creation", created_on=ago(200))
    CheckinFactory(project=created, due_on=ago(1))
    project(world, "Créée sans échéance", started=400, stage_key="creation", created_on=ago(200))
    settings = selectors.programme_settings(world.programme_a)
    stages = selectors.programme_stages(world.programme_a)
    held_ids = set(attention.next_creation_names(stages))
    q = attention.attention_q(world.programme_a, settings, TODAY, held_stage_ids=held_ids)
    selected = set(
        Project.objects.filter(programme=world.programme_a).filter(q).values_list("name", flat=True)
    )
    assert selected == {i.name for i in items(world) if i.project_id is not None}
    assert selected == {"P1", "P2", "P4", "P5", "Incubé", "Créée"}


def test_other_programmes_are_left_out(world, quiet_a):
    other = ProjectFactory(programme=ProgrammeFactory(), started_on=ago(300))
    assert other.name not in panel(world)


def test_dosage_both_sides(world):
    settings = selectors.programme_settings(world.programme_a)
    p = project(world, "Dosage", started=100)
    meet(p, 10, 60)
    assert selectors.project_dosage(p, settings, TODAY).verdict == "too_little"
    meet(p, 5, 13 * 60)
    p.refresh_from_db()
    dosage = selectors.project_dosage(p, settings, TODAY)
    assert (dosage.verdict, dosage.hours_period, dosage.min_per_period, dosage.period_days) == (
        "too_much",
        14.0,
        4,
        90,
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("min_hours_per_period", 501, "Indiquez un nombre d'heures entre 0 et 500."),
        ("min_hours_per_period", -1, "Indiquez un nombre d'heures entre 0 et 500."),
        ("dosage_period_days", 13, "Indiquez une période entre 14 et 365 jours."),
        ("dosage_period_days", 366, "Indiquez une période entre 14 et 365 jours."),
    ],
)
def test_dosage_settings_are_bounded(world, field, value, message):
    with pytest.raises(ValidationError) as exc:
        programme_settings_update(
            programme=world.programme_a,
            by=world.admin_a,
            target_hours_min=20,
            target_hours_max=120,
            max_hours_per_month=12,
            alert_after_days=42,
            reminder_delays=[10],
            **{field: value},
        )
    assert exc.value.message_dict == {field: [message]}
    assert not ProgrammeSettings.objects.filter(programme=world.programme_a).exists()


SETTINGS_VARIANTS = {
    "defaults": {},
    "tight": {
        "target_hours_max": 3,
        "max_hours_per_month": 2,
        "min_hours_per_period": 5,
        "dosage_period_days": 60,
        "alert_after_days": 20,
    },
    "no minimum": {"min_hours_per_period": 0, "alert_after_days": 90, "target_hours_max": 4},
}


def random_programme(world, rng):
    """Projects of every kind, drawn from a seeded generator: active or not, created or not,
    held by a plan (closed or not), meetings of odd half hours, check-ins due or not."""
    for i in range(30):
        started = rng.randint(0, 400)
        kind = rng.choice(["incubation", "creation", None])
        created = ago(rng.randint(0, started)) if kind == "creation" and rng.random() < 0.7 else None
        p = project(
            world,
            f"{rng.choice(['É', 'é', 'a', 'Z'])}{i:02d}",
            started=started,
            stage_key=kind,
            created_on=created,
            status=rng.choice(["active"] * 4 + ["abandoned"]),
        )
        Project.objects.filter(pk=p.pk).update(stage_entered_on=ago(rng.randint(0, started)))
        days = [rng.randint(0, max(0, started)) for _ in range(rng.choice([0, 0, 1, 3, 6]))]
        minutes = [rng.choice([15, 30, 45, 90, 150, 270]) for _ in days]
        for d, m in zip(days, minutes, strict=True):
            MeetingFactory(project=p, date=ago(d), duration_minutes=m)
        if days:
            Project.objects.filter(pk=p.pk).update(
                last_meeting_on=ago(min(days)), meeting_minutes=sum(minutes)
            )
        for _ in range(rng.choice([0, 0, 1, 2])):
            status = rng.choice([CheckinStatus.SCHEDULED, CheckinStatus.SCHEDULED, CheckinStatus.VALIDATED])
            CheckinFactory(project=p, due_on=ago(rng.randint(-20, 90)), status=status)
        if kind == "incubation" and rng.random() < 0.6:
            plan = FinancingPlanFactory(project=p)
            FinancingNeedFactory(plan=plan, amount=1000)
            FinancingResourceFactory(plan=plan, amount=rng.choice([500, 1000]))


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("variant", sorted(SETTINGS_VARIANTS))
def test_sql_score_is_the_documented_score(world, seed, variant):
    ProgrammeSettings.objects.update_or_create(
        programme=world.programme_a, defaults=SETTINGS_VARIANTS[variant]
    )
    random_programme(world, random.Random(seed))
    settings = selectors.programme_settings(world.programme_a)
    stages = selectors.programme_stages(world.programme_a)
    held = set(attention.next_creation_names(stages))
    rows = attention.flagged_projects(world.programme_a, settings, TODAY, stages)
    python = {r["pk"]: max(x.score for x in attention.project_reasons(r, settings, TODAY)) for r in rows}
    score = attention.score_sql(world.programme_a, settings, TODAY, held_stage_ids=held)
    sql = dict(Project.objects.filter(programme=world.programme_a).annotate(s=score).values_list("pk", "s"))
    assert {pk: s for pk, s in sql.items() if s} == python
    assert len(python) >= 5  # the draw flags some, not all
    assert len(sql) > len(python)
    everything = items(world)
    assert [(i.name, i.score) for i in everything] == sorted(
        ((i.name, i.score) for i in everything), key=lambda x: (-x[1], x[0].casefold(), x[0])
    )
    for limit in (1, 5):
        first, flagged, _referrals = attention.ranked_items(world.programme_a, settings, TODAY, stages, limit)
        assert [i.name for i in first] == [i.name for i in everything[:limit]]
        assert flagged == len(python)


def test_sql_days_and_hours_are_pythons(world):
    """Whole days between dates, past and future; hours rounded half to even, as `round`."""
    minutes, programme = list(range(0, 400, 15)), ProgrammeFactory()
    for m in minutes:
        ProjectFactory(programme=programme, started_on=ago(m - 200), meeting_minutes=m)
    rows = Project.objects.filter(programme=programme).values_list(
        "meeting_minutes",
        attention_sql.rounded_hours(F("meeting_minutes")),
        attention_sql.DaysSince(F("started_on"), TODAY),
        attention_sql.capped(attention_sql.DaysSince(F("started_on"), TODAY)),
    )
    assert sorted(rows) == [(m, round(m / 60), m - 200, max(0, min(m - 200, 60))) for m in minutes]


def test_the_compiled_score_reads_the_data_and_settings_of_each_call(
    world, quiet_a, django_assert_num_queries
):
    """The score's SQL is compiled once per programme, settings and day; its rows are read each
    time: a project that gets a meeting is no longer "silent", a settings change is a new query."""
    silent = project(world, "Silencieux", started=100)
    settings = selectors.programme_settings(world.programme_a)
    stages = selectors.programme_stages(world.programme_a)

    def scores():
        return {
            pk: s for pk, _name, s in attention.scored_projects(world.programme_a, settings, TODAY, stages)
        }

    late = 100 - settings.alert_after_days
    assert scores() == {silent.pk: attention.WEIGHTS["silent"] + min(late, 60)}
    with django_assert_num_queries(1):  # compiled already: the one query, no other read
        assert scores() == {silent.pk: attention.WEIGHTS["silent"] + min(late, 60)}
    meet(silent, 1, 60)
    assert scores().get(silent.pk, 0) < attention.WEIGHTS["silent"]
    Project.objects.filter(pk=silent.pk).update(last_meeting_on=ago(90))
    assert scores() == {silent.pk: attention.WEIGHTS["silent"] + min(90 - settings.alert_after_days, 60)}
    settings.alert_after_days = 85
    assert scores() == {silent.pk: attention.WEIGHTS["silent"] + 5}
