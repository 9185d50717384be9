"""Who may do what in the practice library, as named predicates (django-rules).

A resource is written, published and archived by the staff of its author programme. A published
resource is read by everyone, signed in or not. A published checklist is reused by the staff of
another programme into a stage of their own pipeline (`can_run_programme` on the target).
"""

import rules

from essaim.accompaniment.rules import can_run_programme
from essaim.accounts.rules import is_org_staff, is_platform_admin
from essaim.library.enums import ResourceState


@rules.predicate
def is_author_staff(user, resource=None) -> bool:
    return resource is not None and is_org_staff(user, resource.programme)


@rules.predicate
def is_published(user, resource=None) -> bool:
    return resource is not None and resource.state == ResourceState.PUBLISHED


@rules.predicate
def is_reusable(user, resource=None) -> bool:
    return resource is not None and resource.is_checklist and bool(resource.items)


can_write_for = can_run_programme  # object: the author programme
can_manage_resource = is_platform_admin | is_author_staff
can_view_resource = can_manage_resource | is_published
can_reuse = is_published & is_reusable  # the target stage is checked with can_write_for
