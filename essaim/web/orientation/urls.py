from django.urls import path

from essaim.web.orientation import views

app_name = "orientation"

urlpatterns = [
    path("orientation/", views.wizard, name="wizard"),
    path("orientation/resultats/", views.results, name="results"),
    path("orientation/contact/<slug:slug>/", views.contact, name="contact"),
    path("orientation/coordonnees/", views.contact_alternatives, name="contact_alternatives"),
    path("orientation/demandes/", views.contact_requests, name="requests"),
    path("territoires/", views.overview, name="overview"),
    path("territoires/couverture.csv", views.coverage_csv, name="coverage_csv"),
    path("territoires/<str:level>/<str:code>/", views.territory, name="territory"),
]
