"""Reads of the help board, shared by the pages and the API (docs/peers.md).

`posts_for(user, ...)`: the posts of the boards the person belongs to (every post for a platform
admin), hidden ones only for their moderators and their author, filtered by board, kind, skill
family and stage. `post_for(user, pk, *, moderate=False)`: one post (404 when it is not theirs
to see, 403 when they may see it but not moderate it). `answers_of(user, post)` and
`answer_for(user, post, pk)`: a post's answers, read through the post (a child under its
parent), hidden ones for moderators and their author only.
"""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from essaim.accounts.models import User
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Ecosystem, Programme
from essaim.peers import community
from essaim.peers.enums import Visibility
from essaim.peers.models import Answer, Circle, CircleMeeting, PooledResource, Post, Report
from essaim.peers.rules import can_moderate, can_run_circle, can_view_circle


def _admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def _visible_q(user) -> Q:
    """Posts the person may read: on their boards, visible, or theirs, or moderated by them."""
    if _admin(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    return community.member_q(user) & (
        Q(state=Visibility.VISIBLE) | Q(author_id=user.pk) | community.staff_q(user)
    )


def _visible_answers_q(user, post: Post) -> Q:
    if can_moderate(user, post):
        return Q()
    return Q(state=Visibility.VISIBLE) | Q(author_id=user.pk)


def posts_for(
    user, *, board: str = "", kind: str = "", skill: str = "", stage: str = "", q: str = ""
) -> QuerySet[Post]:
    """`board`: "programme:<pk>" or "ecosystem:<pk>" (empty: all the person's boards)."""
    qs = Post.objects.filter(_visible_q(user))
    if board:
        level, _sep, pk = board.partition(":")
        if level in ("programme", "ecosystem") and pk.isdigit():
            qs = qs.filter(**{f"{level}_id": int(pk)})
        else:
            qs = qs.none()
    for field, value in (("kind", kind), ("skill", skill), ("stage", stage)):
        if value:
            qs = qs.filter(**{field: value})
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(body__icontains=q))
    return (
        qs.select_related("programme", "ecosystem", "author", "commune")
        .annotate(
            answer_count=Count("answers", filter=Q(answers__state=Visibility.VISIBLE), distinct=True),
            recommended_count=Count(
                "answers", filter=Q(answers__recommended_at__isnull=False), distinct=True
            ),
        )
        .order_by("-created_at", "-pk")
    )


def post_for(user, pk: int, *, moderate: bool = False) -> Post:
    post = (
        Post.objects.filter(_visible_q(user), pk=pk)
        .select_related("programme", "ecosystem", "author", "commune")
        .first()
    )
    if post is None:
        raise Http404
    if moderate and not can_moderate(user, post):
        raise PermissionDenied
    return post


def answers_of(user, post: Post) -> QuerySet[Answer]:
    """The answers of `post` the person may read: recommended first, then oldest first."""
    return (
        post.answers.filter(_visible_answers_q(user, post))
        .select_related("author", "recommended_by")
        .annotate(report_count=Count("reports"))
        .order_by(F("recommended_at").asc(nulls_last=True), "created_at", "pk")
    )


def answer_for(user, post: Post, pk: int, *, moderate: bool = False) -> Answer:
    """An answer of `post` (already fetched by `post_for`): 404 when it is another post's."""
    answer = post.answers.filter(_visible_answers_q(user, post), pk=pk).select_related("author").first()
    if answer is None:
        raise Http404
    answer.post = post
    if moderate and not can_moderate(user, post):
        raise PermissionDenied
    return answer


def reports_of(post: Post) -> QuerySet[Report]:
    """The reports of a post and of its answers (for its moderators)."""
    return post.reports.select_related("by", "answer").order_by("-at", "-pk")


def reported_by(user, post: Post) -> set[int | None]:
    """What the person already reported on this post: answer ids, None for the post itself."""
    if not user.is_authenticated:
        return set()
    return set(post.reports.filter(by=user).values_list("answer_id", flat=True))


# -- peer circles and pooled resources ------------------------------------------------------


def circles_for(user) -> QuerySet[Circle]:
    """The circles the person runs (their programmes' staff) or belongs to."""
    qs = Circle.objects.all()
    if not _admin(user):
        boards = community.boards_of(user)
        qs = (
            qs.filter(Q(programme_id__in=boards.staffed_programmes) | Q(members=user))
            if user.is_authenticated
            else qs.none()
        )
    return (
        qs.select_related("programme")
        .annotate(
            member_count=Count("members", distinct=True), meeting_count=Count("meetings", distinct=True)
        )
        .order_by("programme__name", "name", "pk")
        .distinct()
    )


def circle_for(user, pk: int, *, manage: bool = False) -> Circle:
    circle = (
        Circle.objects.filter(pk=pk)
        .select_related("programme")
        .prefetch_related(Prefetch("members", queryset=User.objects.order_by("full_name", "pk")))
        .first()
    )
    if circle is None or not can_view_circle(user, circle):
        raise Http404
    if manage and not can_run_circle(user, circle):
        raise PermissionDenied
    return circle


def circle_meetings(circle: Circle) -> QuerySet[CircleMeeting]:
    return circle.meetings.prefetch_related(
        Prefetch("attendees", queryset=User.objects.order_by("full_name", "pk"))
    ).annotate(counted_count=Count("counted", distinct=True))


def circle_meeting_for(circle: Circle, pk: int) -> CircleMeeting:
    """A meeting of `circle` (already fetched by `circle_for`): 404 when it is another circle's."""
    meeting = circle.meetings.filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def registers_for(user) -> list:
    """The registers of pooled resources the person belongs to: their places, then ecosystems."""
    if not user.is_authenticated:
        return []
    places, _run = community.places_of(user)
    return [
        *Programme.objects.filter(pk__in=places).order_by("name", "pk"),
        *Ecosystem.objects.filter(pk__in=community.boards_of(user).ecosystems).order_by("name", "pk"),
    ]


def pooled_for(user) -> QuerySet[PooledResource]:
    """The pooled resources of the registers the person belongs to (all for a platform admin)."""
    qs = PooledResource.objects.all()
    if not _admin(user):
        if not user.is_authenticated:
            return qs.none()
        places, _run = community.places_of(user)
        qs = qs.filter(Q(place_id__in=places) | Q(ecosystem_id__in=community.boards_of(user).ecosystems))
    return qs.select_related("place", "ecosystem", "offered_by").order_by("kind", "title", "pk")


def pooled_resource_for(user, pk: int) -> PooledResource:
    resource = pooled_for(user).filter(pk=pk).first()
    if resource is None:
        raise Http404
    return resource


def circle_candidates(circle: Circle) -> QuerySet[User]:
    """Who may join the circle: the programme's staff and its projects' carriers, not yet in."""
    programme = circle.programme
    return (
        User.objects.filter(
            Q(memberships__organisation_id=programme.organisation_id)
            | Q(carried_projects__programme=programme, carried_projects__is_anonymised=False),
            is_active=True,
        )
        .exclude(pk__in=circle.members.values("pk"))
        .distinct()
        .order_by("full_name", "email", "pk")
    )
