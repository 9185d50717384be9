"""What a programme's staff can act on this week: the attention panel of the board, and the
dosage of one project ("ni trop, ni trop peu").

A project needs someone for one or more `Reason`s, each with why (in words), what to do (an
action the web layer turns into a link) and a score. Items are ranked by their highest score,
most urgent first (ties: by name):

    score = weight of the reason + how late it is, in days or hours, capped at 60

    check-in due ................ 60 + days past its date (due within 7 days: 60)
    referral awaiting our answer  50 + days since it was proposed to us
    creation held by the plan ... 40 + days in the stage before creation
    no meeting .................. 30 + days beyond the programme's alert delay
    too little .................. 20 + hours short of the minimum over the period
    too much .................... 10 + hours above the monthly ceiling (or the total target)

A project in post-creation follow-up (its structure is created: `created_on` is set and its
check-ins are scheduled) is flagged only when a check-in is due. "Creation held" is a project
waiting in the stage just before a creation stage whose financing plan is not closed: the
pipeline's creation gate (`financing.selectors.plan_is_closed`) would refuse the move, and
the action opens that plan.

`attention_q` selects, in SQL, exactly the projects that get at least one reason (the board's
"attention" filter); `flagged_projects` reads them once with what their reasons need, in one
query whatever their number.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from essaim.accompaniment.enums import CheckinStatus, ProjectStatus, ReferralStatus
from essaim.accompaniment.models import Checkin, Meeting, ProgrammeSettings, Project, Referral
from essaim.financing.selectors import closed_plan_project_ids, plan_is_closed

DUE_SOON_DAYS = 7
MAX_LATE = 60
WEIGHTS = {
    "checkin_due": 60,
    "referral": 50,
    "creation_held": 40,
    "silent": 30,
    "too_little": 20,
    "too_much": 10,
}
# What each reason asks staff to do; the web layer makes each action a link.
ACTIONS = {
    "checkin_due": "validate_checkin",
    "referral": "answer_referral",
    "creation_held": "open_financing_plan",
    "silent": "log_meeting",
    "too_little": "log_meeting",
    "too_much": "review_dosage",
}


@dataclass(frozen=True)
class Reason:
    code: str
    why: str
    late: int = 0
    target: int | None = None  # the check-in or referral the action is about

    @property
    def action(self) -> str:
        return ACTIONS[self.code]

    @property
    def score(self) -> int:
        return WEIGHTS[self.code] + max(0, min(self.late, MAX_LATE))

    def __str__(self) -> str:
        return self.why


@dataclass
class AttentionItem:
    """One line of the panel: a project of the programme, or a referral proposed to it."""

    name: str
    reasons: list[Reason]
    project: Project | None = None
    referral: Referral | None = None
    url: str = ""  # set by the web layer, as the links
    links: list = field(default_factory=list)  # (reason, label, url)

    @property
    def score(self) -> int:
        return max(r.score for r in self.reasons)


def rank(items: list[AttentionItem]) -> list[AttentionItem]:
    return sorted(items, key=lambda i: (-i.score, i.name.casefold(), i.name))


# -- which projects ----------------------------------------------------------------------


def next_creation_names(stages) -> dict[int, str]:
    """Stages in use (of any pipeline) whose next stage in use is a creation stage → its name."""
    ordered = sorted((s for s in stages if not s.is_archived), key=lambda s: (s.pipeline_id, s.position))
    return {
        a.pk: b.name
        for a, b in zip(ordered, ordered[1:], strict=False)
        if a.pipeline_id == b.pipeline_id and b.is_creation and not a.is_creation
    }


def _minutes_since(start: date):
    rows = Meeting.objects.filter(project=OuterRef("pk"), date__gt=start).order_by().values("project")
    return Coalesce(Subquery(rows.annotate(t=Sum("duration_minutes")).values("t")[:1]), Value(0))


def _due_checkins(today: date):
    return Checkin.objects.filter(
        status=CheckinStatus.SCHEDULED, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
    )


def _minutes_over(programme, start: date):
    return (
        Meeting.objects.filter(project__programme=programme, date__gt=start)
        .order_by()
        .values("project")
        .annotate(total=Sum("duration_minutes"))
    )


def attention_q(programme, settings: ProgrammeSettings, today: date, *, held_stage_ids=()) -> Q:
    """Active projects with at least one reason (see the module's docstring). `held_stage_ids`:
    the stages just before a creation stage (`next_creation_names`)."""
    stale = today - timedelta(days=settings.alert_after_days)
    followed = Q(
        Q(last_meeting_on__lt=stale)
        | Q(last_meeting_on__isnull=True, started_on__lt=stale)
        | Q(meeting_minutes__gt=settings.target_hours_max * 60)
        | Q(
            pk__in=_minutes_over(programme, today - timedelta(days=30))
            .filter(total__gt=settings.max_hours_per_month * 60)
            .values("project")
        )
    )
    if settings.min_hours_per_period:
        start = today - timedelta(days=settings.dosage_period_days)
        enough = _minutes_over(programme, start).filter(total__gte=settings.min_hours_per_period * 60)
        followed |= Q(started_on__lte=start) & ~Q(pk__in=enough.values("project"))
    if held_stage_ids:
        closed = closed_plan_project_ids(Project.objects.filter(programme=programme).values("pk"))
        followed |= Q(stage_id__in=list(held_stage_ids)) & ~Q(pk__in=closed)
    due = _due_checkins(today).filter(project__programme=programme).values("project")
    return Q(status=ProjectStatus.ACTIVE) & (Q(pk__in=due) | Q(created_on__isnull=True) & followed)


def flagged_projects(programme, settings: ProgrammeSettings, today: date, stages) -> list[Project]:
    """The projects with a reason, each with what its reasons need (one query)."""
    next_creation = next_creation_names(stages)
    held = set(next_creation)
    due = _due_checkins(today).filter(project=OuterRef("pk")).order_by("due_on", "pk")
    closed = closed_plan_project_ids(Project.objects.filter(programme=programme).values("pk"))
    qs = (
        Project.objects.filter(programme=programme)
        .filter(attention_q(programme, settings, today, held_stage_ids=held))
        .select_related("stage")
        .only(
            "name",
            "status",
            "stage__name",
            "stage__pipeline_id",
            "stage__position",
            "started_on",
            "stage_entered_on",
            "created_on",
            "last_meeting_on",
            "meeting_minutes",
        )
        .annotate(
            minutes_30=_minutes_since(today - timedelta(days=30)),
            minutes_period=_minutes_since(today - timedelta(days=settings.dosage_period_days)),
            due_checkin_id=Subquery(due.values("pk")[:1], output_field=IntegerField()),
            due_checkin_on=Subquery(due.values("due_on")[:1], output_field=DateField()),
            due_checkin_months=Subquery(due.values("months_after")[:1], output_field=IntegerField()),
            plan_closed=Case(
                When(pk__in=closed, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
        )
    )
    projects = list(qs)
    for project in projects:
        project.held_by_plan = project.stage_id in held and not project.plan_closed
        project.creation_stage_name = next_creation.get(project.stage_id, "")
    return projects


def received_referrals(programme) -> list[Referral]:
    """Referrals proposed to the programme that await its answer (accept or refuse)."""
    qs = Referral.objects.filter(to_programme=programme, status=ReferralStatus.PROPOSED)
    return list(qs.select_related("project", "from_programme").order_by("updated_at", "pk"))


# -- why ----------------------------------------------------------------------------------


def _days(n: int) -> str:
    return ngettext("%(n)s jour", "%(n)s jours", n) % {"n": n}


def _hours(minutes: int) -> str:
    hours = round(minutes / 60, 1)
    return f"{hours:g}".replace(".", ",")


def project_reasons(project, settings: ProgrammeSettings, today: date) -> list[Reason]:
    """The reasons of one project, read from the attributes `flagged_projects` sets (or the
    project page: `minutes_30`, `minutes_period`, `due_checkin_*`, `held_by_plan`)."""
    if project.status != ProjectStatus.ACTIVE:
        return []
    reasons = []
    due_on = getattr(project, "due_checkin_on", None)
    if due_on is not None:
        late = (today - due_on).days
        months = project.due_checkin_months
        if late > 0:
            why = _("Point de suivi à %(m)s mois en retard de %(days)s") % {"m": months, "days": _days(late)}
        else:
            why = _("Point de suivi à %(m)s mois prévu le %(date)s") % {
                "m": months,
                "date": due_on.strftime("%d/%m/%Y"),
            }
        reasons.append(Reason("checkin_due", why, late, project.due_checkin_id))
    if project.created_on is not None:
        return reasons  # post-creation follow-up: only the check-ins
    if getattr(project, "held_by_plan", False):
        why = _("Entrée en « %(stage)s » refusée tant que le plan de financement n'est pas bouclé") % {
            "stage": project.creation_stage_name or _("création")
        }
        reasons.append(Reason("creation_held", why, (today - project.stage_entered_on).days))
    reasons += _dosage_reasons(project, settings, today)
    return reasons


def _dosage_reasons(project, settings: ProgrammeSettings, today: date) -> list[Reason]:
    reasons = []
    since = project.last_meeting_on or project.started_on
    days = (today - since).days
    silent = days > settings.alert_after_days
    if silent:
        why = (
            _("Aucun rendez-vous depuis %(days)s jours") % {"days": days}
            if project.last_meeting_on
            else _("Aucun rendez-vous depuis le début de l'accompagnement")
        )
        reasons.append(Reason("silent", why, days - settings.alert_after_days))
    period = settings.dosage_period_days
    minimum = settings.min_hours_per_period * 60
    period_minutes = getattr(project, "minutes_period", None)
    supported_long_enough = (today - project.started_on).days >= period
    short = minimum and period_minutes is not None and period_minutes < minimum
    if short and not silent and supported_long_enough:
        why = _("%(hours)s h sur les %(days)s derniers jours, en dessous du minimum de %(min)s h") % {
            "hours": _hours(period_minutes),
            "days": period,
            "min": settings.min_hours_per_period,
        }
        reasons.append(Reason("too_little", why, round((minimum - period_minutes) / 60)))
    ceiling = settings.max_hours_per_month * 60
    minutes_30 = getattr(project, "minutes_30", None)
    if project.meeting_minutes > settings.target_hours_max * 60:
        over = round((project.meeting_minutes - settings.target_hours_max * 60) / 60)
        reasons.append(Reason("too_much", _("Au-delà du volume d'heures visé"), over))
    if minutes_30 is not None and minutes_30 > ceiling:
        why = _("Plus de %(hours)s h ce mois-ci") % {"hours": settings.max_hours_per_month}
        reasons.append(Reason("too_much", why, round((minutes_30 - ceiling) / 60)))
    return reasons


def referral_reason(referral, today: date) -> Reason:
    days = (today - referral.updated_at.date()).days
    why = _("Passerelle proposée par %(programme)s, en attente de votre réponse") % {
        "programme": referral.from_programme.name
    }
    if days > 0:
        why = _("%(why)s depuis %(days)s") % {"why": why, "days": _days(days)}
    return Reason("referral", why, days, referral.pk)


def attention_items(programme, settings: ProgrammeSettings, today: date, stages) -> list[AttentionItem]:
    """Every item of the panel, ranked (two queries: the projects, the referrals)."""
    items = []
    for project in flagged_projects(programme, settings, today, stages):
        reasons = project_reasons(project, settings, today)
        if reasons:
            items.append(
                AttentionItem(project.name, sorted(reasons, key=lambda r: -r.score), project=project)
            )
    for referral in received_referrals(programme):
        items.append(
            AttentionItem(referral.project.name, [referral_reason(referral, today)], referral=referral)
        )
    return rank(items)


# -- one project's dosage -------------------------------------------------------------------


@dataclass(frozen=True)
class Dosage:
    days_since_last: int | None
    total_hours: float
    hours_per_month: float
    hours_last_30: float
    target_min: int
    target_max: int
    max_per_month: int
    hours_period: float = 0.0
    min_per_period: int = 0
    period_days: int = 90
    period_complete: bool = True  # supported for at least the whole period

    @property
    def verdict(self) -> str:
        """ "too_much", "too_little" or "ok" — both sides, as the study asks."""
        if self.total_hours > self.target_max or self.hours_last_30 > self.max_per_month:
            return "too_much"
        if self.min_per_period and self.period_complete and self.hours_period < self.min_per_period:
            return "too_little"
        return "ok"


def project_dosage(project, settings: ProgrammeSettings, today: date | None = None) -> Dosage:
    """The rhythm of support against the programme's targets (one query); sets the project's
    `minutes_30` and `minutes_period` for `project_reasons`."""
    today = today or timezone.localdate()
    period_start = today - timedelta(days=settings.dosage_period_days)
    month_start = today - timedelta(days=30)
    totals = project.meetings.filter(date__gt=min(period_start, month_start)).aggregate(
        m30=Sum("duration_minutes", filter=Q(date__gt=month_start)),
        period=Sum("duration_minutes", filter=Q(date__gt=period_start)),
    )
    project.minutes_30, project.minutes_period = totals["m30"] or 0, totals["period"] or 0
    months = max(1.0, (today - project.started_on).days / 30.44)
    total = project.meeting_minutes / 60
    return Dosage(
        days_since_last=(today - project.last_meeting_on).days if project.last_meeting_on else None,
        total_hours=round(total, 1),
        hours_per_month=round(total / months, 1),
        hours_last_30=round(project.minutes_30 / 60, 1),
        target_min=settings.target_hours_min,
        target_max=settings.target_hours_max,
        max_per_month=settings.max_hours_per_month,
        hours_period=round(project.minutes_period / 60, 1),
        min_per_period=settings.min_hours_per_period,
        period_days=settings.dosage_period_days,
        period_complete=(today - project.started_on).days >= settings.dosage_period_days,
    )


def attach_project_state(project, checkins, stages, today: date) -> None:
    """Set on one project what `project_reasons` reads beyond its dosage: its next check-in due
    (from the check-ins already read) and whether the financing plan holds its entry into
    creation (two queries, only when the next stage is a creation stage)."""
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    due = sorted(
        (c for c in checkins if c.status == CheckinStatus.SCHEDULED and c.due_on <= horizon),
        key=lambda c: (c.due_on, c.pk),
    )
    project.due_checkin_id = due[0].pk if due else None
    project.due_checkin_on = due[0].due_on if due else None
    project.due_checkin_months = due[0].months_after if due else None
    names = next_creation_names(stages)
    project.creation_stage_name = names.get(project.stage_id, "")
    waiting = bool(project.creation_stage_name) and project.created_on is None
    project.held_by_plan = waiting and not plan_is_closed(project)
