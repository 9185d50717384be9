"""Peers suggested to each other (docs/peers.md): carriers at the same life stage or in the same
sector, nearby, who chose to be visible (`PeerProfile.visible`, an explicit opt-in they withdraw
when they like).

- Who sees suggestions: a carrier who opted in themselves (it goes both ways: one is shown only
  to people who are shown too).
- Who is suggested: the other carriers of active, non-anonymised projects whose project is at
  the same life stage as one of the person's projects, or in the same sector (letter case
  aside), and *nearby*: in the same département, or in the same EPCI (an intercommunalité that
  straddles a border). Région-wide matches are left out on purpose: a région is too large to
  meet for a coffee, and it would show people far away.
- Nobody who did not opt in is ever shown, not even as the co-carrier of a project of someone
  who did.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from essaim.accompaniment.enums import ProjectStatus
from essaim.accompaniment.models import Project
from essaim.accounts.models import User
from essaim.peers.models import PeerProfile

LIMIT = 30


@dataclass
class Suggestion:
    person: User
    projects: list[Project] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def is_visible(user) -> bool:
    return PeerProfile.objects.filter(user=user, visible=True).exists()


def _live(qs):
    return qs.filter(is_anonymised=False, status=ProjectStatus.ACTIVE)


def _reasons(project: Project, mine: list[Project]) -> list[str]:
    reasons = []
    for own in mine:
        if own.life_stage == project.life_stage:
            reasons.append(_("même étape : %(stage)s") % {"stage": project.get_life_stage_display()})
        if own.sector and own.sector.lower() == (project.sector or "").lower():
            reasons.append(_("même secteur : %(sector)s") % {"sector": project.sector})
        if (
            own.commune
            and project.commune
            and own.commune.epci_id
            and own.commune.epci_id == project.commune.epci_id
        ):
            reasons.append(_("même intercommunalité"))
        elif own.commune and project.commune and own.commune.departement_id == project.commune.departement_id:
            reasons.append(_("même département"))
    return list(dict.fromkeys(reasons))


def suggestions_for(user) -> list[Suggestion]:
    """The peers suggested to `user` (empty unless they opted in), nearest matches first."""
    if not user.is_authenticated or not is_visible(user):
        return []
    mine = list(_live(Project.objects.filter(carriers=user)).select_related("commune"))
    places = [p.commune for p in mine if p.commune_id]
    if not places:
        return []
    near = Q(commune__departement_id__in={c.departement_id for c in places}) | Q(
        commune__epci_id__in={c.epci_id for c in places if c.epci_id}
    )
    alike = Q(life_stage__in={p.life_stage for p in mine})
    for sector in {p.sector.strip() for p in mine if p.sector.strip()}:
        alike |= Q(sector__iexact=sector)
    visible = User.objects.filter(is_active=True, peer_profile__visible=True).exclude(pk=user.pk)
    projects = (
        _live(Project.objects.filter(near & alike, carriers__in=visible))
        .exclude(carriers=user)
        .select_related("commune", "programme")
        .prefetch_related(Prefetch("carriers", queryset=visible.order_by("full_name", "pk"), to_attr="peers"))
        .distinct()
        .order_by("name", "pk")[: LIMIT * 2]
    )
    found: dict[int, Suggestion] = {}
    for project in projects:
        reasons = _reasons(project, mine)
        for person in project.peers:
            suggestion = found.setdefault(person.pk, Suggestion(person))
            suggestion.projects.append(project)
            suggestion.reasons = list(dict.fromkeys([*suggestion.reasons, *reasons]))
    return sorted(found.values(), key=lambda s: (-len(s.reasons), s.person.full_name, s.person.pk))[:LIMIT]
