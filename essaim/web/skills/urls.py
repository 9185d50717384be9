"""URLs of territorial skills planning: the balance under /espace/competences/, the recruitment
needs of a check-in under the project's check-in (/espace/projets/<id>/suivis/<id>/besoins/)."""

from django.urls import path

from essaim.web.skills import needs, views

app_name = "skills"

urlpatterns = [
    path("espace/competences/", views.balance, name="balance"),
    path(
        "espace/projets/<int:pk>/suivis/<int:checkin_pk>/besoins/", needs.checkin_needs, name="checkin-needs"
    ),
    path(
        "espace/projets/<int:pk>/suivis/<int:checkin_pk>/besoins/<int:need_pk>/retirer/",
        needs.checkin_need_remove,
        name="checkin-need-remove",
    ),
]
