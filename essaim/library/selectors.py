"""Reads of the practice library, shared by the pages and the API.

`published_resources(...)`: what everyone browses (published entries only), filtered by the study's
stage, programme kind and need and by resource kind. `resource_for(user, pk, *, manage=False)`:
a published resource for anyone, any state for its author programme's staff; 404 when it is not
theirs to see, 403 when they may see it but not manage it. `programme_resources` lists a
programme's own resources in every state, read through the programme the person runs.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from essaim.accompaniment.models import PipelineStage
from essaim.accounts.selectors import staff_organisation_ids
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Programme
from essaim.library.enums import Facet
from essaim.library.models import Resource, ResourceTag, Reuse
from essaim.library.rules import can_manage_resource


def _with_tags(qs: QuerySet[Resource]) -> QuerySet[Resource]:
    return qs.select_related("programme").prefetch_related(
        Prefetch("tags", queryset=ResourceTag.objects.order_by("facet", "value"))
    )


def published_resources(
    *, stage: str = "", kind: str = "", need: str = "", resource_kind: str = ""
) -> QuerySet[Resource]:
    qs = Resource.objects.published()
    for facet, value in ((Facet.STAGE, stage), (Facet.KIND, kind), (Facet.NEED, need)):
        if value:
            qs = qs.filter(pk__in=ResourceTag.objects.filter(facet=facet, value=value).values("resource_id"))
    if resource_kind:
        qs = qs.filter(kind=resource_kind)
    return _with_tags(qs).order_by("-published_at", "-pk")


def _visible_q(user) -> Q:
    q = Q(state="published")
    if user.is_authenticated:
        if user.is_superuser:
            return Q()
        q |= Q(programme__organisation_id__in=staff_organisation_ids(user))
    return q


def resource_for(user, pk: int, *, manage: bool = False) -> Resource:
    resource = _with_tags(Resource.objects.filter(_visible_q(user), pk=pk)).first()
    if resource is None:
        raise Http404
    if manage and not can_manage_resource(user, resource):
        raise PermissionDenied
    return resource


def programmes_run_by(user) -> QuerySet[Programme]:
    """The programmes whose resources the person writes and whose pipelines they change."""
    qs = Programme.objects.order_by("name", "pk")
    if not user.is_authenticated:
        return qs.none()
    return qs if user.is_superuser else qs.filter(organisation_id__in=staff_organisation_ids(user))


def programme_resources(programme: Programme) -> QuerySet[Resource]:
    """A programme's own resources, every state, with the number of programmes reusing each."""
    return (
        _with_tags(programme.library_resources.all())
        .annotate(reusers=Count("reuses__programme", distinct=True))
        .order_by("-updated_at", "-pk")
    )


def reuses_of(resource: Resource) -> QuerySet[Reuse]:
    """Where a resource is reused (for its author's staff): programme, stage, version."""
    return resource.reuses.select_related("programme", "stage", "stage__pipeline").order_by("-at", "-pk")


def reuse_stages(user, resource: Resource) -> QuerySet[PipelineStage]:
    """The stages a person may copy a checklist into: their programmes' live stages, other than
    the author programme's own."""
    return (
        PipelineStage.objects.filter(pipeline__programme__in=programmes_run_by(user), is_archived=False)
        .exclude(pipeline__programme_id=resource.programme_id)
        .select_related("pipeline", "pipeline__programme")
        .order_by("pipeline__programme__name", "pipeline__name", "position", "pk")
    )


def tag_values(resource: Resource, facet: str) -> list[str]:
    return [t.value for t in resource.tags.all() if t.facet == facet]
