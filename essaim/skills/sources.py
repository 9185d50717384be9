"""Where demand and supply of skills come from, counted by family for one territory.

Demand: the job offers for future leaders (generator model; their place, the year they were
published, or created while a draft), read through their skills profile and title; the expert
domains requested by mobilisations (the project's commune, the year of the request). Supply: the
candidacies to those offers (the candidate's "parcours et compétences", the year received).
Every row is `(year, family, count)` for `balance.balance`; an offer or candidacy naming several
families counts once in each.

Not read yet (docs/skills.md, "What is left"): recruitment needs at check-ins, carriers, experts
and training sessions.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Q

from essaim.accompaniment.models import Mobilisation
from essaim.calls.models import Candidacy, JobOffer
from essaim.skills.models import RecruitmentNeed
from essaim.skills.vocabulary import EXPERT_DOMAIN_FAMILY, families_in
from essaim.territories.models import Level

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


def supply_rows(level: str, code: str, *, programme_ids=None) -> list[tuple[int, str, int]]:
    """Supply in the territory: the candidacies to its offers."""
    counter: Counter = Counter()
    candidacies = Candidacy.objects.filter(in_territory(level, code, "offer__"))
    if programme_ids is not None:
        candidacies = candidacies.filter(offer__programme_id__in=programme_ids)
    for experience, motivation, created_at in candidacies.values_list(
        "experience", "motivation", "created_at"
    ):
        for family in families_in(f"{experience} {motivation}"):
            counter[(created_at.year, family)] += 1
    return _rows(counter)
