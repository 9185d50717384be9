"""Views and endpoints that raise the service error pair, to test its one mapping (test_middleware.py)."""

from django.core.exceptions import ValidationError
from django.urls import include, path

from essaim.api import errors
from essaim.api.main import EssaimAPI
from essaim.core.errors import PermissionDenied, TransitionNotAllowed

refusing_api = EssaimAPI(urls_namespace="api-refusing", docs_url=None)
errors.install(refusing_api)


def refused_view(request):
    raise TransitionNotAllowed("Le plan de financement n'est pas bouclé.")


def forbidden_view(request):
    raise PermissionDenied("Pas pour vous.")


@refusing_api.get("/refused")
def refused_endpoint(request):
    raise ValidationError({"amount": "Montant trop grand.", "date": "Date absurde."})


@refusing_api.get("/refused-state")
def refused_state(request):
    raise TransitionNotAllowed("Action impossible dans cet état.")


@refusing_api.get("/forbidden")
def forbidden_endpoint(request):
    raise PermissionDenied("Pas pour vous.")


urlpatterns = [
    path("refused/", refused_view),
    path("forbidden/", forbidden_view),
    path("api/", refusing_api.urls),
    path("", include("essaim.urls")),
]
