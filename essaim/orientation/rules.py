"""Who may read the contact requests left from orientation, as named predicates (django-rules).

Which requests each reader sees is `ContactRequest.objects.visible_to(user)`; these predicates
only decide who may open the list at all.
"""

import rules

from essaim.accounts.rules import is_org_staff, is_platform_admin


@rules.predicate
def is_local_authority_viewer(user) -> bool:
    """A local-authority viewer: at least one territorial scope of the local-authority kind."""
    if not user.is_authenticated:
        return False
    from essaim.accounts.models import TerritoryScope

    return user.territory_scopes.filter(kind=TerritoryScope.Kind.LOCAL_AUTHORITY).exists()


# Staff read their programmes' and their ecosystems' requests; authorities their territory's.
can_read_contact_requests = is_platform_admin | is_org_staff | is_local_authority_viewer
