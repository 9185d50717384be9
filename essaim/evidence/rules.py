"""Who may read which report and who records outcomes, as named predicates (django-rules).

A programme's report belongs to the staff of its organisation (figures in full); a territory's
report to the people whose territorial scope contains it, a funder's to the staff of the
organisation behind the funder (aggregates, small groups hidden: `evidence.privacy`). A
project's outcomes (enterprise, measurements, targets) are recorded by the staff of the
programme that runs it; a programme's budget by its staff, its indicators by its admins.
"""

import rules

from essaim.accounts.rules import (
    is_funder_staff,
    is_org_admin,
    is_org_staff,
    is_platform_admin,
    is_territory_viewer,
)
from essaim.core.actors import is_system


@rules.predicate
def is_system_actor(user, obj=None) -> bool:
    return is_system(user)


@rules.predicate
def is_programme_staff(user, programme=None) -> bool:
    return programme is not None and is_org_staff(user, programme)


@rules.predicate
def is_programme_org_admin(user, programme=None) -> bool:
    return programme is not None and is_org_admin(user, programme)


@rules.predicate
def is_project_programme_staff(user, project=None) -> bool:
    """Staff of the organisation whose programme runs the project (`project.programme`)."""
    return project is not None and is_org_staff(user, project.programme)


# Reports (programme: a Programme; territory: a (level, code) tuple; funder: a Funder)
can_view_programme_report = is_platform_admin | is_programme_staff
can_view_territory_report = is_platform_admin | is_territory_viewer
can_view_funder_report = is_platform_admin | is_funder_staff
# A project's outcomes (object: the project)
can_record_outcomes = is_platform_admin | is_project_programme_staff | is_system_actor
# A programme's budget and the indicators it follows (object: the programme)
can_set_budget = is_platform_admin | is_programme_staff | is_system_actor
can_choose_indicators = is_platform_admin | is_programme_org_admin | is_system_actor
# The seeded catalogue of indicators (essaim/evidence/catalogue.py)
can_seed_catalogue = is_platform_admin | is_system_actor
