"""Revenue from platform deals of accompanied enterprises, for the evidence reports.

The enterprises of a report's scope that won a deal as lead contractor (the co-contractors'
shares are not known) or made one at a trade fair (a meeting that took place followed by a deal,
the supplier participant's organisation having an offer linked to the enterprise's project), the
deals and their amount. Inside the programme, in full. Outside
(territory and funder reports), with the small-cell protection of decision 0018:

1. **Primary rule**: fewer than 5 winning enterprises, every figure reads "< 5".
2. **Periods**: the report's period (already widened to its blocks of cohorts) is shown only
   when it is a union of *deal blocks* — the report's blocks merged until each counts 0 or at
   least 5 winners (`privacy.cohort_blocks`). Two periods shown then differ by 0 or at least 5
   winners; any other period reads "masqué".
3. **Nested territories**: a territory's figures are one cell of the table of each territory
   above it (`breakdowns.territory_parents`); that table of winners per child is protected
   with complementary suppression (`privacy.protect`, `table_is_recomputable`), and a
   territory whose cell is hidden there, or whose parent withholds its own figures, reads
   "masqué" — so a département's total minus its EPCIs shown never gives a small EPCI back.

Linked tables beyond these (a funder against territories; the business figures by place of
delivery against these by the enterprise's place) are not protected jointly, as in 0018.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q

from essaim.business.models import Deal
from essaim.evidence import privacy
from essaim.evidence.blocks import scope_blocks
from essaim.evidence.breakdowns import territory_group, territory_parents
from essaim.evidence.models import ProjectFact
from essaim.fairs.models import FollowUp, Meeting, MeetingState

_FAIR_PROJECT = "supplier__organisation__supplier_offer__project_id"


def _fair_deals():
    return Meeting.objects.filter(
        state=MeetingState.HELD, follow_up=FollowUp.DEAL, **{f"{_FAIR_PROJECT}__isnull": False}
    )


def _winning() -> Q:
    """The facts of projects that won a platform deal or made one at a trade fair (subqueries)."""
    won = Deal.objects.filter(made=True, response__lead__project__isnull=False)
    return Q(project_id__in=won.values("response__lead__project_id")) | Q(
        project_id__in=_fair_deals().values(_FAIR_PROJECT)
    )


def _won(facts):
    """(project, amount) of every deal of the projects `facts` selects, the platform's and the
    trade fairs' (one query: UNION ALL keeps two deals of the same amount)."""
    platform = Deal.objects.filter(made=True, response__lead__project_id__in=facts).values_list(
        "response__lead__project_id", "amount"
    )
    fairs = _fair_deals().filter(**{f"{_FAIR_PROJECT}__in": facts}).values_list(_FAIR_PROJECT, "deal_amount")
    return platform.order_by().union(fairs.order_by(), all=True)


def deal_revenue(scope, period=None, *, inside: bool) -> dict:
    """`enterprises`, `deals`, `amount` of an evidence `Scope` (and `Period` of cohorts)."""
    facts = ProjectFact.objects.filter(scope.q() & (period.q() if period else Q())).values("project_id")
    enterprises, amount, n = set(), Decimal(0), 0
    for project_id, value in _won(facts):
        enterprises.add(project_id)
        amount += value or Decimal(0)
        n += 1
    figures = {"enterprises": len(enterprises), "deals": n, "amount": amount}
    if inside or not enterprises:
        return figures
    if len(enterprises) < privacy.MIN_PROJECTS:
        return dict.fromkeys(figures, privacy.SMALL)
    if withheld(scope, period):
        return dict.fromkeys(figures, privacy.MASKED)
    return figures


def with_deals(report):
    """An evidence `Report` with its `deals` (for its reader: `report.inside`)."""
    report.deals = deal_revenue(report.scope, report.period, inside=report.inside)
    return report


def withheld(scope, period) -> bool:
    """Whether a scope's deal figures for `period` are withheld outside (rules 2 and 3)."""
    if period is not None and (period.start or period.end) and not _aligned(scope, period):
        return True
    for parent, cell in territory_parents(scope):
        if cell in _hidden_children(parent, period) or withheld(parent, period):
            return True
    return False


def _aligned(scope, period) -> bool:
    per_cohort = dict(
        ProjectFact.objects.filter(scope.q(), _winning())
        .values("cohort")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("cohort", "n")
    )
    if not per_cohort:
        return True
    blocks = privacy.cohort_blocks({"won": per_cohort}, scope_blocks(scope) or sorted(per_cohort))
    starts, ends = {b[0] for b in blocks}, {b[1] for b in blocks}
    first, last = min(b[0] for b in blocks), max(b[1] for b in blocks)
    start_ok = not period.start or period.start <= first or period.start in starts
    end_ok = not period.end or period.end >= last or period.end in ends
    return start_ok and end_ok


def _hidden_children(parent, period) -> set:
    """The children of `parent` whose winners its table by territory hides."""
    column = territory_group(parent)
    by_child = dict(
        ProjectFact.objects.filter(parent.q(), period.q() if period else Q())
        .filter(_winning())
        .values(column)
        .annotate(n=Count("pk"))
        .order_by()
        .values_list(column, "n")
    )
    children = sorted(c for c, n in by_child.items() if n > 0)
    sizes = [by_child[c] for c in children]
    rows = set(range(len(sizes))) if privacy.table_is_recomputable(sizes) else privacy.protect(sizes)[0]
    return {children[i] for i in rows}
