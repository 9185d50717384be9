"""URLs of shared places: booking pages under /lieux/, staff pages under /espace/lieux/."""

from django.urls import path

from essaim.web.places import staff_views as staff
from essaim.web.places import views

app_name = "places"

urlpatterns = [
    path("lieux/", views.resource_list, name="list"),
    path("lieux/ressources/<int:pk>/", views.resource_detail, name="resource"),
    path("lieux/ressources/<int:pk>/reserver/", views.book, name="book"),
    path("lieux/mes-reservations/", views.my_bookings, name="mine"),
    path("lieux/reservations/<int:pk>/annuler/", views.cancel, name="cancel"),
    path("espace/lieux/", staff.staff_list, name="staff_list"),
    path("espace/lieux/ressources/<int:pk>/reservations/", staff.staff_bookings, name="staff_bookings"),
    path(
        "espace/lieux/ressources/<int:pk>/reservations/<int:booking_pk>/annuler/",
        staff.staff_cancel,
        name="staff_cancel",
    ),
]
