"""Where a person lands after signing in, by role (an explicit, safe `next` wins: views.py).

In this order, for someone holding several roles:
1. staff of an organisation: the board of their programme when they run one, the list of their
   team's programmes when several, the reports when none (a funder's staff);
2. a local-authority or funder viewer: their territory's report (the list of reports when they
   have several territories);
3. an expert: the mobilisations asked of them;
4. a carrier: their space;
5. a platform admin: the administration site;
6. anyone else: "Mon compte" (where API tokens are).
"""

from django.urls import reverse

from essaim.accounts.models import TerritoryScope
from essaim.accounts.selectors import staff_organisation_ids
from essaim.directory.models import Programme


def _staff_landing(organisation_ids: list[int]) -> str:
    slugs = list(
        Programme.objects.filter(organisation_id__in=organisation_ids)
        .order_by("name")
        .values_list("slug", flat=True)[:2]
    )
    if len(slugs) == 1:
        return reverse("workspace:board", args=[slugs[0]])
    return reverse("workspace:home") if slugs else reverse("reports:index")


def landing_url(user) -> str:
    """The page a signed-in person starts from (at most three queries)."""
    organisation_ids = staff_organisation_ids(user)
    if organisation_ids:
        return _staff_landing(organisation_ids)
    scopes = list(
        TerritoryScope.objects.filter(user=user).order_by("level", "code").values_list("level", "code")[:2]
    )
    if len(scopes) == 1:
        level, code = scopes[0]
        return reverse("reports:territory", kwargs={"level": level, "code": code})
    if scopes:
        return reverse("reports:index")
    if user.is_expert:
        return reverse("workspace:expert_requests")
    if user.is_carrier:
        return reverse("workspace:home")
    if user.is_superuser:
        return reverse("admin:index")
    return reverse("web:account")
