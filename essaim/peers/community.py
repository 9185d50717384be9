"""Who belongs to which help board (docs/peers.md).

- A programme's board: the staff of the programme's organisation and the carriers of its
  projects (not anonymised). Its moderators are the staff.
- An ecosystem's board: the staff of its leader organisation, and the staff and carriers of its
  member programmes (`Ecosystem.members`). Its moderators are the leader's staff.

The ids are read once per request and kept on the user object, as the membership roles are
(`essaim.accounts.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from essaim.accompaniment.models import Project
from essaim.accounts.selectors import staff_organisation_ids
from essaim.directory.enums import ProgrammeKind
from essaim.directory.models import Ecosystem, Programme
from essaim.places.models import PlaceMembership


@dataclass(frozen=True)
class Boards:
    programmes: frozenset[int]  # boards the person belongs to
    ecosystems: frozenset[int]
    staffed_programmes: frozenset[int]  # boards the person moderates
    staffed_ecosystems: frozenset[int]


NOBODY = Boards(frozenset(), frozenset(), frozenset(), frozenset())


def boards_of(user) -> Boards:
    if not getattr(user, "is_authenticated", False):
        return NOBODY
    cached = getattr(user, "_essaim_peer_boards", None)
    if cached is not None:
        return cached
    organisations = staff_organisation_ids(user)
    staffed = set(Programme.objects.filter(organisation_id__in=organisations).values_list("pk", flat=True))
    carried = set(
        Project.objects.filter(carriers=user, is_anonymised=False).values_list("programme_id", flat=True)
    )
    programmes = staffed | carried
    led = set(Ecosystem.objects.filter(leader_id__in=organisations).values_list("pk", flat=True))
    joined = set(Ecosystem.objects.filter(members__in=programmes).values_list("pk", flat=True))
    boards = Boards(frozenset(programmes), frozenset(led | joined), frozenset(staffed), frozenset(led))
    user._essaim_peer_boards = boards
    return boards


def forget(user) -> None:
    """Drop the cached boards (after a change of membership in the same request or test)."""
    for name in ("_essaim_peer_boards", "_essaim_peer_places"):
        if hasattr(user, name):
            delattr(user, name)


def belongs(user, board) -> bool:
    """Whether `user` belongs to `board` (a Programme or an Ecosystem)."""
    boards = boards_of(user)
    if isinstance(board, Programme):
        return board.pk in boards.programmes
    return isinstance(board, Ecosystem) and board.pk in boards.ecosystems


def staffs(user, board) -> bool:
    """Whether `user` moderates `board` (its programme's staff, its ecosystem's leader staff)."""
    boards = boards_of(user)
    if isinstance(board, Programme):
        return board.pk in boards.staffed_programmes
    return isinstance(board, Ecosystem) and board.pk in boards.staffed_ecosystems


def member_q(user, prefix: str = "") -> Q:
    """Rows (posts, or rows reaching a post through `prefix`) on a board the person belongs to."""
    boards = boards_of(user)
    return Q(**{f"{prefix}programme_id__in": boards.programmes}) | Q(
        **{f"{prefix}ecosystem_id__in": boards.ecosystems}
    )


def staff_q(user, prefix: str = "") -> Q:
    boards = boards_of(user)
    return Q(**{f"{prefix}programme_id__in": boards.staffed_programmes}) | Q(
        **{f"{prefix}ecosystem_id__in": boards.staffed_ecosystems}
    )


def boards_for_posting(user) -> list:
    """The programmes and ecosystems whose board the person may post on, programmes first."""
    boards = boards_of(user)
    return [
        *Programme.objects.filter(pk__in=boards.programmes).order_by("name", "pk"),
        *Ecosystem.objects.filter(pk__in=boards.ecosystems).order_by("name", "pk"),
    ]


def places_of(user) -> tuple[frozenset[int], frozenset[int]]:
    """(places whose register the person reads and writes, places they run): a shared place is
    a programme of kind "lieu partagé" or one with members (essaim/places); its register is for
    its current members and its staff."""
    if not getattr(user, "is_authenticated", False):
        return frozenset(), frozenset()
    cached = getattr(user, "_essaim_peer_places", None)
    if cached is not None:
        return cached
    today = timezone.localdate()
    member = set(
        PlaceMembership.objects.filter(user=user, starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .values_list("programme_id", flat=True)
    )
    staffed = set(
        Programme.objects.filter(pk__in=boards_of(user).staffed_programmes)
        .filter(Q(kind=ProgrammeKind.SHARED_PLACE) | Q(place_members__isnull=False))
        .values_list("pk", flat=True)
    )
    user._essaim_peer_places = (frozenset(member | staffed), frozenset(staffed))
    return user._essaim_peer_places
