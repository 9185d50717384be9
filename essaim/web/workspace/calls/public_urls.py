"""Public URLs: open calls for projects (/appels/) and job offers (/offres/)."""

from django.urls import path

from essaim.web.workspace.calls import public_views as views

app_name = "calls_public"

urlpatterns = [
    path("appels/", views.call_list, name="calls"),
    path("appels/<int:pk>/", views.call_detail, name="call"),
    path("appels/<int:pk>/candidater/", views.call_apply, name="call_apply"),
    path("offres/", views.offer_list, name="offers"),
    path("offres/<int:pk>/", views.offer_detail, name="offer"),
]
