"""Registry work for the task worker. Tasks receive ids, never objects."""

from django_tasks import task

from essaim.core.actors import TASKS
from essaim.evidence.models import Enterprise
from essaim.registry import adapter, services


def refresh_enterprises(
    enterprise_ids: list[int], *, client: adapter.RechercheEntreprises | None = None
) -> dict:
    """Ask the API about each followed enterprise; returns counts (asked, found, conflicts, failed)."""
    client = client or adapter.configured_client()
    counts = {"asked": 0, "found": 0, "conflicts": 0, "failed": 0}
    if client is None:
        return counts
    for enterprise in (
        Enterprise.objects.filter(pk__in=enterprise_ids)
        .exclude(siret=None)
        .select_related("project")
        .order_by("pk")
    ):
        counts["asked"] += 1
        try:
            facts = client.facts(enterprise.siret)
        except adapter.RegistryUnavailable:
            counts["failed"] += 1
            continue
        if facts is None:
            continue
        counts["found"] += 1
        counts["conflicts"] += len(services.api_facts_record(by=TASKS, enterprise=enterprise, facts=facts))
    return counts


@task()
def refresh_from_api(enterprise_ids: list[int]) -> dict:
    """The API pass over these enterprises (nothing when the adapter is not configured)."""
    return refresh_enterprises(enterprise_ids)


@task()
def refresh_all_from_api() -> dict:
    """The API pass over every followed enterprise."""
    ids = list(Enterprise.objects.exclude(siret=None).values_list("pk", flat=True))
    return refresh_enterprises(ids)
