"""Who reads the skills balance of a territory, as named predicates (django-rules): local-authority
viewers for the territories of their scope (aggregates, suppressed), programme staff for their
own programmes' rows (exact), platform admins everything."""

import rules

from essaim.accounts.rules import is_org_staff, is_platform_admin, is_territory_viewer

can_read_territory_skills = is_platform_admin | is_territory_viewer


@rules.predicate
def is_programme_staff_reader(user) -> bool:
    return bool(is_org_staff(user))


can_read_skills = can_read_territory_skills | is_programme_staff_reader

rules.add_perm("skills.read_territory", can_read_territory_skills)
rules.add_perm("skills.read", can_read_skills)
