from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView, LogoutView
from django.urls import path

from essaim.web.account import views as account_views
from essaim.web.public import views as public_views

app_name = "web"

urlpatterns = [
    path("", public_views.home, name="home"),
    path("annuaire/", public_views.directory, name="directory"),
    path("sources/", public_views.sources, name="sources"),
    path("compte/connexion/", login_not_required(LoginView.as_view()), name="login"),
    path("compte/deconnexion/", LogoutView.as_view(), name="logout"),
    path("compte/", account_views.account, name="account"),
]
