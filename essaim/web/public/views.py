"""Public pages: home, directory, programme, sources."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def home(request):
    return render(request, "web/home.html")


@login_not_required
@require_GET
def directory(request):
    return render(request, "web/home.html")


@login_not_required
@require_GET
def sources(request):
    return render(request, "web/home.html")
