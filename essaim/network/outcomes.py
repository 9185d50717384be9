"""What the programmes of a subject produced, per programme, for the conductor: projects,
enterprises created, survival at three years (Kaplan–Meier, `evidence.survival`), jobs (FTE),
cost per job and leverage (`evidence.figures`), and the share of their financing that comes from
the reader's own authority (`financing` funders).

Figures rest on the evidence facts (`evidence.ProjectFact`, refreshed by the evidence app) and are
protected as in the evidence reports outside a programme (`evidence.privacy`): the projects and
the created enterprises of each programme are two columns under complementary suppression
(a territory report shows their totals); every figure of a row whose created enterprises are
hidden is hidden; survival at three years shows while 5 enterprises are still observed then;
leverage rests on the projects financed. The reader's own programmes read everything.

Cost per job is the programme's budget (`evidence.ProgrammeBudget`, all years) over the jobs of
all its projects, wherever they are: a programme's figure, not the territory's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from essaim.accounts.models import TerritoryScope
from essaim.directory.models import Programme
from essaim.evidence import figures as fig
from essaim.evidence.models import ProgrammeBudget, ProjectFact
from essaim.evidence.privacy import MIN_PROJECTS, SMALL, is_suppressed, shown
from essaim.evidence.survival import kaplan_meier_from_counts, survival_at
from essaim.financing.enums import SECURED_STATUSES
from essaim.financing.models import FinancingResource, Funder
from essaim.network.stats import as_text, protected_column

SURVIVAL_MONTHS = 36


@dataclass
class OutcomeRow:
    pk: int
    name: str
    slug: str
    own: bool
    projects: object
    created: object
    survival: object  # share still active at three years, or None when not observed that long
    fte: object
    cost_per_job: object
    leverage: object
    authority_share: object = None

    def texts(self) -> dict:
        return {
            "survival": as_text(self.survival, "share"),
            "fte": as_text(self.fte),
            "cost_per_job": as_text(self.cost_per_job, "amount"),
            "leverage": as_text(self.leverage, "decimal"),
            "authority_share": as_text(self.authority_share, "share"),
        }

    def as_dict(self) -> dict:
        return {
            "programme": self.slug,
            "name": self.name,
            "own": self.own,
            "projects": shown(self.projects),
            "created": shown(self.created),
            "survival_3_years": shown(self.survival),
            "fte": shown(self.fte),
            "cost_per_job": shown(self.cost_per_job),
            "leverage": shown(self.leverage),
            "authority_share": shown(self.authority_share),
        }


def _survival(rows) -> dict[int, object]:
    """Per programme, the Kaplan–Meier estimate at three years and the number still observed."""
    counts: dict[int, list] = defaultdict(list)
    for programme_id, months, ceased, n in rows:
        counts[programme_id].append((months, n if ceased else 0, 0 if ceased else n))
    result = {}
    for programme_id, points in counts.items():
        point = survival_at(kaplan_meier_from_counts(points), SURVIVAL_MONTHS)
        result[programme_id] = (point.estimate, point.at_risk) if point else None
    return result


def _programme_costs(ids) -> dict[int, tuple[Decimal | None, int]]:
    """Per programme: its budget over the jobs of all its projects, and its created enterprises."""
    budgets = dict(
        ProgrammeBudget.objects.filter(programme_id__in=ids)
        .values_list("programme_id")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    jobs = (
        ProjectFact.objects.filter(programme_id__in=ids)
        .values_list("programme_id")
        .annotate(
            fte=Sum("fte", filter=Q(ceased=False)), created=Count("pk", filter=Q(created_on__isnull=False))
        )
        .order_by()
    )
    return {pk: (fig.cost_per_job(budgets.get(pk), float(fte or 0)), created) for pk, fte, created in jobs}


def authority_funders(subject, user) -> list[Funder]:
    """The reader's own funders. For a territory: the funders of each of the reader's
    local-authority territories, of that territory's own kind (a région's viewer: the Région's
    funder, whichever of its départements they look at), and those of the reader's organisations;
    for a platform admin without a territory, the subject territory's own. For an ecosystem: its
    leader organisation's."""
    if subject.kind == "ecosystem":
        return list(Funder.objects.filter(organisation_id=subject.ecosystem.leader_id).order_by("name"))
    if not user.is_authenticated:
        return []
    scopes = list(
        user.territory_scopes.filter(kind=TerritoryScope.Kind.LOCAL_AUTHORITY).values_list("level", "code")
    ) or [(subject.level, subject.code)]
    q = Q(pk__in=[])
    for level, code in scopes:
        q |= Q(kind=level, territories__level=level, territories__code=code)
    organisations = list(user.memberships.values_list("organisation_id", flat=True))
    if organisations:
        q |= Q(organisation_id__in=organisations)
    return list(Funder.objects.filter(q).distinct().order_by("name"))


def _shares(subject, funders: list[Funder]) -> dict[int, tuple[Decimal, int]]:
    """Per programme: the share of secured financing from `funders`, and the projects financed."""
    if not funders:
        return {}
    projects = ProjectFact.objects.filter(subject.fact_q()).values("project_id")
    rows = (
        FinancingResource.objects.filter(status__in=SECURED_STATUSES, plan__project_id__in=projects)
        .values_list("plan__project__programme_id")
        .annotate(
            total=Sum("amount"),
            own=Sum("amount", filter=Q(funder__in=funders)),
            n=Count("plan__project_id", distinct=True),
        )
        .order_by()
    )
    return {pk: ((own or Decimal(0)) / total if total else Decimal(0), n) for pk, total, own, n in rows}


def outcome_rows(subject, own: set[int], funders: list[Funder]) -> list[OutcomeRow]:
    """Every programme with projects in the subject, by name (about six queries)."""
    facts = ProjectFact.objects.filter(subject.fact_q())
    grouped = {
        row["programme_id"]: row
        for row in facts.values("programme_id")
        .annotate(
            n=Count("pk"),
            created=Count("pk", filter=Q(created_on__isnull=False)),
            fte=Sum("fte", filter=Q(ceased=False, created_on__isnull=False)),
            public=Sum("public_amount"),
            private=Sum("private_amount"),
            financed=Count("pk", filter=Q(public_amount__gt=0) | Q(private_amount__gt=0)),
        )
        .order_by()
    }
    survival = _survival(
        facts.filter(created_on__isnull=False, survival_months__isnull=False)
        .values_list("programme_id", "survival_months", "ceased")
        .annotate(c=Count("pk"))
        .order_by()
    )
    names = {
        pk: (name, slug)
        for pk, name, slug in Programme.objects.filter(pk__in=list(grouped)).values_list("pk", "name", "slug")
    }
    costs = _programme_costs(list(grouped))
    shares = _shares(subject, funders)
    projects = protected_column({pk: r["n"] for pk, r in grouped.items()}, own)
    created = protected_column({pk: r["created"] for pk, r in grouped.items()}, own)
    rows = []
    for pk, row in grouped.items():
        inside = pk in own
        hidden = not inside and (
            is_suppressed(created[pk]) or row["created"] == 0 and is_suppressed(projects[pk])
        )

        def guard(value, base: int, inside=inside, hidden=hidden):
            if inside or value is None:
                return value
            return SMALL if hidden or base < MIN_PROJECTS else value

        point = survival.get(pk)
        estimate = None if point is None else guard(round(point[0], 3), point[1])
        lev = fig.leverage(
            [("public", row["public"] or Decimal(0)), ("private", row["private"] or Decimal(0))]
        )
        cost, programme_created = costs.get(pk, (None, 0))
        share, financed = shares.get(pk, (None, 0))
        name, slug = names.get(pk, ("", ""))
        rows.append(
            OutcomeRow(
                pk=pk,
                name=name,
                slug=slug,
                own=inside,
                projects=projects[pk],
                created=created[pk],
                survival=estimate,
                fte=guard(round(float(row["fte"] or 0), 1), row["created"]),
                cost_per_job=cost if inside or cost is None or programme_created >= MIN_PROJECTS else SMALL,
                leverage=guard(lev.ratio, row["financed"]),
                authority_share=None if share is None else guard(round(float(share), 3), financed),
            )
        )
    rows.sort(key=lambda r: (r.name.casefold(), r.pk))
    return rows
