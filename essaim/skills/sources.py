"""Where demand and supply of skills come from, counted by family for one territory.

Demand: the job offers for future leaders (generator model; their place, the year they were
published, or created while a draft), read through their skills profile and title; the expert
domains requested by mobilisations (the project's commune, the year of the request); the
recruitment needs noted at check-ins (`skills.RecruitmentNeed`: its posts, the project's commune,
the check-in's year — observed, else due).
Supply: the candidacies to those offers (the candidate's "parcours et compétences", the year
received); the carriers of projects (each carrier once in the families its project's sector and
name name, the year the accompaniment started); the places of trainings (`events`, kind
training, published or held: capacity once, title and description, year of the first session,
their commune — online ones count for France only); the experts of the pool (each once in the
families of their domains, every year from their account's opening, at most ten years back, in
the territories they cover).
Every row is `(year, family, count)` for `balance.balance`; a text naming several families
counts once in each. Docs: docs/skills.md.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone

from essaim.accompaniment.models import Expert, Mobilisation, Project
from essaim.calls.models import Candidacy, JobOffer
from essaim.events.models import Event, EventKind, EventState
from essaim.skills.models import RecruitmentNeed
from essaim.skills.vocabulary import EXPERT_DOMAIN_FAMILY, families_in
from essaim.territories import selectors as territories
from essaim.territories.models import Commune, Departement, Level

COMMUNE_FIELD = {
    Level.COMMUNE.value: "{p}commune_id",
    Level.EPCI.value: "{p}commune__epci_id",
    Level.DEPARTEMENT.value: "{p}commune__departement_id",
    Level.REGION.value: "{p}commune__region_id",
}


def in_territory(level: str, code: str, prefix: str = "") -> Q:
    """Rows whose commune (through `prefix`) lies in the territory; France is everything."""
    if level == Level.NATIONAL:
        return Q()
    return Q(**{COMMUNE_FIELD[level].format(p=prefix): code})


def _rows(counter: Counter) -> list[tuple[int, str, int]]:
    return sorted((year, family, n) for (year, family), n in counter.items())


def demand_rows(level: str, code: str, *, programme_ids=None) -> list[tuple[int, str, int]]:
    """Demand in the territory (restricted to some programmes' rows when `programme_ids`)."""
    counter: Counter = Counter()
    offers = JobOffer.objects.filter(in_territory(level, code))
    mobilisations = Mobilisation.objects.filter(in_territory(level, code, "project__"))
    if programme_ids is not None:
        offers = offers.filter(programme_id__in=programme_ids)
        mobilisations = mobilisations.filter(project__programme_id__in=programme_ids)
    for title, profile, published_at, created_at in offers.values_list(
        "title", "skills_profile", "published_at", "created_at"
    ):
        year = (published_at or created_at).year
        for family in families_in(f"{title} {profile}"):
            counter[(year, family)] += 1
    for domain, created_at in mobilisations.values_list("domain", "created_at"):
        counter[(created_at.year, EXPERT_DOMAIN_FAMILY[domain])] += 1
    needs = RecruitmentNeed.objects.filter(in_territory(level, code, "checkin__project__"))
    if programme_ids is not None:
        needs = needs.filter(checkin__project__programme_id__in=programme_ids)
    for family, posts, observed_on, due_on in needs.values_list(
        "family", "posts", "checkin__observed_on", "checkin__due_on"
    ):
        counter[((observed_on or due_on).year, family)] += posts
    return _rows(counter)


def _candidacies(counter: Counter, level: str, code: str, programme_ids) -> None:
    candidacies = Candidacy.objects.filter(in_territory(level, code, "offer__"))
    if programme_ids is not None:
        candidacies = candidacies.filter(offer__programme_id__in=programme_ids)
    for experience, motivation, created_at in candidacies.values_list(
        "experience", "motivation", "created_at"
    ):
        for family in families_in(f"{experience} {motivation}"):
            counter[(created_at.year, family)] += 1


def _carriers(counter: Counter, level: str, code: str, programme_ids) -> None:
    """Each carrier of a project counts once in each family its project's trade names (sector and
    name), the year its accompaniment started: carriers have no skills text of their own."""
    projects = Project.objects.filter(in_territory(level, code)).annotate(people=Count("carriers"))
    if programme_ids is not None:
        projects = projects.filter(programme_id__in=programme_ids)
    for name, sector, started_on, people in projects.filter(people__gt=0).values_list(
        "name", "sector", "started_on", "people"
    ):
        for family in families_in(f"{name} {sector}"):
            counter[(started_on.year, family)] += people


def _trainings(counter: Counter, level: str, code: str, programme_ids) -> None:
    """A training (published or held) counts the places it offers (its capacity, once whatever
    its number of sessions) in each family its title and description name, the year of its
    first session; one online, without a commune, counts for France only."""
    trainings = Event.objects.filter(
        in_territory(level, code),
        kind=EventKind.TRAINING,
        state__in=(EventState.PUBLISHED, EventState.CLOSED),
        starts_at__isnull=False,
    )
    if programme_ids is not None:
        trainings = trainings.filter(programme_id__in=programme_ids)
    for title, description, capacity, starts_at in trainings.values_list(
        "title", "description", "capacity", "starts_at"
    ):
        for family in families_in(f"{title} {description}"):
            counter[(starts_at.year, family)] += capacity


def _parse(ref: str):
    try:
        return territories.parse_ref(ref)
    except ValueError:
        return None


def _inside(refs: set[tuple[str, str]]) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """The territories containing each of `refs` (itself included): one query per level."""
    up: dict[tuple[str, str], set[tuple[str, str]]] = {ref: {ref} for ref in refs}
    by_level: dict[str, list[str]] = {}
    for ref_level, ref_code in refs:
        by_level.setdefault(ref_level, []).append(ref_code)
    if by_level.get(Level.COMMUNE):
        for c, epci, dep, region in Commune.objects.filter(code__in=by_level[Level.COMMUNE]).values_list(
            "code", "epci_id", "departement_id", "region_id"
        ):
            up[(Level.COMMUNE.value, c)] |= {(Level.EPCI.value, epci), (Level.DEPARTEMENT.value, dep)}
            up[(Level.COMMUNE.value, c)].add((Level.REGION.value, region))
    if by_level.get(Level.DEPARTEMENT):
        for d, region in Departement.objects.filter(code__in=by_level[Level.DEPARTEMENT]).values_list(
            "code", "region_id"
        ):
            up[(Level.DEPARTEMENT.value, d)].add((Level.REGION.value, region))
    if by_level.get(Level.EPCI):
        spans: dict[str, set] = {}
        for epci, dep, region in (
            Commune.objects.filter(epci_id__in=by_level[Level.EPCI])
            .values_list("epci_id", "departement_id", "region_id")
            .distinct()
        ):
            spans.setdefault(epci, set()).add((dep, region))
        for epci, pairs in spans.items():
            if len({d for d, _r in pairs}) == 1:
                up[(Level.EPCI.value, epci)].add((Level.DEPARTEMENT.value, next(iter(pairs))[0]))
            if len({r for _d, r in pairs}) == 1:
                up[(Level.EPCI.value, epci)].add((Level.REGION.value, next(iter(pairs))[1]))
    return up


def _experts(counter: Counter, level: str, code: str, programme_ids, this_year: int) -> None:
    """An expert of the pool counts once in each family of their domains, every year from the
    year their account was opened to this year, in the territories they cover (one of theirs
    contains the territory or lies inside it; an expert without a territory counts for France
    only). Staff reading their own programmes count the experts their projects mobilised."""
    experts = Expert.objects.all()
    if programme_ids is not None:
        experts = experts.filter(mobilisations__project__programme_id__in=programme_ids).distinct()
    rows = list(experts.values_list("domains", "territory_refs", "user__date_joined"))
    if level != Level.NATIONAL:
        place = (level, code)
        around = set(territories.containing_keys(level, code))
        refs = {r for _d, refs, _j in rows for r in map(_parse, refs or []) if r}
        up = _inside(refs - around)
        rows = [
            row
            for row in rows
            if any(r in around or place in up.get(r, ()) for r in map(_parse, row[1] or []) if r)
        ]
    for domains, _refs, joined in rows:
        families = {EXPERT_DOMAIN_FAMILY[d] for d in domains}
        for year in range(max(joined.year, this_year - YEARS_BACK), this_year + 1):
            for family in families:
                counter[(year, family)] += 1


YEARS_BACK = 10  # experts count as supply for at most the last ten years


def supply_rows(level: str, code: str, *, programme_ids=None) -> list[tuple[int, str, int]]:
    """Supply in the territory: candidacies to its offers, carriers, experts, training places."""
    counter: Counter = Counter()
    _candidacies(counter, level, code, programme_ids)
    _carriers(counter, level, code, programme_ids)
    _trainings(counter, level, code, programme_ids)
    _experts(counter, level, code, programme_ids, timezone.localdate().year)
    return _rows(counter)
