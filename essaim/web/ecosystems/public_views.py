"""Public pages of ecosystems, under /ecosystemes/: the list and each ecosystem's page."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from essaim.ecosystems import selectors
from essaim.ecosystems.overview import overview


@login_not_required
@require_GET
def ecosystem_list(request):
    return render(request, "web/ecosystems/list.html", {"ecosystems": selectors.public_ecosystems()})


@login_not_required
@require_GET
def ecosystem_detail(request, slug: str):
    ecosystem = selectors.public_ecosystem(slug)
    return render(
        request, "web/ecosystems/detail.html", {"page": overview(ecosystem), "ecosystem": ecosystem}
    )
