"""What the flows produce, by territory, sector, programme or buyer (hidden under 5 outside the
platform team: `business.figures`)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from essaim.accounts.rules import is_platform_admin
from essaim.business import figures
from essaim.business.rules import can_read_figures
from essaim.core.errors import PermissionDenied
from essaim.web.business import forms


@require_GET
def figures_page(request):
    if not can_read_figures(request.user):
        raise PermissionDenied
    form = forms.FiguresForm(request.GET or None, groups=figures.GROUPS)
    by = form.cleaned_data["by"] if form.is_valid() and form.cleaned_data["by"] else "departement"
    inside = is_platform_admin(request.user)
    context = {
        "form": form,
        "by": by,
        "group_label": figures.GROUPS[by],
        "rows": figures.breakdown(by, inside=inside),
        "inside": inside,
    }
    return render(request, "web/business/figures.html", context, status=400 if form.errors else 200)
