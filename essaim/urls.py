from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from essaim.api.main import api
from essaim.core.views import ping

urlpatterns = [
    path("ping", ping, name="ping"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("api/v1/", api.urls),
    # The public pages a carrier sees come first: each "" include below is walked in order, and
    # resolving the results page behind eleven of them cost ~0.2 ms a request (issue 15). No
    # pattern of these two overlaps one of the others (tests/web/test_urls.py).
    path("", include("essaim.web.orientation.urls")),
    path("", include("essaim.web.urls")),
    path("rapports/", include("essaim.web.reports.urls", namespace="reports")),
    path("espace/appels/", include("essaim.web.workspace.calls.urls")),
    path("", include("essaim.web.workspace.calls.public_urls")),
    path("", include("essaim.web.events.urls")),
    path("", include("essaim.web.fairs.urls")),
    path("", include("essaim.web.places.urls")),
    path("", include("essaim.web.registry.urls")),
    path("", include("essaim.web.network.urls")),
    path("", include("essaim.web.ecosystems.urls")),
    path("", include("essaim.web.replication.urls")),
    path("", include("essaim.web.skills.urls")),
    path("", include("essaim.web.business.urls")),
    path("", include("essaim.web.library.urls")),
    path("", include("essaim.web.peers.urls")),
    path("espace/", include("essaim.web.workspace.urls", namespace="workspace")),
]
