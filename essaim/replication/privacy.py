"""The personal data of replication: who wrote a kit version, who made a copy (staff accounts).

Export lists them; erasure (account deletion) removes the person from them. The kits and copies
themselves belong to programmes.
"""

from essaim.replication.models import KitVersion, Replica


def export_for(*, user) -> dict:
    versions = (
        KitVersion.objects.filter(created_by=user).select_related("kit").order_by("kit__name", "number")
    )
    replicas = Replica.objects.filter(created_by=user).select_related("kit").order_by("created_at", "pk")
    return {
        "kit_versions": [{"kit": v.kit.name, "version": v.number, "note": v.note} for v in versions],
        "replicas": [{"kit": r.kit.name, "territory": f"{r.level}:{r.code}"} for r in replicas],
    }


def erase_for(*, user) -> int:
    return KitVersion.objects.filter(created_by=user).update(created_by=None) + Replica.objects.filter(
        created_by=user
    ).update(created_by=None)
