"""Reads shared by the workspace, the API and the tasks: who may see which project."""

from django.db.models import Q

from essaim.accounts.models import Membership


def staff_organisation_ids(user, *, admin_only: bool = False) -> list[int]:
    qs = Membership.objects.filter(user=user)
    if admin_only:
        qs = qs.filter(role=Membership.Role.ADMIN)
    return list(qs.values_list("organisation_id", flat=True))


def project_visibility_q(user, prefix: str = "") -> Q:
    """Projects a user may open: staff of the running programme's organisation and the
    project's carriers. Receiving staff of a referral see the consented fields through the
    referral only, never the project itself."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    orgs = staff_organisation_ids(user)
    q = Q(**{f"{prefix}carriers": user})
    if orgs:
        q |= Q(**{f"{prefix}programme__organisation_id__in": orgs})
    return q
