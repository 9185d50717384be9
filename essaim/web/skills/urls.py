"""URLs of territorial skills planning, under /espace/competences/."""

from django.urls import path

from essaim.web.skills import views

app_name = "skills"

urlpatterns = [path("espace/competences/", views.balance, name="balance")]
