"""Who may do what with an ecosystem, as named predicates (django-rules).

The ecosystem is run by the staff of its leader organisation (`Ecosystem.leader`): they invite
and remove members, create joint projects and add their contributors. An invitation is
answered by the invited organisation's admins, who also name its contact and may leave. The
members' directory is read by the leader's staff and the staff of the member organisations.
A joint project is seen by the leader's staff and by the staff of its contributing programmes
(each for its own part: `selectors.joint_project_for`).
"""

import rules

from essaim.accounts.rules import is_org_admin, is_org_staff, is_platform_admin
from essaim.directory.models import Ecosystem


def ecosystem_of(obj) -> Ecosystem | None:
    if obj is None or isinstance(obj, Ecosystem):
        return obj
    return getattr(obj, "ecosystem", None) or getattr(getattr(obj, "joint_project", None), "ecosystem", None)


@rules.predicate
def is_leader_staff(user, obj=None) -> bool:
    """Staff of the ecosystem's leader organisation (obj: an ecosystem or one of its objects)."""
    ecosystem = ecosystem_of(obj)
    return bool(ecosystem is not None and ecosystem.leader_id and is_org_staff(user, ecosystem.leader))


@rules.predicate
def is_member_org_admin(user, membership=None) -> bool:
    """An admin of the organisation a membership (or an invitation) is addressed to."""
    return membership is not None and is_org_admin(user, membership)


can_manage_ecosystem = is_platform_admin | is_leader_staff
can_answer_invitation = is_member_org_admin


rules.add_perm("ecosystems.manage_ecosystem", can_manage_ecosystem)
rules.add_perm("ecosystems.answer_invitation", can_answer_invitation)
