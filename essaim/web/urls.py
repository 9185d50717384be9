from django.contrib.auth.views import LogoutView
from django.urls import path

from essaim.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("compte/deconnexion/", LogoutView.as_view(), name="logout"),
]
