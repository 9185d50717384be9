"""The skills balance a person may read for a territory and year (docs/skills.md).

A platform admin reads every row exactly; a local-authority viewer whose scope contains the
territory reads every programme's rows as aggregates outside a programme (suppressed); anyone
else on a programme's staff reads their own programmes' rows exactly. Others: PermissionDenied.
"""

from __future__ import annotations

from dataclasses import dataclass

from essaim.accompaniment import selectors as accompaniment_selectors
from essaim.accompaniment.models import Checkin
from essaim.accounts.selectors import staff_organisation_ids
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Programme
from essaim.skills.balance import Line, balance
from essaim.skills.models import RecruitmentNeed
from essaim.skills.rules import can_read_skills, is_territory_viewer
from essaim.skills.sources import demand_rows, supply_rows


@dataclass
class Reading:
    lines: list[Line]
    inside: bool
    own_programmes_only: bool


def skills_balance(user, level: str, code: str, year: int) -> Reading:
    if not can_read_skills(user):
        raise PermissionDenied
    if user.is_superuser:
        programme_ids, inside = None, True
    elif is_territory_viewer(user, (level, code)):
        programme_ids, inside = None, False
    else:
        orgs = staff_organisation_ids(user)
        if not orgs:
            raise PermissionDenied
        programme_ids = list(Programme.objects.filter(organisation_id__in=orgs).values_list("pk", flat=True))
        inside = True
    lines = balance(
        demand_rows(level, code, programme_ids=programme_ids),
        supply_rows(level, code, programme_ids=programme_ids),
        year=year,
        inside=inside,
    )
    return Reading(lines, inside, programme_ids is not None)


def checkin_needs_for(user, pk: int, *, project_pk: int):
    """A check-in in force of a project the user manages (404 otherwise, through
    `accompaniment.selectors.checkin_for`), with the recruitment needs recorded at it and at the
    check-ins it corrects (a correction supersedes the figures, not the needs said before)."""
    checkin = accompaniment_selectors.checkin_for(user, pk, project_pk=project_pk)
    chain, current = [checkin.pk], checkin
    while current.supersedes_id:
        chain.append(current.supersedes_id)
        current = Checkin.objects.only("pk", "supersedes_id").get(pk=current.supersedes_id)
    return checkin, RecruitmentNeed.objects.filter(checkin_id__in=chain)
