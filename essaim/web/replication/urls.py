"""URLs of replication ("essaimage"), under /espace/essaimage/."""

from django.urls import path

from essaim.web.replication import copy_views as copies
from essaim.web.replication import kit_views as kits

app_name = "replication"

urlpatterns = [
    path("espace/essaimage/", kits.kit_list, name="kits"),
    path("espace/essaimage/nouveau/", kits.kit_create, name="kit_create"),
    path("espace/essaimage/candidats/", kits.candidates, name="candidates"),
    path("espace/essaimage/<int:pk>/", kits.kit_detail, name="kit"),
    path("espace/essaimage/<int:pk>/modifier/", kits.kit_edit, name="kit_edit"),
    path("espace/essaimage/<int:pk>/transition/", kits.kit_transition, name="kit_transition"),
    path("espace/essaimage/<int:pk>/essaimer/", copies.replica_create, name="replicate"),
    path("espace/essaimage/copies/<int:pk>/", copies.replica_detail, name="replica"),
    path("espace/essaimage/copies/<int:pk>/mettre-a-jour/", copies.replica_take, name="replica_take"),
]
