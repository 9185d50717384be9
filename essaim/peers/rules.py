"""Who may do what on the help board, as named predicates (django-rules); docs/peers.md.

Objects: a post (`Post`), an answer (`Answer`), or a board (a `Programme` or an `Ecosystem`)
for posting. Membership of a board is read by `community.py`: a programme's staff and the
carriers of its projects; an ecosystem's leader staff and its member programmes' staff and
carriers. A board's moderators are its programme's staff (or its ecosystem's leader staff) and
the platform admins. A hidden post or answer is seen by its moderators and its author only.
"""

import rules

from essaim.accounts.rules import is_platform_admin
from essaim.directory.models import Ecosystem
from essaim.peers import community
from essaim.peers.enums import Visibility


def _post(obj):
    return getattr(obj, "post", obj)


@rules.predicate
def is_board_member(user, board=None) -> bool:
    return board is not None and community.belongs(user, board)


@rules.predicate
def is_board_staff(user, board=None) -> bool:
    return board is not None and community.staffs(user, board)


@rules.predicate
def is_post_member(user, obj=None) -> bool:
    """A member of the board of the post (obj: a post or an answer)."""
    return obj is not None and community.belongs(user, _post(obj).board)


@rules.predicate
def is_post_staff(user, obj=None) -> bool:
    return obj is not None and community.staffs(user, _post(obj).board)


@rules.predicate
def is_author(user, obj=None) -> bool:
    return bool(obj is not None and user.is_authenticated and obj.author_id == user.pk)


@rules.predicate
def is_visible(user, obj=None) -> bool:
    return obj is not None and obj.state == Visibility.VISIBLE


@rules.predicate
def is_post_open(user, obj=None) -> bool:
    """The post of `obj` (a post or an answer) is not hidden."""
    return obj is not None and _post(obj).state == Visibility.VISIBLE


@rules.predicate
def is_authenticated_person(user) -> bool:
    """A signed-in account (not a system actor): chooses its own peer visibility."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "pk", None))


can_post_on = is_platform_admin | is_board_member  # object: a board
can_moderate = is_platform_admin | is_post_staff  # object: a post or an answer
can_view = can_moderate | (is_post_member & (is_visible | is_author))
can_answer = can_view & is_post_open  # object: a post
can_report = is_post_member & is_visible & is_post_open & ~is_author  # object: a post or an answer
can_recommend = can_moderate  # object: an answer


# -- peer circles (object: a Circle; for creating one, its programme) -------------------------


@rules.predicate
def is_circle_staff(user, circle=None) -> bool:
    return circle is not None and community.staffs(user, circle.programme)


@rules.predicate
def is_circle_member(user, circle=None) -> bool:
    if circle is None or not user.is_authenticated:
        return False
    return any(m.pk == user.pk for m in circle.members.all())


can_create_circle = is_platform_admin | is_board_staff  # object: a programme
can_run_circle = is_platform_admin | is_circle_staff
can_view_circle = can_run_circle | is_circle_member


# -- pooled resources (object: a register — a place (Programme) or an Ecosystem — or a resource) --


def _register(obj):
    return getattr(obj, "register", obj)


@rules.predicate
def is_register_member(user, obj=None) -> bool:
    register = _register(obj)
    if register is None:
        return False
    if isinstance(register, Ecosystem):
        return community.belongs(user, register)
    return register.pk in community.places_of(user)[0]


@rules.predicate
def is_register_staff(user, obj=None) -> bool:
    register = _register(obj)
    if register is None:
        return False
    if isinstance(register, Ecosystem):
        return community.staffs(user, register)
    return register.pk in community.places_of(user)[1]


@rules.predicate
def is_offerer(user, resource=None) -> bool:
    return bool(resource is not None and user.is_authenticated and resource.offered_by_id == user.pk)


can_offer_pooled = is_platform_admin | is_register_member  # object: a register
can_remove_pooled = is_platform_admin | is_offerer | is_register_staff  # object: a resource
