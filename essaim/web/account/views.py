"""Login, logout and the account page."""

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def account(request):
    return render(request, "web/home.html")
