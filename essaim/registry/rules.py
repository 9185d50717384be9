"""Who may read and settle registry matters, as named predicates (django-rules).

A followed enterprise's registry status, ESS statuses and conflicts belong to the staff of the
programme that accompanied it (and platform admins); the system actors write what the registry
says. Baselines are built from public registry data over every establishment of a territory:
any staff member or territory viewer may read them.
"""

import rules

from essaim.accounts.rules import is_org_staff, is_platform_admin, is_territory_viewer
from essaim.evidence.rules import is_system_actor


def _programme(obj):
    """The programme behind an enterprise or a conflict (through the enterprise's project)."""
    enterprise = getattr(obj, "enterprise", obj)
    project = getattr(enterprise, "project", None)
    return getattr(project, "programme", None)


@rules.predicate
def is_enterprise_programme_staff(user, obj=None) -> bool:
    programme = _programme(obj) if obj is not None else None
    return programme is not None and is_org_staff(user, programme)


@rules.predicate
def is_any_staff(user, obj=None) -> bool:
    return is_org_staff(user)


# A followed enterprise (or one of its conflicts)
can_view_registry = is_platform_admin | is_enterprise_programme_staff
can_resolve_conflict = is_platform_admin | is_enterprise_programme_staff
can_declare_ess = is_platform_admin | is_enterprise_programme_staff | is_system_actor
# What the registry says, written by the importer, the API adapter and the task worker
can_record_registry = is_platform_admin | is_system_actor
# Baselines over a territory's establishments
can_view_baseline = is_platform_admin | is_any_staff | is_territory_viewer
