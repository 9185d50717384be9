"""Scoped fetches for the workspace views: 404 for what the user may not see, 403 for what
they may see but not change. Scoping is the querysets' `visible_to`, never a template's."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from essaim.accompaniment.models import Project, Referral
from essaim.accompaniment.selectors import programmes_managed_by
from essaim.accounts import rules as perms


def get_programme(request, slug: str, *, admin: bool = False):
    programme = get_object_or_404(programmes_managed_by(request.user), slug=slug)
    if admin and not perms.is_programme_admin(request.user, programme):
        raise PermissionDenied
    return programme


def get_project(request, pk: int, *, manage: bool = False) -> Project:
    qs = Project.objects.visible_to(request.user).select_related(
        "programme__organisation", "stage__pipeline", "commune"
    )
    project = get_object_or_404(qs, pk=pk)
    if manage and not perms.can_manage_project(request.user, project):
        raise PermissionDenied
    return project


def get_referral(request, pk: int) -> Referral:
    qs = Referral.objects.visible_to(request.user).select_related(
        "project__stage", "project__commune", "from_programme__organisation", "to_programme__organisation"
    )
    return get_object_or_404(qs, pk=pk)
