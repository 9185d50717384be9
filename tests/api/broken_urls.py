"""A URL configuration with an endpoint that fails, to test the JSON 500 (test_errors.py)."""

from django.urls import path

from essaim.api import errors
from essaim.api.main import EssaimAPI

broken_api = EssaimAPI(urls_namespace="api-broken", docs_url=None)
errors.install(broken_api)


@broken_api.get("/boom")
def boom(request):
    raise RuntimeError("panne simulée")


urlpatterns = [path("broken/", broken_api.urls)]
