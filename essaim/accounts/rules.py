"""Permissions as named predicates, in one place (django-rules).

Object-level predicates take an object that knows its organisation (an Organisation,
anything with `organisation` / `organisation_id`, or an object of a programme). Later
capabilities add their own predicates here and register them as permissions below.
"""

import rules

from essaim.accounts.models import Membership
from essaim.territories.selectors import TerritoryNotFound, containing_keys


def _organisation_id(obj):
    if obj is None:
        return None
    if obj.__class__.__name__ == "Organisation":
        return obj.pk
    if hasattr(obj, "organisation_id"):
        return obj.organisation_id
    if hasattr(obj, "programme_id"):  # a programme's object (a project) belongs to its organisation
        return obj.programme.organisation_id
    return None


def _membership_roles(user) -> dict[int, str]:
    """organisation id → role, cached on the user object for the request."""
    cache = getattr(user, "_essaim_memberships", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._essaim_memberships = cache
    return cache


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def is_org_staff(user, obj=None) -> bool:
    if not user.is_authenticated:
        return False
    roles = _membership_roles(user)
    if obj is None:
        return bool(roles)
    return _organisation_id(obj) in roles


@rules.predicate
def is_org_admin(user, obj=None) -> bool:
    if not user.is_authenticated:
        return False
    roles = _membership_roles(user)
    if obj is None:
        return Membership.Role.ADMIN in roles.values()
    return roles.get(_organisation_id(obj)) == Membership.Role.ADMIN


@rules.predicate
def is_carrier(user) -> bool:
    return bool(user.is_authenticated and user.is_carrier)


@rules.predicate
def is_expert(user) -> bool:
    return bool(user.is_authenticated and user.is_expert)


@rules.predicate
def is_territory_viewer(user, place=None) -> bool:
    """Without a place: has any territorial scope. With a (level, code) tuple: a scope contains it."""
    if not user.is_authenticated:
        return False
    scopes = list(user.territory_scopes.values_list("level", "code"))
    if place is None:
        return bool(scopes)
    try:
        keys = set(containing_keys(*place))
    except TerritoryNotFound:
        return False
    return any(tuple(scope) in keys for scope in scopes)


@rules.predicate
def holds_admin_role(user) -> bool:
    """Platform admins (superusers and admin-site staff) and organisation admins: they must use
    a second factor (essaim/accounts/two_factor.py; demo accounts under `make demo` excepted)."""
    if not user.is_authenticated:
        return False
    # A direct query, not the per-request membership cache: this is read once, at login.
    admin = Membership.objects.filter(user=user, role=Membership.Role.ADMIN)
    return bool(user.is_superuser or user.is_staff or admin.exists())


@rules.predicate
def can_delete_own_account(user) -> bool:
    """A person deletes their own account; team accounts are closed by an administrator."""
    return bool(user.is_authenticated and not user.is_superuser and not _membership_roles(user))


@rules.predicate
def is_invitee(user, invitation=None) -> bool:
    """The person an invitation is addressed to: signed in with that e-mail address."""
    if not user.is_authenticated or invitation is None:
        return False
    return bool(user.is_active and user.email.strip().lower() == invitation.email.strip().lower())


# An organisation's admins invite people to its staff and revoke invitations (object: an
# Organisation or an Invitation, which knows its organisation).
can_manage_invitations = is_platform_admin | is_org_admin


rules.add_perm("directory.change_organisation", is_platform_admin | is_org_admin)
rules.add_perm("directory.view_organisation_private", is_platform_admin | is_org_staff)
rules.add_perm("directory.change_programme", is_platform_admin | is_org_admin)
rules.add_perm("accounts.view_territory_aggregates", is_platform_admin | is_territory_viewer)


# --- accompaniment: essaim/accompaniment/rules.py (projects, referrals, experts) ------------


# --- calls: essaim/calls/rules.py (calls, applications, reviews, needs, offers, candidacies) -----


# --- evidence reports (programme: a Programme; territory: a (level, code) tuple; funder: a Funder) ---


@rules.predicate
def is_funder_staff(user, funder=None) -> bool:
    """A member of the organisation behind a funder (it sees the projects it financed)."""
    if not user.is_authenticated or funder is None or not funder.organisation_id:
        return False
    return funder.organisation_id in _membership_roles(user)


rules.add_perm("evidence.view_programme_report", is_platform_admin | is_org_staff)
rules.add_perm("evidence.view_territory_report", is_platform_admin | is_territory_viewer)
rules.add_perm("evidence.view_funder_report", is_platform_admin | is_funder_staff)

# --- financing plans (object: a Project, whose organisation is its programme's) -------------------
rules.add_perm("financing.change_plan", is_platform_admin | is_org_staff)
rules.add_perm("evidence.change_outcomes", is_platform_admin | is_org_staff)
rules.add_perm("evidence.choose_indicators", is_platform_admin | is_org_admin)
