"""Permissions as named predicates, in one place (django-rules).

Object-level predicates take an object that knows its organisation (an Organisation, or
anything with `organisation` / `organisation_id`). Later capabilities add their own
predicates here and register them as permissions below.
"""

import rules

from essaim.accounts.models import Membership


def _organisation_id(obj):
    if obj is None:
        return None
    if obj.__class__.__name__ == "Organisation":
        return obj.pk
    if hasattr(obj, "organisation_id"):
        return obj.organisation_id
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
    from essaim.territories.selectors import TerritoryNotFound, containing_keys

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


rules.add_perm("directory.change_organisation", is_platform_admin | is_org_admin)
rules.add_perm("directory.view_organisation_private", is_platform_admin | is_org_staff)
rules.add_perm("directory.change_programme", is_platform_admin | is_org_admin)
rules.add_perm("accounts.view_territory_aggregates", is_platform_admin | is_territory_viewer)


# --- accompaniment (projects: objects that know their programme's organisation) --------


@rules.predicate
def is_project_carrier(user, project=None) -> bool:
    if not user.is_authenticated or project is None:
        return False
    return project.carriers.filter(pk=user.pk).exists()


can_manage_project = is_platform_admin | is_org_staff
is_programme_admin = is_platform_admin | is_org_admin
can_view_project = is_platform_admin | is_org_staff | is_project_carrier

rules.add_perm("accompaniment.view_project", can_view_project)
rules.add_perm("accompaniment.change_project", can_manage_project)
rules.add_perm("accompaniment.override_pipeline", is_programme_admin)
rules.add_perm("accompaniment.view_audit", is_programme_admin)


@rules.predicate
def is_receiving_staff(user, referral=None) -> bool:
    """Staff of the programme that accepted a referral the carrier consented to."""
    if not user.is_authenticated or referral is None or referral.status != "accepted":
        return False
    return is_org_staff(user, referral.to_programme)


can_log_referred_meeting = is_platform_admin | is_receiving_staff
rules.add_perm("accompaniment.log_referred_meeting", can_log_referred_meeting)


# --- calls for projects, reviews, generator side (objects expose `organisation_id`) ----------


@rules.predicate
def is_assigned_reviewer(user, application=None) -> bool:
    if not user.is_authenticated or application is None:
        return False
    return application.reviews.filter(reviewer=user).exists()


@rules.predicate
def is_application_carrier(user, application=None) -> bool:
    return bool(user.is_authenticated and application is not None and application.carrier_id == user.pk)


can_manage_calls = is_platform_admin | is_org_staff
can_view_application = can_manage_calls | is_assigned_reviewer | is_application_carrier

rules.add_perm("calls.manage", can_manage_calls)
rules.add_perm("calls.view_application", can_view_application)


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
