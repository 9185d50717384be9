"""The personal data of the library: who created a resource, who reused one (staff accounts).

Export lists them; erasure (account deletion) removes the person from them. Resources and
reuses themselves belong to programmes.
"""

from essaim.library.models import Resource, Reuse


def export_for(*, user) -> dict:
    resources = Resource.objects.filter(created_by=user).order_by("created_at", "pk")
    reuses = Reuse.objects.filter(by=user).select_related("resource").order_by("at", "pk")
    return {
        "library_resources": [{"title": r.title, "created_at": r.created_at.isoformat()} for r in resources],
        "library_reuses": [
            {"resource": r.resource.title, "version": r.version, "at": r.at.isoformat()} for r in reuses
        ],
    }


def erase_for(*, user) -> int:
    return Resource.objects.filter(created_by=user).update(created_by=None) + Reuse.objects.filter(
        by=user
    ).update(by=None)
