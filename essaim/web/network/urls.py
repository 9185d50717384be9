"""URLs of the referral network and the conductor's dashboard: a territory's under
/espace/territoires/<level>/<code>/, an ecosystem's under /espace/ecosystemes/<slug>/."""

from django.urls import path

from essaim.web.network import views

app_name = "network"

PREFIXES = [
    ("territory", "espace/territoires/<slug:level>/<str:code>/"),
    ("ecosystem", "espace/ecosystemes/<slug:slug>/"),
]

urlpatterns = []
for kind, prefix in PREFIXES:
    urlpatterns += [
        path(f"{prefix}pilotage/", views.conductor, name=f"{kind}_conductor"),
        path(f"{prefix}pilotage/diagnostic.pdf", views.diagnostic, name=f"{kind}_diagnostic"),
        path(f"{prefix}reseau/", views.network_page, name=f"{kind}_network"),
        path(f"{prefix}reseau.csv", views.network_csv, name=f"{kind}_network_csv"),
    ]
