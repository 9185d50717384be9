"""Reads of accompaniment shared by the workspace, the API and the tasks.

`<entity>_for(user, pk, …)` fetches one object the way every caller must: `Http404` when the
user may not know of it, `PermissionDenied` when they may see it but not do what they ask
(`manage=True`). A child under a parent's address (a project's meeting, check-in or
mobilisation, a programme's pipeline stage) is fetched through its parent's scoped queryset,
never by its own id alone.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings as django_settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment import attention, rules
from essaim.accompaniment.attention import Dosage, project_dosage  # noqa: F401  (re-exported)
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


def project_coach(project) -> User | None:
    """The team member the carriers deal with: the project's coach while on the programme's team;
    when none is named, whoever logged its latest meeting (still on the team). One or two queries."""
    team = organisation_staff(project.programme.organisation_id)
    if project.coach_id:
        coach = team.filter(pk=project.coach_id).first()
        if coach is not None:
            return coach
    latest = project.meetings.filter(created_by__in=team.values("pk")).select_related("created_by").first()
    return latest.created_by if latest else None


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


# -- programmes, board, dosage (attention and dosage: essaim/accompaniment/attention.py) ----------------------------------------------------------


@dataclass(frozen=True)
class BoardFilters:
    stage: str = ""
    life_stage: str = ""
    model: str = ""
    q: str = ""
    attention: bool = False
    status: str = ProjectStatus.ACTIVE


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


def board_projects(
    programme, filters: BoardFilters, settings: ProgrammeSettings, today: date | None = None, *, stages=()
):
    """The programme's projects, filtered (not evaluated: the board counts, ranks and pages it).
    `stages`: the programme's stages in use (the attention filter needs them)."""
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
        held = set(attention.next_creation_names(stages))
        qs = qs.filter(attention.attention_q(programme, settings, today, held_stage_ids=held))
    return qs


def attention_reasons(project, settings: ProgrammeSettings, *, checkins, stages, today: date | None = None):
    """Why one project needs attention (`attention.Reason`s, empty when it does not), for its
    page: reads its dosage, and the check-ins and stages the page has already read."""
    today = today or timezone.localdate()
    if not hasattr(project, "minutes_period"):
        project_dosage(project, settings, today)
    row = attention.project_row(project, checkins, stages, today)
    project.held_by_plan, project.creation_stage_name = row["held_by_plan"], row["creation_stage_name"]
    return sorted(attention.project_reasons(row, settings, today), key=lambda r: -r.score)


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
ATTENTION_ALL = 200  # "voir tout": the rest is in the table below, filtered the same way


@dataclass
class BoardColumn:
    stage: object
    count: int
    cards: list


def board_columns(projects, stages) -> tuple[list[BoardColumn], int]:
    """Kanban columns: per stage, the count and the projects longest in the stage; and the
    number of projects, in any stage (2 queries)."""
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
    columns = [BoardColumn(stage, counts.get(stage.pk, 0), cards.get(stage.pk, [])) for stage in stages]
    return columns, sum(counts.values())


@dataclass
class Board:
    columns: list[BoardColumn]
    page: object
    rows: list  # (project, reasons) for the table page
    attention: (
        list  # attention.AttentionItem, ranked: the first ATTENTION_SHOWN (ATTENTION_ALL when filtered)
    )
    attention_count: int  # items: projects and referrals awaiting an answer
    flagged_count: int  # projects among them (the table's "attention" filter)
    all_asked: bool = False  # "voir tout"


def board(
    programme, filters: BoardFilters, settings: ProgrammeSettings, stages, page_number, per_page: int = 50
):
    """Everything the staff board shows, in a number of queries that does not grow with projects:
    the first attention items (two: ranked by the score in SQL, the referrals), the columns
    (two, whose counts give the page's), the page (one), the reasons of the projects shown in
    the panel and on the page (one)."""
    today = timezone.localdate()
    shown = ATTENTION_ALL if filters.attention else ATTENTION_SHOWN
    items, flagged_count, referral_count = attention.ranked_items(programme, settings, today, stages, shown)
    projects = board_projects(programme, filters, settings, today, stages=stages)
    columns, total = board_columns(projects, stages)
    paginator = Paginator(projects.order_by("name", "pk"), per_page)
    paginator.count = total  # already counted: no COUNT query
    page = paginator.get_page(page_number)
    pks = {p.pk for p in page} | {i.project_id for i in items if i.project_id is not None}
    found = attention.reasons_by_project(programme, settings, today, stages, pks)
    for item in items:
        if item.project_id is not None:
            item.reasons = found[item.project_id]
    return Board(
        columns=columns,
        page=page,
        rows=[(p, found.get(p.pk, [])) for p in page],
        attention=items,
        all_asked=filters.attention,
        attention_count=flagged_count + referral_count,
        flagged_count=flagged_count,
    )
