"""URLs of the practice library: the public library under /bibliotheque/, the staff's under
/espace/bibliotheque/."""

from django.urls import path

from essaim.web.library import views

app_name = "library"

urlpatterns = [
    path("bibliotheque/", views.resource_list, name="list"),
    path("bibliotheque/<int:pk>/", views.resource_detail, name="detail"),
    path("espace/bibliotheque/", views.mine, name="mine"),
    path("espace/bibliotheque/nouvelle/", views.resource_create, name="create"),
    path("espace/bibliotheque/<int:pk>/modifier/", views.resource_edit, name="edit"),
    path("espace/bibliotheque/<int:pk>/transition/", views.resource_transition, name="transition"),
    path("espace/bibliotheque/<int:pk>/reprendre/", views.resource_reuse, name="reuse"),
]
