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
"attention" filter); `score_sql` is the score above in SQL (tested equal to `Reason.score`), so
`scored_projects` reads (pk, name, score) only, and `flagged_projects` what the reasons need.
"""

import heapq
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from essaim.accompaniment.attention_sql import DaysSince, capped, minutes_score, rounded_hours, rows_of
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


@dataclass(slots=True)
class Reason:
    """One reason; its words are written only when read (the board ranks every flagged project
    but shows ten)."""

    code: str
    late: int = 0
    target: int | None = None  # the check-in or referral the action is about
    wording: str = ""  # a key of WORDING
    params: tuple = ()  # (name, value) pairs for the wording
    score: int = field(init=False)

    def __post_init__(self):
        self.score = WEIGHTS[self.code] + max(0, min(self.late, MAX_LATE))

    @property
    def action(self) -> str:
        return ACTIONS[self.code]

    @property
    def why(self) -> str:
        return WORDING[self.wording or self.code](dict(self.params))

    def __str__(self) -> str:
        return self.why


@dataclass
class AttentionItem:
    """One line of the panel: a project of the programme, or a referral proposed to it."""

    name: str
    reasons: list[Reason]
    project_id: int | None = None
    referral_id: int | None = None
    url: str = ""  # set by the web layer, as the links
    links: list = field(default_factory=list)  # (reason, label, url)

    @property
    def score(self) -> int:
        return self.reasons[0].score  # reasons come sorted, highest first


def rank(items: list[AttentionItem]) -> list[AttentionItem]:
    return sorted(items, key=lambda i: (-i.reasons[0].score, i.name.casefold(), i.name))


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


# -- the score in SQL ------------------------------------------------------------------------


def score_sql(programme, settings: ProgrammeSettings, today: date, *, held_stage_ids=()):
    """`Reason.score` of a project's highest reason, 0 when it has none (see the docstring)."""
    due = _due_checkins(today).filter(project=OuterRef("pk")).order_by("due_on", "pk")
    due = due.annotate(s=Value(WEIGHTS["checkin_due"]) + capped(DaysSince(F("due_on"), today)))
    scores = [Coalesce(Subquery(due.values("s")[:1], output_field=IntegerField()), Value(0))]
    follow = Q(created_on__isnull=True)
    stale = today - timedelta(days=settings.alert_after_days)
    silent = Q(last_meeting_on__lt=stale) | Q(last_meeting_on__isnull=True, started_on__lt=stale)

    def when(test, then):
        return Case(When(follow & test, then=then), default=0, output_field=IntegerField())

    if held_stage_ids:
        closed = closed_plan_project_ids(Project.objects.filter(programme=programme).values("pk"))
        held = Q(stage_id__in=list(held_stage_ids)) & ~Q(pk__in=closed)
        scores.append(when(held, WEIGHTS["creation_held"] + capped(DaysSince(F("stage_entered_on"), today))))
    quiet = DaysSince(Coalesce("last_meeting_on", "started_on"), today) - Value(settings.alert_after_days)
    scores.append(when(silent, WEIGHTS["silent"] + capped(quiet)))
    period, minimum = settings.dosage_period_days, settings.min_hours_per_period * 60
    if minimum:
        none = WEIGHTS["too_little"] + max(0, min(round(minimum / 60), MAX_LATE))
        start, total = today - timedelta(days=period), F("total")
        short = minutes_score(start, WEIGHTS["too_little"], Q(total__lt=minimum), minimum - total, none=none)
        scores.append(when(~silent & Q(started_on__lte=today - timedelta(days=period)), short))
    target, ceiling = settings.target_hours_max * 60, settings.max_hours_per_month * 60
    over = WEIGHTS["too_much"] + capped(rounded_hours(F("meeting_minutes") - Value(target)))
    scores.append(when(Q(meeting_minutes__gt=target), over))
    month = today - timedelta(days=30)
    scores.append(
        when(Q(), minutes_score(month, WEIGHTS["too_much"], Q(total__gt=ceiling), F("total") - ceiling))
    )
    return Case(
        When(status=ProjectStatus.ACTIVE, then=Greatest(*scores)), default=0, output_field=IntegerField()
    )


def scored_projects(programme, settings, today: date, stages) -> list[tuple[int, str, int]]:
    """The flagged projects as (pk, name, score), no reason written: one query over the active
    projects, cheaper than `attention_q` (a score above 0 is a reason, tested), compiled once
    per programme, settings and day; ordered by name in Python, as `rank` (not SQL's `LOWER`)."""
    held = frozenset(next_creation_names(stages))

    def build():
        score = score_sql(programme, settings, today, held_stage_ids=held)
        qs = Project.objects.filter(programme=programme, status=ProjectStatus.ACTIVE).order_by()
        return qs.values_list("pk", "name", score)

    knobs = repr([getattr(settings, f.attname) for f in settings._meta.concrete_fields])
    return [row for row in rows_of(("score", programme.pk, knobs, today, held), build) if row[2]]


FLAGGED_FIELDS = (
    "pk",
    "name",
    "status",
    "stage_id",
    "started_on",
    "stage_entered_on",
    "created_on",
    "last_meeting_on",
    "meeting_minutes",
)


def flagged_projects(programme, settings: ProgrammeSettings, today: date, stages, pks=None) -> list[dict]:
    """The projects with a reason, as rows with what their reasons need (one query); given
    `pks`, those projects whether flagged or not (`project_reasons` tells)."""
    next_creation = next_creation_names(stages)
    due = _due_checkins(today).filter(project=OuterRef("pk")).order_by("due_on", "pk")
    qs = Project.objects.filter(programme=programme)
    if pks is None:
        qs = qs.filter(attention_q(programme, settings, today, held_stage_ids=set(next_creation)))
        closed = closed_plan_project_ids(Project.objects.filter(programme=programme).values("pk"))
    else:
        qs, closed = qs.filter(pk__in=list(pks)), closed_plan_project_ids(list(pks))
    rows = list(
        qs.order_by().values(
            *FLAGGED_FIELDS,
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
    for row in rows:
        row["creation_stage_name"] = next_creation.get(row["stage_id"], "")
        row["held_by_plan"] = bool(row["creation_stage_name"]) and not row["plan_closed"]
    return rows


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


def _checkin_words(p: dict) -> str:
    if p["late"] > 0:
        return _("Point de suivi à %(m)s mois en retard de %(days)s") % {
            "m": p["months"],
            "days": _days(p["late"]),
        }
    return _("Point de suivi à %(m)s mois prévu le %(date)s") % {"m": p["months"], "date": p["date"]}


def _referral_words(p: dict) -> str:
    why = _("Passerelle proposée par %(programme)s, en attente de votre réponse") % {
        "programme": p["programme"]
    }
    return _("%(why)s depuis %(days)s") % {"why": why, "days": _days(p["days"])} if p["days"] > 0 else why


WORDING = {
    "checkin_due": _checkin_words,
    "referral": _referral_words,
    "creation_held": lambda p: (
        _("Entrée en « %(stage)s » refusée tant que le plan de financement n'est pas bouclé")
        % {"stage": p["stage"] or _("création")}
    ),
    "silent": lambda p: _("Aucun rendez-vous depuis %(days)s jours") % {"days": p["days"]},
    "silent_never": lambda p: _("Aucun rendez-vous depuis le début de l'accompagnement"),
    "too_little": lambda p: (
        _("%(hours)s h sur les %(days)s derniers jours, en dessous du minimum de %(min)s h")
        % {"hours": _hours(p["minutes"]), "days": p["days"], "min": p["min"]}
    ),
    "too_much_total": lambda p: _("Au-delà du volume d'heures visé"),
    "too_much": lambda p: _("Plus de %(hours)s h ce mois-ci") % {"hours": p["hours"]},
}


def project_reasons(p: dict, settings: ProgrammeSettings, today: date) -> list[Reason]:
    """The reasons of one project, from a row of `flagged_projects` (or `project_row`)."""
    if p["status"] != ProjectStatus.ACTIVE:
        return []
    reasons = []
    due_on = p["due_checkin_on"]
    if due_on is not None:
        late = (today - due_on).days
        words = (("late", late), ("months", p["due_checkin_months"]), ("date", due_on.strftime("%d/%m/%Y")))
        reasons.append(Reason("checkin_due", late, p["due_checkin_id"], params=words))
    if p["created_on"] is not None:
        return reasons  # post-creation follow-up: only the check-ins
    if p["held_by_plan"]:
        late = (today - p["stage_entered_on"]).days
        reasons.append(Reason("creation_held", late, params=(("stage", p["creation_stage_name"]),)))
    return reasons + _dosage_reasons(p, settings, today)


def _dosage_reasons(p: dict, settings: ProgrammeSettings, today: date) -> list[Reason]:
    reasons = []
    days = (today - (p["last_meeting_on"] or p["started_on"])).days
    silent = days > settings.alert_after_days
    if silent:
        wording = "silent" if p["last_meeting_on"] else "silent_never"
        reasons.append(
            Reason("silent", days - settings.alert_after_days, wording=wording, params=(("days", days),))
        )
    period, minimum = settings.dosage_period_days, settings.min_hours_per_period * 60
    long_enough = (today - p["started_on"]).days >= period
    if minimum and p["minutes_period"] < minimum and not silent and long_enough:
        words = (("minutes", p["minutes_period"]), ("days", period), ("min", settings.min_hours_per_period))
        reasons.append(Reason("too_little", round((minimum - p["minutes_period"]) / 60), params=words))
    target, ceiling = settings.target_hours_max * 60, settings.max_hours_per_month * 60
    if p["meeting_minutes"] > target:
        reasons.append(
            Reason("too_much", round((p["meeting_minutes"] - target) / 60), wording="too_much_total")
        )
    if p["minutes_30"] > ceiling:
        words = (("hours", settings.max_hours_per_month),)
        reasons.append(Reason("too_much", round((p["minutes_30"] - ceiling) / 60), params=words))
    return reasons


def referral_reason(referral, today: date) -> Reason:
    days = (today - referral.updated_at.date()).days
    words = (("programme", referral.from_programme.name), ("days", days))
    return Reason("referral", days, referral.pk, params=words)


def reasons_by_project(programme, settings, today: date, stages, pks) -> dict[int, list[Reason]]:
    """The reasons, highest first, of the flagged projects among `pks` (one query, none when
    `pks` is empty; `attention_q` is not needed for so few)."""
    if not pks:
        return {}
    found = {}
    for row in flagged_projects(programme, settings, today, stages, pks):
        reasons = project_reasons(row, settings, today)
        if reasons:
            found[row["pk"]] = sorted(reasons, key=lambda r: -r.score)
    return found


def ranked_items(programme, settings, today: date, stages, limit: int | None):
    """The first `limit` items of the panel (all when None), ranked by the score in SQL, the
    projects' reasons still to read (`reasons_by_project`); and the number of flagged projects
    (two queries: the projects, the referrals)."""
    rows = scored_projects(programme, settings, today, stages)
    referrals = [(referral_reason(r, today), r) for r in received_referrals(programme)]
    keyed = [(-score, name.casefold(), name, i, pk, None) for i, (pk, name, score) in enumerate(rows)]
    keyed += [
        (-reason.score, r.project.name.casefold(), r.project.name, len(rows) + i, None, reason)
        for i, (reason, r) in enumerate(referrals)
    ]  # as `rank`, ties in reading order (the index): a tuple never compares past it
    first = sorted(keyed) if limit is None else heapq.nsmallest(limit, keyed)
    items = [
        AttentionItem(name, [reason], referral_id=reason.target)
        if reason
        else AttentionItem(name, [], project_id=pk)
        for _score, _key, name, _i, pk, reason in first
    ]
    return items, len(rows), len(referrals)


def attention_items(programme, settings: ProgrammeSettings, today: date, stages) -> list[AttentionItem]:
    """Every item of the panel, ranked, with its reasons (three queries)."""
    items, _flagged, _referrals = ranked_items(programme, settings, today, stages, None)
    found = reasons_by_project(
        programme, settings, today, stages, [i.project_id for i in items if i.project_id]
    )
    for item in items:
        if item.project_id is not None:
            item.reasons = found[item.project_id]
    return items


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


def project_row(project, checkins, stages, today: date) -> dict:
    """One project as `project_reasons` reads it, for its page: its dosage minutes (set by
    `project_dosage`), its next check-in due (from the check-ins already read) and whether the
    financing plan holds its entry into creation (two queries, only when the next stage is a
    creation stage and the structure is not created yet)."""
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    due = sorted(
        (c for c in checkins if c.status == CheckinStatus.SCHEDULED and c.due_on <= horizon),
        key=lambda c: (c.due_on, c.pk),
    )
    row = {name: getattr(project, name) for name in FLAGGED_FIELDS}
    row.update(minutes_30=project.minutes_30, minutes_period=project.minutes_period)
    row.update(
        due_checkin_id=due[0].pk if due else None,
        due_checkin_on=due[0].due_on if due else None,
        due_checkin_months=due[0].months_after if due else None,
        creation_stage_name=next_creation_names(stages).get(project.stage_id, ""),
    )
    waiting = bool(row["creation_stage_name"]) and project.created_on is None
    row["held_by_plan"] = waiting and not plan_is_closed(project)
    return row
