"""Evidence by scope: who may see it, and the figures, aggregated in SQL on the facts tables.

A scope is a programme (`programme:<slug>`), one of its calls for projects (`call:<id>`: the
projects selected through it), a territory (`territory:<level>:<code>`) or a funder
(`funder:<slug>`). Programme staff see their programme's figures in full ("inside");
everyone else sees aggregates with small groups suppressed ("outside").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.evidence import figures as fig
from essaim.evidence.models import (
    Measurement,
    ProgrammeBudget,
    ProgrammeIndicator,
    ProjectFact,
    StageFact,
    YearFact,
)
from essaim.evidence.survival import SurvivalPoint, kaplan_meier_from_counts, survival_at

# The study's reference points: share of enterprises still active five years after creation.
REFERENCE_MONTHS = 60
REFERENCES = [
    (Decimal("0.46"), gettext_lazy("Ensemble des entreprises nouvelles")),
    (Decimal("0.70"), gettext_lazy("Entreprises accompagnées")),
]
REFERENCE_SHORT = [
    (Decimal("0.46"), gettext_lazy("toutes (étude)")),
    (Decimal("0.70"), gettext_lazy("accompagnées (étude)")),
]
REFERENCE_SOURCE = gettext_lazy(
    "Étude « Favoriser la création d'entreprises sociales » (CHORUM / CIDES, ODYSSEM) : "
    "taux de pérennité à 5 ans cités par l'étude."
)
BREAKDOWNS = ("cohort", "programme", "territory", "model")
TERRITORY_LEVELS = ("region", "departement", "epci", "commune", "national")


class ScopeError(ValueError):
    """A scope or parameter that cannot be read; `field` names the parameter, str() is French."""

    def __init__(self, message: str, field: str = "scope"):
        super().__init__(message)
        self.field = field


class ScopeNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Scope:
    kind: str  # programme | territory | funder
    label: str
    programme: object = None
    funder: object = None
    call: object = None
    level: str = ""
    code: str = ""

    @property
    def ref(self) -> str:
        if self.kind == "programme":
            return f"programme:{self.programme.slug}"
        if self.kind == "funder":
            return f"funder:{self.funder.slug}"
        if self.kind == "call":
            return f"call:{self.call.pk}"
        return f"territory:{self.level}:{self.code}"

    def q(self, prefix: str = "") -> Q:
        """Filter on ProjectFact (or on a table pointing to it through `prefix`)."""
        if self.kind == "programme":
            return Q(**{f"{prefix}programme_id": self.programme.pk})
        if self.kind == "call":
            from essaim.calls.models import Application

            selected = Application.objects.filter(call=self.call, project__isnull=False).values("project_id")
            return Q(**{f"{prefix}project_id__in": selected})
        if self.kind == "funder":
            from essaim.financing.enums import SECURED_STATUSES
            from essaim.financing.models import FinancingResource

            financed = FinancingResource.objects.filter(
                funder=self.funder, status__in=SECURED_STATUSES
            ).values("plan__project_id")
            return Q(**{f"{prefix}project_id__in": financed})
        if self.level == "national":
            return Q()
        return Q(**{f"{prefix}{self.level}": self.code})

    def q_rows(self) -> Q:
        """Filter on StageFact / YearFact, which carry région and département themselves."""
        if self.kind == "territory" and self.level in ("national", "region", "departement"):
            return self.q()
        return self.q("fact__")


def parse_scope(text: str) -> Scope:
    """Read `programme:<slug>`, `territory:<level>:<code>` or `funder:<slug>`.

    Raises ScopeError (unreadable) or ScopeNotFound (well-formed but unknown).
    """
    from essaim.directory.models import Programme
    from essaim.financing.models import Funder
    from essaim.territories.selectors import TerritoryNotFound, get_place

    kind, _sep, rest = (text or "").partition(":")
    if kind == "call" and rest:
        from essaim.calls.models import Call

        if not rest.isdigit():
            raise ScopeError(_("Appel attendu sous la forme call:<numéro>."))
        call = Call.objects.filter(pk=int(rest)).select_related("programme__organisation").first()
        if call is None:
            raise ScopeNotFound(rest)
        return Scope("call", call.title, call=call, programme=call.programme)
    if kind == "programme" and rest:
        programme = Programme.objects.filter(slug=rest).select_related("organisation").first()
        if programme is None:
            raise ScopeNotFound(rest)
        return Scope("programme", programme.name, programme=programme)
    if kind == "funder" and rest:
        funder = Funder.objects.filter(slug=rest).first()
        if funder is None:
            raise ScopeNotFound(rest)
        return Scope("funder", funder.name, funder=funder)
    if kind == "territory" and rest:
        level, _sep, code = rest.partition(":")
        if level == "national":
            code = code or "FR"
        if level not in TERRITORY_LEVELS:
            # What a person types: territory:Lozère, territory:34000 (through the place resolver).
            from essaim.territories import resolver

            found = resolver.resolve(rest, levels=resolver.ZONES).place
            if found is not None:
                level, code = found.key
        if level not in TERRITORY_LEVELS or not code:
            raise ScopeError(
                _("Territoire attendu sous la forme territory:<niveau>:<code>, niveaux : %(levels)s.")
                % {"levels": ", ".join(TERRITORY_LEVELS)}
            )
        try:
            place = get_place(level, code.upper() if level != "commune" else code)
        except TerritoryNotFound as exc:
            raise ScopeNotFound(code) from exc
        return Scope("territory", place.name, level=place.level, code=place.code)
    raise ScopeError(
        _(
            "Périmètre attendu : programme:<identifiant>, call:<numéro>, territory:<niveau>:<code> "
            "ou funder:<identifiant>."
        )
    )


def access(user, scope: Scope) -> str | None:
    """ "inside" (full figures), "outside" (aggregates, small groups suppressed) or None (refused).

    The rules are the permissions `evidence.view_*_report` of essaim/accounts/rules.py.
    """
    if not user.is_authenticated:
        return None
    if scope.kind in ("programme", "call"):  # a call's figures belong to its programme's staff
        return "inside" if user.has_perm("evidence.view_programme_report", scope.programme) else None
    if scope.kind == "territory":
        allowed = user.has_perm("evidence.view_territory_report", (scope.level, scope.code))
        return "outside" if allowed else None
    return "outside" if user.has_perm("evidence.view_funder_report", scope.funder) else None


def reports_for(user) -> list[Scope]:
    """The report scopes a user may open (for the reports index)."""
    from essaim.accounts.selectors import staff_organisation_ids
    from essaim.directory.models import Programme
    from essaim.financing.models import Funder
    from essaim.territories.selectors import names_for

    scopes: list[Scope] = []
    orgs = staff_organisation_ids(user)
    programmes = Programme.objects.select_related("organisation").order_by("name")
    if not user.is_superuser:
        programmes = programmes.filter(organisation_id__in=orgs)
    scopes += [Scope("programme", p.name, programme=p) for p in programmes.filter(is_synthetic=False)]
    keys = list(user.territory_scopes.order_by("level", "code").values_list("level", "code"))
    names = names_for(keys) if keys else {}
    scopes += [Scope("territory", names[key], level=key[0], code=key[1]) for key in keys if key in names]
    funders = (
        Funder.objects.filter(organisation_id__in=orgs) if not user.is_superuser else Funder.objects.none()
    )
    scopes += [Scope("funder", f.name, funder=f) for f in funders]
    return scopes


# --- Figures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: int | None = None  # first cohort (year of entry)
    end: int | None = None

    def q(self, prefix: str = "") -> Q:
        q = Q()
        if self.start:
            q &= Q(**{f"{prefix}cohort__gte": self.start})
        if self.end:
            q &= Q(**{f"{prefix}cohort__lte": self.end})
        return q

    @property
    def label(self) -> str:
        if self.start and self.end:
            return _("entrées de %(start)s à %(end)s") % {"start": self.start, "end": self.end}
        if self.start:
            return _("entrées depuis %(start)s") % {"start": self.start}
        if self.end:
            return _("entrées jusqu'en %(end)s") % {"end": self.end}
        return _("toutes les entrées")


def parse_period(start: str | None, end: str | None) -> Period:
    years = []
    for name, value in (("de", start), ("a", end)):
        if value in (None, ""):
            years.append(None)
            continue
        if not str(value).isdigit() or not 1990 <= int(value) <= 2100:
            raise ScopeError(_("Année attendue entre 1990 et 2100."), field=name)
        years.append(int(value))
    if years[0] and years[1] and years[0] > years[1]:
        raise ScopeError(_("L'année de début doit précéder l'année de fin."), field="de")
    return Period(*years)


@dataclass
class Curve:
    label: str
    n: object  # int or "< 5"
    points: list[SurvivalPoint] = field(default_factory=list)
    suppressed: bool = False

    @property
    def five_year(self) -> SurvivalPoint | None:
        return survival_at(self.points, REFERENCE_MONTHS) if self.points else None


@dataclass
class Report:
    scope: Scope
    period: Period
    inside: bool
    projects: object
    created: object
    active: object
    ceased: object
    fte: object
    integration_fte: object
    curves: list[Curve]
    funnel: list[dict]
    jobs: list[dict]
    leverage: dict
    cost_per_job: object = None
    indicators: list[dict] = field(default_factory=list)
    cohorts: tuple[int, int] | None = None
    by: str | None = None
    funnel_groups: list[dict] = field(default_factory=list)

    @property
    def references(self):
        return [(float(share), label) for share, label in REFERENCES]


def _facts(scope: Scope, period: Period):
    return ProjectFact.objects.filter(scope.q(), period.q())


def survival_curves(scope: Scope, period: Period, *, inside: bool, by: str | None = None) -> list[Curve]:
    """Kaplan–Meier curves (months since creation), overall or by breakdown. One query."""
    _check_by(by)
    group = {
        "cohort": "cohort",
        "programme": "programme__name",
        "model": "model",
        "territory": _territory_group(scope),
    }.get(by or "")
    columns = ["survival_months", "ceased"] + ([group] if group else [])
    rows = (
        _facts(scope, period)
        .filter(created_on__isnull=False)
        .values(*columns)
        .annotate(n=Count("pk"))
        .order_by()
    )
    grouped: dict[object, list] = defaultdict(list)
    for row in rows:
        key = row[group] if group else ""
        deaths, censored = (row["n"], 0) if row["ceased"] else (0, row["n"])
        grouped[key].append((row["survival_months"], deaths, censored))
    places = {}
    if by == "territory":
        from essaim.territories.selectors import names_for

        places = {code: name for (_level, code), name in names_for((group, k) for k in grouped if k).items()}
    curves = []
    for key in sorted(grouped, key=str):
        counts = grouped[key]
        n = sum(d + c for _t, d, c in counts)
        label = places.get(key) or _label_for(by, key)
        if fig.suppress(n, n, inside=inside) == fig.SUPPRESSED:
            curves.append(Curve(label=label, n=fig.SUPPRESSED, suppressed=True))
            continue
        points = kaplan_meier_from_counts(counts)
        if not inside:
            points = [p for p in points if p.at_risk >= fig.MIN_PROJECTS]
        curves.append(Curve(label=label, n=n, points=points))
    return curves


def _territory_group(scope: Scope) -> str:
    below = {"national": "region", "region": "departement", "departement": "epci", "epci": "commune"}
    return below.get(scope.level, "region") if scope.kind == "territory" else "region"


def _label_for(by: str | None, key) -> str:
    if not by:
        return _("Ensemble")
    if by == "model":
        from essaim.accompaniment.enums import ProjectModel

        return str(dict(ProjectModel.choices).get(key, key))
    if key in ("", None):
        return _("Non renseigné")
    return str(key)


def _check_by(by: str | None) -> None:
    if by not in (None, "", *BREAKDOWNS):
        raise ScopeError(
            _("Ventilation attendue : %(names)s.") % {"names": ", ".join(BREAKDOWNS)}, field="by"
        )


def _funnel_rows(counted: list, positions: dict[str, int], *, inside: bool) -> list[dict]:
    order = sorted(positions, key=lambda s: (positions[s], s))
    result = []
    for r in fig.funnel_from_counts(counted, order):
        n = r.entered
        result.append(
            {
                "stage": r.stage,
                "entered": fig.suppress(r.entered, n, inside=inside),
                "passed": fig.suppress(r.passed, n, inside=inside),
                "dropped": fig.suppress(r.dropped, n, inside=inside),
                "ongoing": fig.suppress(r.ongoing, n, inside=inside),
                "median_days": fig.suppress(r.median_days, n, inside=inside),
            }
        )
    return result


def funnel(scope: Scope, period: Period, *, inside: bool) -> list[dict]:
    """Entered / passed / dropped per stage and the median days spent there. One query."""
    return funnel_groups(scope, period, inside=inside)[0]["stages"]


def _stage_group(scope: Scope, by: str) -> str:
    """The StageFact column a breakdown groups on (région, département, cohort need no join)."""
    if by == "territory":
        level = _territory_group(scope)
        return level if level in ("region", "departement") else f"fact__{level}"
    return {"cohort": "cohort", "programme": "programme_id", "model": "model"}[by]


def funnel_groups(scope: Scope, period: Period, *, inside: bool, by: str | None = None) -> list[dict]:
    """The funnel overall ([{"label": "Ensemble", ...}]) or one per cohort, programme,
    territory or model: [{"label", "stages": [rows as in `funnel`]}]. One query (plus the
    territory names). Every stage row is suppressed on its own number of entries."""
    _check_by(by)
    group = _stage_group(scope, by) if by else None
    columns = ["stage", "outcome", "days"] + ([group] if group else [])
    rows = (
        StageFact.objects.filter(scope.q_rows(), period.q())
        .values(*columns)
        .annotate(n=Count("pk"), position=Min("position"))
        .order_by()
    )
    counted: dict[object, list] = defaultdict(list)
    positions: dict[str, int] = {}
    for row in rows:
        positions[row["stage"]] = min(positions.get(row["stage"], 99), row["position"])
        counted[row[group] if group else ""].append((row["stage"], row["outcome"], row["days"], row["n"]))
    if not group:
        return [
            {"label": _label_for(None, ""), "stages": _funnel_rows(counted[""], positions, inside=inside)}
        ]
    places = {}
    if by == "territory":
        from essaim.territories.selectors import names_for

        level = group.removeprefix("fact__")
        places = {code: name for (_level, code), name in names_for((level, k) for k in counted if k).items()}
    if by == "programme":
        from essaim.directory.models import Programme

        places = dict(Programme.objects.filter(pk__in=[k for k in counted if k]).values_list("pk", "name"))
    order = sorted(counted, key=lambda k: (places.get(k, ""), str(k)) if by == "programme" else str(k))
    return [
        {
            "label": places.get(key) or _label_for(by, key),
            "stages": _funnel_rows(counted[key], positions, inside=inside),
        }
        for key in order
    ]


def jobs(scope: Scope, period: Period, *, inside: bool) -> list[dict]:
    """FTE jobs in force at each year end (carried forward from check-ins). One query."""
    rows = (
        YearFact.objects.filter(scope.q_rows(), period.q())
        .values("year")
        .annotate(fte=Sum("fte"), integration=Sum("integration_fte"), n=Count("pk"))
        .order_by("year")
    )
    return [
        {
            "year": row["year"],
            "fte": fig.suppress(float(row["fte"] or 0), row["n"], inside=inside),
            "integration_fte": fig.suppress(float(row["integration"] or 0), row["n"], inside=inside),
            "enterprises": fig.suppress(row["n"], row["n"], inside=inside),
        }
        for row in rows
    ]


def _indicators(scope: Scope, period: Period) -> list[dict]:
    if scope.kind != "programme":
        return []
    chosen = ProgrammeIndicator.objects.filter(programme=scope.programme).select_related("indicator")
    indicators = [c.indicator for c in chosen]
    if not indicators:
        return []
    project_ids = _facts(scope, period).values("project_id")
    stats = {
        row["indicator_id"]: row
        for row in Measurement.objects.filter(indicator__in=indicators, project_id__in=project_ids)
        .values("indicator_id")
        .annotate(n=Count("project_id", distinct=True), total=Sum("value"), last=Max("measured_on"))
        .order_by()
    }
    return [
        {
            "indicator": ind,
            "projects": stats.get(ind.pk, {}).get("n", 0),
            "total": stats.get(ind.pk, {}).get("total"),
            "last": stats.get(ind.pk, {}).get("last"),
        }
        for ind in sorted(indicators, key=lambda i: i.name)
    ]


def report(scope: Scope, period: Period | None = None, *, inside: bool, by: str | None = None) -> Report:
    """Every figure of a report, in a fixed, small number of queries."""
    period = period or Period()
    totals = _facts(scope, period).aggregate(
        n_projects=Count("pk"),
        n_created=Count("pk", filter=Q(created_on__isnull=False)),
        n_active=Count("pk", filter=Q(created_on__isnull=False, ceased=False)),
        n_ceased=Count("pk", filter=Q(ceased=True)),
        total_fte=Sum("fte", filter=Q(ceased=False)),
        total_integration=Sum("integration_fte", filter=Q(ceased=False)),
        total_public=Sum("public_amount"),
        total_private=Sum("private_amount"),
        n_financed=Count("pk", filter=Q(public_amount__gt=0) | Q(private_amount__gt=0)),
        first_cohort=Min("cohort"),
        last_cohort=Max("cohort"),
    )
    n, created = totals["n_projects"], totals["n_created"]
    lev = fig.leverage(
        [("public", totals["total_public"] or Decimal(0)), ("private", totals["total_private"] or Decimal(0))]
    )
    fte = float(totals["total_fte"] or 0)
    cost = None
    if scope.kind == "programme":
        budget = ProgrammeBudget.objects.filter(programme=scope.programme).filter(
            Q(year__gte=period.start) if period.start else Q()
        )
        if period.end:
            budget = budget.filter(year__lte=period.end)
        total_budget = budget.aggregate(s=Sum("amount"))["s"]
        cost = fig.cost_per_job(total_budget, fte)
    return Report(
        scope=scope,
        period=period,
        inside=inside,
        projects=fig.suppress(n, n, inside=inside),
        created=fig.suppress(created, created, inside=inside),
        active=fig.suppress(totals["n_active"], created, inside=inside),
        ceased=fig.suppress(totals["n_ceased"], created, inside=inside),
        fte=fig.suppress(round(fte, 2), created, inside=inside),
        integration_fte=fig.suppress(
            round(float(totals["total_integration"] or 0), 2), created, inside=inside
        ),
        curves=survival_curves(scope, period, inside=inside, by=by),
        funnel=funnel(scope, period, inside=inside),
        by=by or None,
        funnel_groups=funnel_groups(scope, period, inside=inside, by=by) if by else [],
        jobs=jobs(scope, period, inside=inside),
        leverage={
            "public": fig.suppress(lev.public, totals["n_financed"], inside=inside),
            "private": fig.suppress(lev.private, totals["n_financed"], inside=inside),
            "ratio": fig.suppress(lev.ratio, totals["n_financed"], inside=inside),
        },
        cost_per_job=fig.suppress(cost, created, inside=inside),
        indicators=_indicators(scope, period),
        cohorts=(totals["first_cohort"], totals["last_cohort"]) if totals["first_cohort"] else None,
    )
