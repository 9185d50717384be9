"""Who may read the contact requests left from orientation, and move them, as named predicates
(django-rules).

Which requests each reader sees is `ContactRequest.objects.visible_to(user)`; the first
predicates only decide who may open the list at all. A request is moved (`workflows.CONTACT`)
by those who receive it: the same readers, for that request.
"""

import rules

from essaim.accounts.models import TerritoryScope
from essaim.accounts.rules import is_org_staff, is_platform_admin


@rules.predicate
def is_local_authority_viewer(user) -> bool:
    """A local-authority viewer: at least one territorial scope of the local-authority kind."""
    if not user.is_authenticated:
        return False
    return user.territory_scopes.filter(kind=TerritoryScope.Kind.LOCAL_AUTHORITY).exists()


# Staff read their programmes' and their ecosystems' requests; authorities their territory's.
can_read_contact_requests = is_platform_admin | is_org_staff | is_local_authority_viewer


@rules.predicate
def is_contact_request_recipient(user, contact_request=None) -> bool:
    """Staff of the programme's organisation (or of the ecosystem's leader organisation), or a
    local-authority viewer following the carrier's commune: whoever the request reaches."""
    if not user.is_authenticated or contact_request is None:
        return False
    model = type(contact_request)
    return model.objects.visible_to(user).filter(pk=contact_request.pk).exists()


can_handle_contact_request = is_platform_admin | is_contact_request_recipient
