"""URLs of trade fairs: staff pages under /espace/salons/, participants' under /salons/."""

from django.urls import path

from essaim.web.fairs import participant_views as mine
from essaim.web.fairs import staff_views as staff

app_name = "fairs"

urlpatterns = [
    path("salons/", mine.my_fairs, name="mine"),
    path("salons/<int:pk>/participations/<int:participant_pk>/", mine.participation, name="participation"),
    path(
        "salons/<int:pk>/participations/<int:participant_pk>/demandes/", mine.request_add, name="request_add"
    ),
    path("salons/<int:pk>/participations/<int:participant_pk>/fiche.pdf", mine.sheet, name="sheet"),
    path(
        "salons/<int:pk>/demandes/<int:request_pk>/retirer/", mine.request_withdraw, name="request_withdraw"
    ),
    path("salons/<int:pk>/rendez-vous/<int:meeting_pk>/etat/", mine.meeting_move, name="meeting_move"),
    path(
        "salons/<int:pk>/rendez-vous/<int:meeting_pk>/suite/",
        mine.meeting_follow_up,
        name="meeting_follow_up",
    ),
    path("espace/salons/", staff.fair_list, name="staff_list"),
    path("espace/salons/<int:pk>/", staff.fair_manage, name="manage"),
    path("espace/salons/<int:pk>/participants/", staff.participant_add, name="participant_add"),
    path(
        "espace/salons/<int:pk>/participants/<int:participant_pk>/supprimer/",
        staff.participant_remove,
        name="participant_remove",
    ),
    path(
        "espace/salons/<int:pk>/participants/<int:participant_pk>/acheteur/",
        staff.participant_link_buyer,
        name="participant_link_buyer",
    ),
    path("espace/salons/<int:pk>/creneaux/", staff.slot_add, name="slot_add"),
    path("espace/salons/<int:pk>/creneaux/<int:slot_pk>/supprimer/", staff.slot_remove, name="slot_remove"),
    path("espace/salons/<int:pk>/demandes/", staff.requests_page, name="requests"),
    path("espace/salons/<int:pk>/planning/", staff.grid, name="grid"),
    path("espace/salons/<int:pk>/planning/construire/", staff.schedule_run, name="schedule_run"),
]
