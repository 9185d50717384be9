"""`{% load conductor %}{% conductor_links as links %}`: the dashboards the signed-in person may
open (their local-authority territories, the ecosystems their organisation leads), as (label,
url) pairs, for the reports index and the ecosystem workspace."""

from django import template
from django.urls import reverse

from essaim.network.selectors import conductor_entries

register = template.Library()


@register.simple_tag(takes_context=True)
def conductor_links(context) -> list[tuple[str, str]]:
    request = context.get("request")
    if request is None:
        return []
    links = []
    for entry in conductor_entries(request.user):
        if entry.kind == "territory":
            url = reverse("network:territory_conductor", kwargs={"level": entry.level, "code": entry.code})
        else:
            url = reverse("network:ecosystem_conductor", kwargs={"slug": entry.slug})
        links.append((entry.label, url))
    return links
