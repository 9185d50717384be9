"""The one personal datum of ecosystems: a member organisation's contact person (a staff account).

Export lists the ecosystems where the person is named as their organisation's contact; erasure
(account deletion) removes them as contact. Everything else here is about organisations.
"""

from essaim.ecosystems.models import EcosystemMembership


def export_for(*, user) -> dict:
    rows = (
        EcosystemMembership.objects.filter(contact=user)
        .select_related("ecosystem", "organisation")
        .order_by("ecosystem__name", "pk")
    )
    return {
        "ecosystem_contacts": [
            {"ecosystem": m.ecosystem.name, "organisation": m.organisation.name, "state": m.state}
            for m in rows
        ]
    }


def erase_for(*, user) -> int:
    return EcosystemMembership.objects.filter(contact=user).update(contact=None)
