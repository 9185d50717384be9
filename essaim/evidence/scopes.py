"""Report scopes: what a report covers (a programme, a call, a territory, a funder, a period of
cohorts), who may open it, and at which level ("inside": figures in full; "outside":
aggregates with small groups hidden, see `evidence.privacy`).

A scope is a programme (`programme:<slug>`), one of its calls for projects (`call:<id>`: the
projects selected through it), a territory (`territory:<level>:<code>`) or a funder
(`funder:<slug>`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from essaim.accounts.selectors import staff_organisation_ids
from essaim.calls.models import Application, Call
from essaim.core.dates import latest_year
from essaim.directory.models import Programme
from essaim.evidence.rules import can_view_funder_report, can_view_programme_report, can_view_territory_report
from essaim.financing.enums import SECURED_STATUSES
from essaim.financing.models import FinancingResource, Funder
from essaim.territories.selectors import TerritoryNotFound, get_place, names_for

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
            selected = Application.objects.filter(call=self.call, project__isnull=False).values("project_id")
            return Q(**{f"{prefix}project_id__in": selected})
        if self.kind == "funder":
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
    kind, _sep, rest = (text or "").partition(":")
    if kind == "call" and rest:
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

    The rules are the predicates `can_view_*_report` of essaim/evidence/rules.py.
    """
    if not user.is_authenticated:
        return None
    if scope.kind in ("programme", "call"):  # a call's figures belong to its programme's staff
        return "inside" if can_view_programme_report(user, scope.programme) else None
    if scope.kind == "territory":
        allowed = can_view_territory_report(user, (scope.level, scope.code))
        return "outside" if allowed else None
    return "outside" if can_view_funder_report(user, scope.funder) else None


def reports_for(user) -> list[Scope]:
    """The report scopes a user may open (for the reports index)."""
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
        if not str(value).isdigit() or not 1990 <= int(value) <= latest_year():
            raise ScopeError(
                _("Année attendue entre 1990 et %(last)s.") % {"last": latest_year()}, field=name
            )
        years.append(int(value))
    if years[0] and years[1] and years[0] > years[1]:
        raise ScopeError(_("L'année de début doit précéder l'année de fin."), field="de")
    return Period(*years)
