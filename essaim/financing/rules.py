"""Who may change financing, as named predicates (django-rules).

A financing plan belongs to its project, and the project to the organisation of the programme
that runs it: the staff of that programme change the plan, its needs and its resources, and
move a resource's status (`workflows.RESOURCE`). The funders' directory is the platform's.
Work nobody clicked (the demo loader, imports) passes a `SystemActor`.
"""

import rules

from essaim.accounts.rules import is_org_staff, is_platform_admin
from essaim.core.actors import is_system


@rules.predicate
def is_system_actor(user, obj=None) -> bool:
    return is_system(user)


@rules.predicate
def is_project_programme_staff(user, project=None) -> bool:
    """Staff of the organisation whose programme runs the project (`project.programme`)."""
    return project is not None and is_org_staff(user, project.programme)


@rules.predicate
def is_resource_programme_staff(user, resource=None) -> bool:
    """Staff of the programme that runs the project whose plan holds the resource."""
    return resource is not None and is_org_staff(user, resource.plan.project.programme)


# The project's plan: its needs and resources (object: the project)
can_change_plan = is_platform_admin | is_project_programme_staff | is_system_actor
# A resource's status: the funder's answer, the payment (object: the resource)
can_move_resource = is_platform_admin | is_resource_programme_staff | is_system_actor
# The directory of funders
can_manage_funders = is_platform_admin | is_system_actor
