"""Reads of the programme directory shared by the web pages, the API and the commands."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from essaim.core.text import search_tokens
from essaim.directory.enums import AccompanimentModel, LifeStage, Need, OfferFamily, ProgrammeKind, Public
from essaim.directory.models import Ecosystem, Programme, ZoneItem
from essaim.territories.models import Level
from essaim.territories.resolver import ZONES
from essaim.territories.resolver import resolve as resolve_place
from essaim.territories.selectors import (
    containing_keys,
    inside_querysets,
    names_for,
    parse_ref,
)

CHOICE_FILTERS = {
    "family": OfferFamily,
    "stage": LifeStage,
    "kind": ProgrammeKind,
    "model": AccompanimentModel,
    "public": Public,
    "need": Need,
}


@dataclass
class ProgrammeFilters:
    territory: tuple[str, str] | None = None
    family: str | None = None
    stage: str | None = None
    kind: str | None = None
    model: str | None = None
    public: str | None = None
    need: str | None = None
    # An ecosystem's slug: its member programmes only (search_programmes and the index apply it).
    ecosystem: str | None = None
    q: str = ""
    include_synthetic: bool = True


@dataclass
class FilterResult:
    filters: ProgrammeFilters
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def parse_filters(params) -> FilterResult:
    """Validate query parameters (a dict or QueryDict) into ProgrammeFilters.

    Errors are keyed by parameter name, with a French message, for a 400 or a form error.
    """
    filters = ProgrammeFilters()
    errors: dict[str, str] = {}
    get = params.get
    territory = (get("territory") or "").strip()
    if territory:
        # A reference (departement:34) or what a person types (Lozère, 34000, Saint-Martin (Gers)).
        found = resolve_place(territory, levels=ZONES)
        if found.place is not None:
            filters.territory = found.place.key
        elif found.ambiguous:
            errors["territory"] = f"{found.error} ({', '.join(c.label for c in found.choices[:5])})"
        else:
            errors["territory"] = found.error
    for name, enum in CHOICE_FILTERS.items():
        value = (get(name) or "").strip()
        if not value:
            continue
        if value not in enum.values:
            errors[name] = _("Valeur inconnue « %(value)s ». Valeurs possibles : %(choices)s") % {
                "value": value,
                "choices": ", ".join(enum.values),
            }
        else:
            setattr(filters, name, value)
    ecosystem = (get("ecosystem") or "").strip()[:80]
    if ecosystem:
        if Ecosystem.objects.filter(slug=ecosystem).exists():
            filters.ecosystem = ecosystem
        else:
            errors["ecosystem"] = _("Écosystème inconnu « %(value)s ».") % {"value": ecosystem}
    filters.q = (get("q") or "").strip()[:200]
    return FilterResult(filters, errors)


def _with_zone(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("organisation").prefetch_related(
        Prefetch("zone", queryset=ZoneItem.objects.order_by("level", "code"))
    )


def zone_q(level: str, code: str) -> Q:
    """A filter on ZoneItem: zones acting in a territory — containing it or lying inside it.

    Index look-ups only: (level, code) pairs of the containing territories, and sub-queries
    on the referential for the territories inside.
    """
    condition = Q(pk__in=[])
    for key_level, key_code in containing_keys(level, code):
        condition |= Q(level=key_level, code=key_code)
    if level == Level.NATIONAL:
        return Q()
    for inner_level, codes in inside_querysets(level, code).items():
        condition |= Q(level=inner_level, code__in=codes)
    return condition


def search_programmes(filters: ProgrammeFilters) -> QuerySet:
    """Published programmes matching the filters, ordered by name, zone prefetched."""
    qs = Programme.objects.public()
    if not filters.include_synthetic:
        qs = qs.real()
    if filters.territory and filters.territory[0] != Level.NATIONAL:
        # Resolved once to ids: the count and the page then filter on a short list of keys
        # instead of re-running the zone sub-queries twice.
        ids = set(ZoneItem.objects.filter(zone_q(*filters.territory)).values_list("programme_id", flat=True))
        qs = qs.filter(pk__in=sorted(ids))
    if filters.family:
        qs = qs.filter(family=filters.family)
    if filters.stage:
        qs = qs.filter(stages__has=filters.stage)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.model:
        models = [filters.model]
        if filters.model in (AccompanimentModel.CARRIER, AccompanimentModel.GENERATOR):
            models.append(AccompanimentModel.BOTH)
        qs = qs.filter(model__in=models)
    if filters.public:
        qs = qs.filter(publics__has=filters.public)
    if filters.need:
        qs = qs.filter(needs__has=filters.need)
    if filters.ecosystem:
        qs = qs.filter(ecosystems__slug=filters.ecosystem)  # a unique slug: no duplicate rows
    for token in search_tokens(filters.q) if filters.q else []:
        qs = qs.filter(Q(name_norm__contains=token) | Q(organisation__name__icontains=token))
    return _with_zone(qs.order_by("name", "pk"))


def programmes_in(pks) -> QuerySet:
    """The programmes behind a search from memory (`directory.index`), organisation and zone
    prefetched; not filtered again on publication: the index that found them decides."""
    return _with_zone(Programme.objects.filter(pk__in=list(pks)))


def get_programme(slug: str) -> Programme:
    """A published programme with its zone and ecosystems; raises Programme.DoesNotExist."""
    return _with_zone(Programme.objects.public()).prefetch_related("ecosystems").get(slug=slug)


LEVEL_ORDER = {Level.NATIONAL: 0, Level.REGION: 1, Level.DEPARTEMENT: 2, Level.EPCI: 3, Level.COMMUNE: 4}


def zone_places(programmes) -> dict[int, list[dict]]:
    """programme id → its zone as [{"level", "code", "name"}], names fetched in one query per level."""
    programmes = list(programmes)
    keys = {(z.level, z.code) for p in programmes for z in p.zone.all()}
    names = names_for(keys)
    result = {}
    for programme in programmes:
        items = sorted(programme.zone.all(), key=lambda z: (LEVEL_ORDER.get(z.level, 9), z.code))
        result[programme.pk] = [
            {"level": z.level, "code": z.code, "name": names.get((z.level, z.code), z.code)} for z in items
        ]
    return result


def zone_in_words(places: list[dict]) -> str:
    """ "Hérault, Gard, Aude, Lozère, Pyrénées-Orientales" — the zone in plain words."""
    return ", ".join(place["name"] for place in places)


def ecosystems_for(programmes) -> QuerySet:
    return Ecosystem.objects.filter(members__in=programmes).distinct().order_by("name")


UNKNOWN_TERRITORIES = "unknown_territories"


def zone_check(refs) -> list[tuple[str, str]]:
    """Parse `level:code` references and check them against the referential.

    Raises ValidationError (code `UNKNOWN_TERRITORIES`) naming every unknown territory.
    """
    keys = []
    for ref in refs:
        try:
            keys.append(parse_ref(ref))
        except ValueError as exc:
            raise ValidationError(str(exc), code=UNKNOWN_TERRITORIES) from exc
    known = names_for(keys)
    missing = [f"{level}:{code}" for level, code in keys if (level, code) not in known]
    if missing:
        message = _("Territoires inconnus : %(refs)s.") % {"refs": ", ".join(missing)}
        raise ValidationError(message, code=UNKNOWN_TERRITORIES)
    return keys
