"""Reads of financing shared by the workspace, the reports, the API and the creation gate.

Financing sits below accompaniment: the creation gate of the pipeline imports `plan_is_closed`
from here, so nothing here imports accompaniment. Projects are reached through the model
registry (`apps.get_model`) and their ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.http import Http404

from essaim.financing.enums import SECURED_STATUSES, ResourceStatus
from essaim.financing.models import FinancingNeed, FinancingPlan, FinancingResource, Funder
from essaim.financing.rules import can_change_plan
from essaim.territories.selectors import containing_keys

ZERO = Decimal("0.00")


def _project_id(project) -> int:
    if isinstance(project, FinancingPlan):
        return project.project_id
    return project if isinstance(project, int) else project.pk


def plan_for(user, project_id: int, *, manage: bool = False) -> FinancingPlan:
    """The financing plan of a project `user` may see (an unsaved, empty plan when the project
    has none yet), with its project and programme. Http404 when the project is not visible to
    them; PermissionDenied when `manage` and they may see but not change it."""
    projects = apps.get_model("accompaniment", "Project").objects.visible_to(user)
    project = projects.select_related("programme").filter(pk=project_id).first()
    if project is None:
        raise Http404
    if manage and not can_change_plan(user, project):
        raise PermissionDenied
    plan = FinancingPlan.objects.filter(project=project).first() or FinancingPlan(project=project)
    plan.project = project
    return plan


def resource_for(user, project_id: int, resource_id: int, *, manage: bool = False) -> FinancingResource:
    """A resource of that project's plan, fetched through the plan (a resource of another plan
    is Http404 whatever the user may do there)."""
    plan = plan_for(user, project_id, manage=manage)
    resource = plan.resources.filter(pk=resource_id).first() if plan.pk else None
    if resource is None:
        raise Http404
    return resource


def plan_totals(project) -> tuple[Decimal, Decimal]:
    """(needs, secured resources) of a project's plan, in euros; zeros without a plan."""
    pid = _project_id(project)
    needs = FinancingNeed.objects.filter(plan__project_id=pid).aggregate(s=Sum("amount"))["s"]
    secured = FinancingResource.objects.filter(plan__project_id=pid, status__in=SECURED_STATUSES).aggregate(
        s=Sum("amount")
    )["s"]
    return needs or ZERO, secured or ZERO


def plan_is_closed(project) -> bool:
    """The study's rule: granted + paid resources cover the needs, and there are needs (> 0 €).

    The creation gate of the accompaniment pipeline calls exactly this.
    """
    needs, secured = plan_totals(project)
    return needs > 0 and secured >= needs


def closed_plan_project_ids(project_ids):
    """The ids, among `project_ids` (a list or a subquery), of projects whose plan is closed by
    the rule of `plan_is_closed`, as one subquery (the staff board flags many projects at once)."""

    def total(model, **filters):
        rows = model.objects.filter(plan=OuterRef("pk"), **filters).order_by().values("plan")
        return Subquery(rows.annotate(s=Sum("amount")).values("s")[:1])

    plans = FinancingPlan.objects.filter(project_id__in=project_ids).annotate(
        needs_total=total(FinancingNeed), secured_total=total(FinancingResource, status__in=SECURED_STATUSES)
    )
    return plans.filter(needs_total__gt=0, secured_total__gte=F("needs_total")).values("project_id")


@dataclass
class RoundLine:
    funder: Funder | None
    resources: list[FinancingResource] = field(default_factory=list)

    @property
    def asked(self) -> Decimal:
        return sum((r.amount for r in self.resources if r.status != ResourceStatus.PLANNED), ZERO)

    @property
    def secured(self) -> Decimal:
        return sum((r.amount for r in self.resources if r.status in SECURED_STATUSES), ZERO)

    @property
    def refused(self) -> Decimal:
        return sum((r.amount for r in self.resources if r.status == ResourceStatus.REFUSED), ZERO)

    @property
    def pending(self) -> Decimal:
        return sum((r.amount for r in self.resources if r.status == ResourceStatus.REQUESTED), ZERO)


@dataclass
class FundingRound:
    needs: list[FinancingNeed]
    lines: list[RoundLine]

    @property
    def needs_total(self) -> Decimal:
        return sum((n.amount for n in self.needs), ZERO)

    @property
    def secured(self) -> Decimal:
        return sum((line.secured for line in self.lines), ZERO)

    @property
    def pending(self) -> Decimal:
        return sum((line.pending for line in self.lines), ZERO)

    @property
    def missing(self) -> Decimal:
        return max(self.needs_total - self.secured, ZERO)

    @property
    def is_closed(self) -> bool:
        return self.needs_total > 0 and self.secured >= self.needs_total

    @property
    def leverage(self) -> Decimal | None:
        """Secured private and bank euros per secured public euro (None without public money)."""
        public = private = ZERO
        for line in self.lines:
            for r in line.resources:
                if r.status in SECURED_STATUSES:
                    side = r.side
                    if side == "public":
                        public += r.amount
                    elif side == "private":
                        private += r.amount
        return (private / public).quantize(Decimal("0.01")) if public else None


def funding_round(project) -> FundingRound:
    """The "tour de table": for each funder asked, what was asked, granted, refused; what is missing.

    `project` is a project, its id, or its plan (from `plan_for`: the resources then know their
    plan and project). Two queries whatever the number of resources.
    """
    if isinstance(project, FinancingPlan):
        plan = project
        if plan.pk is None:
            return FundingRound(needs=[], lines=[])
        needs = list(plan.needs.order_by("pk"))
        resources = plan.resources.select_related("funder").order_by("funder__name", "pk")
    else:
        pid = _project_id(project)
        needs = list(FinancingNeed.objects.filter(plan__project_id=pid).order_by("pk"))
        resources = (
            FinancingResource.objects.filter(plan__project_id=pid)
            .select_related("funder")
            .order_by("funder__name", "pk")
        )
    lines: dict[int | None, RoundLine] = {}
    for resource in resources:
        line = lines.setdefault(resource.funder_id, RoundLine(funder=resource.funder))
        line.resources.append(resource)
    return FundingRound(needs=needs, lines=list(lines.values()))


def funders_acting_in(level: str, code: str):
    """Funders whose territories contain the place (or cover the whole country)."""
    keys = containing_keys(level, code)
    q = Q(pk__in=[])
    for key_level, key_code in keys:
        q |= Q(territories__level=key_level, territories__code=key_code)
    return Funder.objects.filter(q).distinct().order_by("name")
