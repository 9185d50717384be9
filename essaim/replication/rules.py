"""Who may do what with replication kits and their copies, as named predicates (django-rules).

A kit is written by the staff of the programme that owns it (the project's programme, or the
programme itself). A published kit is read by every programme's staff and every local-authority
viewer: spreading a model is what it is for. A copy is run by the staff of its programme (they
take the kit's changes and copy it on); a project is copied into a programme the person runs, a
programme is founded by an admin of the organisation that will run it.
"""

import rules

from essaim.accompaniment.rules import can_run_programme
from essaim.accounts.rules import is_org_admin, is_org_staff, is_platform_admin, is_territory_viewer
from essaim.replication.enums import KitState


@rules.predicate
def is_kit_owner_staff(user, kit=None) -> bool:
    return kit is not None and is_org_staff(user, kit.owner)


@rules.predicate
def is_published_kit(user, kit=None) -> bool:
    return kit is not None and kit.state == KitState.PUBLISHED


@rules.predicate
def is_reader(user) -> bool:
    """Someone who reads models: a programme's staff or a local-authority viewer."""
    return bool(is_org_staff(user) or is_territory_viewer(user))


@rules.predicate
def is_replica_staff(user, replica=None) -> bool:
    return replica is not None and is_org_staff(user, replica.programme)


@rules.predicate
def is_founding_admin(user, organisation=None) -> bool:
    return organisation is not None and is_org_admin(user, organisation)


can_browse_kits = is_platform_admin | is_reader
can_manage_kit = is_platform_admin | is_kit_owner_staff
can_view_kit = can_manage_kit | (is_published_kit & is_reader)
can_replicate = is_platform_admin | is_published_kit
can_run_replica = is_platform_admin | is_replica_staff
can_copy_into = can_run_programme
can_found_programme = is_platform_admin | is_founding_admin


rules.add_perm("replication.browse_kits", can_browse_kits)
rules.add_perm("replication.manage_kit", can_manage_kit)
rules.add_perm("replication.view_kit", can_view_kit)
rules.add_perm("replication.run_replica", can_run_replica)
