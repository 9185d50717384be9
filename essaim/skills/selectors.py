"""The skills balance a person may read for a territory and year (docs/skills.md).

A platform admin reads every row exactly; a local-authority viewer whose scope contains the
territory reads every programme's rows as aggregates outside a programme (suppressed); anyone
else on a programme's staff reads their own programmes' rows exactly. Others: PermissionDenied.
"""

from __future__ import annotations

from dataclasses import dataclass

from essaim.accounts.selectors import staff_organisation_ids
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Programme
from essaim.skills.balance import Line, balance
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
