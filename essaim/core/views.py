from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def ping(request):
    """Liveness probe for load balancers, and the minimal Django view benchmarks compare with."""
    return HttpResponse("ok", content_type="text/plain")
