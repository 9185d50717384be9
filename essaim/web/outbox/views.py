"""The demo's "Courriels envoyés": what the demo would have e-mailed, for platform admins.

Exists only when settings.DEMO is on (404 otherwise); the demo's e-mail backend
(essaim/outbox/backends.py) fills it.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from essaim.accounts import rules as perms
from essaim.outbox.selectors import sent_emails

PER_PAGE = 50


def _check(request) -> None:
    if not settings.DEMO:
        raise Http404
    if not perms.is_platform_admin(request.user):
        raise PermissionDenied


@require_GET
def email_list(request):
    _check(request)
    page = Paginator(sent_emails(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/outbox/list.html", {"page": page})


@require_GET
def email_detail(request, pk: int):
    _check(request)
    email = get_object_or_404(sent_emails(), pk=pk)
    return render(request, "web/outbox/detail.html", {"email": email})
