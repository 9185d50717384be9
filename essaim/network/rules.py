"""Who may read a referral network and a conductor's dashboard, as named predicates.

A territory's network and dashboard are read by the local-authority viewers whose territorial
scope contains the territory (`TerritoryScope.Kind.LOCAL_AUTHORITY`; a funder's scope is for
its reports, not for this) and by platform admins. An ecosystem's are read by the staff of its
leader organisation (`ecosystems.rules.can_manage_ecosystem`).
"""

import rules

from essaim.accounts.models import TerritoryScope
from essaim.accounts.rules import is_platform_admin
from essaim.ecosystems.rules import can_manage_ecosystem
from essaim.territories.selectors import TerritoryNotFound, containing_keys


@rules.predicate
def is_local_authority_viewer(user, place=None) -> bool:
    """A local-authority scope of the user contains `place`, a (level, code) tuple."""
    if not user.is_authenticated or place is None:
        return False
    scopes = set(
        user.territory_scopes.filter(kind=TerritoryScope.Kind.LOCAL_AUTHORITY).values_list("level", "code")
    )
    if not scopes:
        return False
    try:
        keys = set(containing_keys(*place))
    except TerritoryNotFound:
        return False
    return bool(scopes & keys)


can_view_territory_network = is_platform_admin | is_local_authority_viewer
can_view_ecosystem_network = can_manage_ecosystem

rules.add_perm("network.view_territory", can_view_territory_network)
rules.add_perm("network.view_ecosystem", can_view_ecosystem_network)
