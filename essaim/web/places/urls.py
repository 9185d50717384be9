"""URLs of shared places: booking pages under /lieux/, staff pages under /espace/lieux/."""

from django.urls import path

from essaim.web.places import staff_domiciliations as dom
from essaim.web.places import staff_members as members
from essaim.web.places import staff_reports as report
from essaim.web.places import staff_resources as resources
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
    path("espace/lieux/<int:place>/ressources/nouvelle/", resources.resource_new, name="staff_resource_new"),
    path("espace/lieux/ressources/<int:pk>/modifier/", resources.resource_edit, name="staff_resource_edit"),
    path("espace/lieux/<int:place>/membres/", members.members, name="staff_members"),
    path("espace/lieux/<int:place>/membres/<int:pk>/", members.member_edit, name="staff_member"),
    path("espace/lieux/<int:place>/droits/", members.entitlements, name="staff_entitlements"),
    path(
        "espace/lieux/<int:place>/droits/<int:pk>/retirer/",
        members.entitlement_end,
        name="staff_entitlement_end",
    ),
    path("espace/lieux/<int:place>/domiciliations/", dom.domiciliations, name="staff_domiciliations"),
    path(
        "espace/lieux/<int:place>/domiciliations/<int:pk>/",
        dom.domiciliation_detail,
        name="staff_domiciliation",
    ),
    path(
        "espace/lieux/<int:place>/domiciliations/<int:pk>/courrier/",
        dom.mail_receive,
        name="staff_mail_receive",
    ),
    path(
        "espace/lieux/<int:place>/domiciliations/<int:pk>/courrier/<int:mail_pk>/remis/",
        dom.mail_hand_over,
        name="staff_mail_hand_over",
    ),
    path(
        "espace/lieux/<int:place>/domiciliations/<int:pk>/fin/",
        dom.domiciliation_end,
        name="staff_domiciliation_end",
    ),
    path("espace/lieux/<int:place>/rapport/", report.report, name="staff_report"),
]
