"""URLs of the registry pages, under /espace/registre/."""

from django.urls import path

from essaim.web.registry import views

app_name = "registry"

urlpatterns = [
    path("espace/registre/", views.home, name="home"),
    path("espace/registre/reference/", views.baseline, name="baseline"),
    path("espace/registre/entreprises/<int:pk>/", views.enterprise, name="enterprise"),
    path("espace/registre/entreprises/<int:pk>/ess/", views.ess_declare, name="ess_declare"),
    path("espace/registre/ecarts/<int:pk>/trancher/", views.resolve, name="resolve"),
]
