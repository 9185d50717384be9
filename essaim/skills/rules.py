"""Who reads the skills balance of a territory, as named predicates (django-rules): local-authority
viewers for the territories of their scope (aggregates, suppressed), programme staff for their
own programmes' rows (exact), platform admins everything; and who records the recruitment
needs of a check-in."""

import rules

from essaim.accompaniment.rules import can_manage_project_child
from essaim.accounts.rules import is_org_staff, is_platform_admin, is_territory_viewer

can_read_territory_skills = is_platform_admin | is_territory_viewer


@rules.predicate
def is_programme_staff_reader(user) -> bool:
    return bool(is_org_staff(user))


can_read_skills = can_read_territory_skills | is_programme_staff_reader

rules.add_perm("skills.read_territory", can_read_territory_skills)
rules.add_perm("skills.read", can_read_skills)

# A check-in's recruitment needs are recorded and removed by whoever manages its project: the
# staff of the programme that runs it, or a platform admin.
can_record_recruitment_needs = can_manage_project_child  # object: the check-in
