"""Reads of accompaniment shared by the workspace, the API and the tasks.

`<entity>_for(user, pk, …)` fetches one object the way every caller must: `Http404` when the
user may not know of it, `PermissionDenied` when they may see it but not do what they ask
(`manage=True`). A child under a parent's address (a project's meeting, check-in or
mobilisation, a programme's pipeline stage) is fetched through its parent's scoped queryset,
never by its own id alone.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings as django_settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment import rules
from essaim.accompaniment.enums import ProjectStatus, ReferralField
from essaim.accompaniment.models import (
    Checkin,
    Meeting,
    Mobilisation,
    PipelineStage,
    ProgrammeSettings,
    Project,
    Referral,
)
from essaim.accounts.models import User
from essaim.accounts.selectors import staff_organisation_ids
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Programme

DEFAULT_REMINDER_DELAYS = tuple(getattr(django_settings, "ACCOMPANIMENT_REMINDER_DELAYS", (10, 14, 30)))


# -- scoped fetches -----------------------------------------------------------------------


def programmes_managed_by(user) -> QuerySet[Programme]:
    """Programmes whose projects the user may run (staff of their organisation)."""
    qs = Programme.objects.select_related("organisation")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(organisation_id__in=staff_organisation_ids(user))


def programme_for(user, slug: str, *, admin: bool = False) -> Programme:
    """A programme the user runs; `admin=True`: one they administer (403 for other staff)."""
    programme = programmes_managed_by(user).filter(slug=slug).first()
    if programme is None:
        raise Http404(_("Dispositif introuvable."))
    if admin and not rules.is_programme_admin(user, programme):
        raise PermissionDenied(_("Réservé aux administrateurs du dispositif."))
    return programme


def stage_for(user, pk: int, *, programme_slug: str) -> PipelineStage:
    """A stage of the pipelines of a programme the user administers."""
    programme = programme_for(user, programme_slug, admin=True)
    stage = (
        PipelineStage.objects.filter(pipeline__programme=programme, pk=pk)
        .select_related("pipeline__programme")
        .first()
    )
    if stage is None:
        raise Http404(_("Étape introuvable."))
    return stage


def project_for(user, pk: int, *, manage: bool = False) -> Project:
    """A project the user may open (its programme's staff, its carriers); `manage=True`: one
    they may change (403 for the carriers)."""
    project = (
        Project.objects.visible_to(user)
        .select_related("programme__organisation", "stage__pipeline", "commune")
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404(_("Projet introuvable."))
    if manage and not rules.can_manage_project(user, project):
        raise PermissionDenied(_("Seule l'équipe du dispositif peut modifier ce projet."))
    return project


def meeting_for(user, pk: int, *, project_pk: int, manage: bool = True) -> Meeting:
    """A meeting of a project the user may change (`manage=False`: may open)."""
    project = project_for(user, project_pk, manage=manage)
    meeting = project.meetings.filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("Rendez-vous introuvable."))
    return meeting


def checkin_for(user, pk: int, *, project_pk: int) -> Checkin:
    """A check-in in force (not superseded) of a project the user may change."""
    project = project_for(user, project_pk, manage=True)
    checkin = project.checkins.current().filter(pk=pk).first()
    if checkin is None:
        raise Http404(_("Point de suivi introuvable."))
    return checkin


def mobilisation_for(user, pk: int, *, project_pk: int) -> Mobilisation:
    """An expert mobilisation of a project the user may change."""
    project = project_for(user, project_pk, manage=True)
    mobilisation = project.mobilisations.select_related("expert").filter(pk=pk).first()
    if mobilisation is None:
        raise Http404(_("Mobilisation introuvable."))
    return mobilisation


def expert_request_for(user, pk: int) -> Mobilisation:
    """A request made to the user as an expert."""
    mobilisation = Mobilisation.objects.filter(expert__user=user, pk=pk).select_related("expert").first()
    if mobilisation is None:
        raise Http404(_("Demande introuvable."))
    return mobilisation


def referral_for(user, pk: int) -> Referral:
    """A referral the user may see (sending staff, carriers, receiving staff after consent)."""
    referral = (
        Referral.objects.visible_to(user)
        .select_related(
            "project__stage",
            "project__commune",
            "project__programme",
            "from_programme__organisation",
            "to_programme__organisation",
        )
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        raise Http404(_("Passerelle introuvable."))
    return referral


def programme_referrals(user, programme) -> tuple[QuerySet[Referral], QuerySet[Referral]]:
    """(received, sent): the referrals of a programme the user may see."""
    visible = Referral.objects.visible_to(user).select_related("project", "from_programme", "to_programme")
    return visible.filter(to_programme=programme), visible.filter(from_programme=programme)


def organisation_staff(organisation_id: int) -> QuerySet[User]:
    """The active members of an organisation (they receive its programmes' notifications)."""
    return User.objects.filter(memberships__organisation_id=organisation_id, is_active=True).distinct()


def programme_settings(programme) -> ProgrammeSettings:
    """The programme's targets and reminder delays; the defaults (unsaved) when never set."""
    found = ProgrammeSettings.objects.filter(programme=programme).first()
    return found or ProgrammeSettings(programme=programme, reminder_delays=list(DEFAULT_REMINDER_DELAYS))


def pipeline_stages(project) -> list[PipelineStage]:
    """The stages of the project's pipeline still in use, in order."""
    return list(PipelineStage.objects.filter(pipeline_id=project.stage.pipeline_id, is_archived=False))


def programme_stages(programme) -> list[PipelineStage]:
    """The stages in use of every pipeline of a programme (the board's columns)."""
    stages = PipelineStage.objects.filter(pipeline__programme=programme, is_archived=False)
    return list(stages.select_related("pipeline"))


def checklist(project) -> list[tuple[dict, bool]]:
    """The deliverables of the project's current stage, each with whether it is done."""
    done = set(project.checklist_done.get(project.stage.key, []))
    return [(item, item["key"] in done) for item in project.stage.checklist]


# -- programmes, board, dosage ----------------------------------------------------------


@dataclass(frozen=True)
class BoardFilters:
    stage: str = ""
    life_stage: str = ""
    model: str = ""
    q: str = ""
    attention: bool = False
    status: str = ProjectStatus.ACTIVE


def _intense_project_ids(programme, settings: ProgrammeSettings, today: date):
    """Projects above the monthly hour ceiling over the last 30 days (one grouped subquery)."""
    return (
        Meeting.objects.filter(project__programme=programme, date__gt=today - timedelta(days=30))
        .order_by()
        .values("project")
        .annotate(total=Sum("duration_minutes"))
        .filter(total__gt=settings.max_hours_per_month * 60)
        .values("project")
    )


def attention_q(programme, settings: ProgrammeSettings, today: date) -> Q:
    """Active projects with no meeting for too long, or above the hour ceilings."""
    stale = today - timedelta(days=settings.alert_after_days)
    return Q(status=ProjectStatus.ACTIVE) & (
        Q(last_meeting_on__lt=stale)
        | Q(last_meeting_on__isnull=True, started_on__lt=stale)
        | Q(meeting_minutes__gt=settings.target_hours_max * 60)
        | Q(pk__in=_intense_project_ids(programme, settings, today))
    )


BOARD_FIELDS = (
    "name",
    "programme_id",
    "stage_id",
    "commune_id",
    "model",
    "status",
    "life_stage",
    "started_on",
    "stage_entered_on",
    "last_meeting_on",
    "meeting_minutes",
)


def board_projects(programme, filters: BoardFilters, settings: ProgrammeSettings, today: date | None = None):
    """The programme's projects, filtered (not evaluated: the board counts, ranks and pages it)."""
    today = today or timezone.localdate()
    qs = (
        Project.objects.filter(programme=programme)
        .select_related("stage", "commune")
        .only(*BOARD_FIELDS, "stage__name", "stage__key", "stage__position", "commune__name")
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.stage:
        qs = qs.filter(stage__key=filters.stage)
    if filters.life_stage:
        qs = qs.filter(life_stage=filters.life_stage)
    if filters.model:
        qs = qs.filter(model=filters.model)
    if filters.q:
        words = filters.q.split()
        for word in words[:5]:
            qs = qs.filter(Q(name__icontains=word) | Q(sector__icontains=word) | Q(summary__icontains=word))
    if filters.attention:
        qs = qs.filter(attention_q(programme, settings, today))
    return qs


def attach_recent_minutes(projects, today: date | None = None) -> list:
    """Set `minutes_30` (meeting minutes over the last 30 days) on each project (one query)."""
    today = today or timezone.localdate()
    projects = list(projects)
    totals = dict(
        Meeting.objects.filter(project__in=[p.pk for p in projects], date__gt=today - timedelta(days=30))
        .order_by()
        .values_list("project")
        .annotate(total=Sum("duration_minutes"))
    )
    for project in projects:
        project.minutes_30 = totals.get(project.pk, 0)
    return projects


def attention_reasons(project, settings: ProgrammeSettings, today: date | None = None) -> list[str]:
    """French reasons why a project needs attention (empty when it does not)."""
    today = today or timezone.localdate()
    if project.status != ProjectStatus.ACTIVE:
        return []
    reasons = []
    since = project.last_meeting_on or project.started_on
    days = (today - since).days
    if days > settings.alert_after_days:
        if project.last_meeting_on:
            reasons.append(_("Aucun rendez-vous depuis %(days)s jours") % {"days": days})
        else:
            reasons.append(_("Aucun rendez-vous depuis le début de l'accompagnement"))
    if project.meeting_minutes > settings.target_hours_max * 60:
        reasons.append(_("Au-delà du volume d'heures visé"))
    minutes_30 = getattr(project, "minutes_30", None)
    if minutes_30 is not None and minutes_30 > settings.max_hours_per_month * 60:
        reasons.append(_("Plus de %(hours)s h ce mois-ci") % {"hours": settings.max_hours_per_month})
    return reasons


@dataclass(frozen=True)
class Dosage:
    days_since_last: int | None
    total_hours: float
    hours_per_month: float
    hours_last_30: float
    target_min: int
    target_max: int
    max_per_month: int

    @property
    def verdict(self) -> str:
        if self.total_hours > self.target_max or self.hours_last_30 > self.max_per_month:
            return "too_much"
        return "ok"


def project_dosage(project, settings: ProgrammeSettings, today: date | None = None) -> Dosage:
    """The rhythm of support against the programme's targets (two queries at most)."""
    today = today or timezone.localdate()
    minutes_30 = getattr(project, "minutes_30", None)
    if minutes_30 is None:
        minutes_30 = (
            project.meetings.filter(date__gt=today - timedelta(days=30)).aggregate(t=Sum("duration_minutes"))[
                "t"
            ]
            or 0
        )
    months = max(1.0, (today - project.started_on).days / 30.44)
    total = project.meeting_minutes / 60
    return Dosage(
        days_since_last=(today - project.last_meeting_on).days if project.last_meeting_on else None,
        total_hours=round(total, 1),
        hours_per_month=round(total / months, 1),
        hours_last_30=round(minutes_30 / 60, 1),
        target_min=settings.target_hours_min,
        target_max=settings.target_hours_max,
        max_per_month=settings.max_hours_per_month,
    )


def referral_shared_data(referral) -> dict:
    """Exactly what the carrier consented to share with the receiving programme."""
    project = referral.project
    fields = set(referral.shared_fields)
    data = {"name": project.name, "model": project.get_model_display()}
    if ReferralField.SUMMARY in fields:
        data["summary"] = project.summary
    if ReferralField.SOCIAL_NEED in fields:
        data["social_need"] = project.social_need
    if ReferralField.SECTOR in fields:
        data["sector"] = project.sector
    if ReferralField.COMMUNE in fields:
        data["commune"] = str(project.commune) if project.commune_id else ""
    if ReferralField.STAGE in fields:
        data["stage"] = project.stage.name
        data["life_stage"] = project.get_life_stage_display()
    if ReferralField.CARRIERS in fields:
        data["carriers"] = [{"name": u.get_full_name(), "email": u.email} for u in project.carriers.all()]
    if ReferralField.MEETINGS in fields:
        data["meetings"] = [
            {
                "date": m.date,
                "kind": m.get_kind_display(),
                "duration_minutes": m.duration_minutes,
                "topics": m.topics,
            }
            for m in project.meetings.all()
        ]
    return data


CARDS_PER_STAGE = 12
ATTENTION_SHOWN = 10


@dataclass
class BoardColumn:
    stage: object
    count: int
    cards: list


def board_columns(projects, stages) -> list[BoardColumn]:
    """Kanban columns: per stage, the count and the projects longest in the stage (2 queries)."""
    counts = dict(projects.order_by().values_list("stage_id").annotate(n=Count("pk")))
    ranked = (
        projects.annotate(
            rank=Window(
                RowNumber(), partition_by=F("stage_id"), order_by=[F("stage_entered_on").asc(), F("pk").asc()]
            )
        )
        .filter(rank__lte=CARDS_PER_STAGE)
        .order_by("stage_entered_on", "pk")
    )
    cards: dict[int, list] = {}
    for project in ranked:
        cards.setdefault(project.stage_id, []).append(project)
    return [BoardColumn(stage, counts.get(stage.pk, 0), cards.get(stage.pk, [])) for stage in stages]


def attention_projects(programme, settings: ProgrammeSettings, today: date | None = None):
    today = today or timezone.localdate()
    return board_projects(programme, BoardFilters(attention=True), settings, today).order_by(
        "last_meeting_on", "pk"
    )


@dataclass
class Board:
    columns: list[BoardColumn]
    page: object
    rows: list  # (project, reasons) for the table page
    attention: list  # (project, reasons), the first ATTENTION_SHOWN
    attention_count: int


def board(
    programme, filters: BoardFilters, settings: ProgrammeSettings, stages, page_number, per_page: int = 50
):
    """Everything the staff board shows, in a number of queries that does not grow with projects."""
    today = timezone.localdate()
    projects = board_projects(programme, filters, settings, today)
    page = Paginator(projects.order_by("name", "pk"), per_page).get_page(page_number)
    attention = attention_projects(programme, settings, today)
    flagged = list(attention[:ATTENTION_SHOWN])
    shown = attach_recent_minutes([*page, *flagged], today)
    return Board(
        columns=board_columns(projects, stages),
        page=page,
        rows=[(p, attention_reasons(p, settings, today)) for p in shown[: len(page)]],
        attention=[(p, attention_reasons(p, settings, today)) for p in shown[len(page) :]],
        attention_count=attention.count(),
    )
