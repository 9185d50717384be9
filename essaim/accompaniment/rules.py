"""Who may do what in accompaniment, as named predicates (django-rules).

Built on the base predicates of `essaim.accounts.rules`. A project belongs to the organisation
of the programme that runs it (`project.programme`, fetched with the project by the
selectors); its children (meetings, mobilisations, check-ins) belong to their project. The
workflows (`workflows.py`) name these predicates as the permission of each transition; the
services check them; views and templates ask them through `available()` or the selectors.
"""

import rules

from essaim.accompaniment.enums import ReferralStatus
from essaim.accounts.rules import is_org_admin, is_org_staff, is_platform_admin
from essaim.core.actors import is_system


@rules.predicate
def is_system_actor(user, obj=None) -> bool:
    """Work nobody clicked (the demo loader, imports, tasks): a `SystemActor`."""
    return is_system(user)


# -- programmes -----------------------------------------------------------------------------


@rules.predicate
def is_programme_staff(user, programme=None) -> bool:
    return programme is not None and is_org_staff(user, programme)


@rules.predicate
def is_programme_org_admin(user, programme=None) -> bool:
    return programme is not None and is_org_admin(user, programme)


can_run_programme = is_platform_admin | is_programme_staff
is_programme_admin = is_platform_admin | is_programme_org_admin
can_set_up_programme = is_programme_admin | is_system_actor
# Bringing a spreadsheet of projects, meetings or experts in (essaim/imports): who runs the programme
can_import_into_programme = can_run_programme


# -- projects -------------------------------------------------------------------------------


@rules.predicate
def is_project_staff(user, project=None) -> bool:
    """Staff of the organisation whose programme runs the project."""
    return project is not None and is_org_staff(user, project.programme)


@rules.predicate
def is_project_org_admin(user, project=None) -> bool:
    return project is not None and is_org_admin(user, project.programme)


@rules.predicate
def is_project_carrier(user, project=None) -> bool:
    if not user.is_authenticated or project is None:
        return False
    return project.carriers.filter(pk=user.pk).exists()


can_manage_project = is_platform_admin | is_project_staff
# Skipping or going back in the pipeline, and reopening an abandoned project
is_project_admin = is_platform_admin | is_project_org_admin
can_view_project = can_manage_project | is_project_carrier


@rules.predicate
def can_manage_project_child(user, child=None) -> bool:
    """A meeting, mobilisation or check-in: whoever manages its project."""
    return child is not None and can_manage_project(user, child.project)


# -- referrals ------------------------------------------------------------------------------


@rules.predicate
def is_referral_carrier(user, referral=None) -> bool:
    """The carrier consents or declines (nobody else, not even a platform admin)."""
    return referral is not None and is_project_carrier(user, referral.project)


@rules.predicate
def is_receiving_staff(user, referral=None) -> bool:
    """Staff of the programme the project is proposed to: they accept or refuse."""
    return referral is not None and is_org_staff(user, referral.to_programme)


@rules.predicate
def is_sending_staff(user, referral=None) -> bool:
    """Staff of the programme that proposed the project: they withdraw."""
    return referral is not None and is_org_staff(user, referral.from_programme)


@rules.predicate
def is_accepted(user, referral=None) -> bool:
    return referral is not None and referral.status == ReferralStatus.ACCEPTED


# Staff of the programme that accepted a referral the carrier consented to
can_log_referred_meeting = is_platform_admin | (is_receiving_staff & is_accepted)


# -- experts --------------------------------------------------------------------------------


@rules.predicate
def is_mobilised_expert(user, mobilisation=None) -> bool:
    return bool(user.is_authenticated and mobilisation is not None and mobilisation.expert.user_id == user.pk)


@rules.predicate
def is_expert_self(user, expert_user=None) -> bool:
    return bool(user.is_authenticated and expert_user is not None and expert_user.pk == user.pk)


can_edit_expert_profile = is_platform_admin | is_expert_self | is_system_actor
# Without an object, `is_org_staff` asks: works for any organisation
can_browse_expert_pool = is_platform_admin | is_org_staff


rules.add_perm("accompaniment.view_project", can_view_project)
rules.add_perm("accompaniment.change_project", can_manage_project)
rules.add_perm("accompaniment.override_pipeline", is_project_admin)
rules.add_perm("accompaniment.view_audit", is_programme_admin)
rules.add_perm("accompaniment.log_referred_meeting", can_log_referred_meeting)
