"""URLs of events: public pages under /evenements/, staff pages under /espace/evenements/."""

from django.urls import path

from essaim.web.events import link_views as link
from essaim.web.events import public_views as public
from essaim.web.events import staff_views as staff

app_name = "events"

urlpatterns = [
    path("evenements/", public.event_list, name="list"),
    path("evenements/<int:pk>/", public.event_detail, name="event"),
    path("evenements/<int:pk>/inscription/", public.register, name="register"),
    path("evenements/mes-inscriptions/", public.my_registrations, name="mine"),
    path("evenements/dispositifs/<slug:slug>/calendrier.ics", public.programme_feed, name="programme_feed"),
    path("evenements/ecosystemes/<slug:slug>/calendrier.ics", public.ecosystem_feed, name="ecosystem_feed"),
    path("evenements/calendrier/<str:token>.ics", public.person_feed, name="person_feed"),
    path("evenements/confirmer/<str:token>/", link.confirm, name="confirm"),
    path("evenements/inscription/<str:token>/", link.registration_page, name="registration"),
    path("evenements/inscription/<str:token>/annuler/", link.cancel, name="cancel"),
    path("evenements/inscription/<str:token>/accepter/", link.accept, name="accept"),
    path("evenements/inscription/<str:token>/refuser/", link.decline, name="decline"),
    path("evenements/inscription/<str:token>/avis/", link.feedback, name="feedback"),
    path("evenements/inscription/<str:token>/attestation.pdf", link.certificate, name="certificate"),
    path("espace/evenements/", staff.staff_list, name="staff_list"),
    path("espace/evenements/nouveau/", staff.event_create, name="create"),
    path("espace/evenements/<int:pk>/", staff.event_manage, name="manage"),
    path("espace/evenements/<int:pk>/modifier/", staff.event_edit, name="edit"),
    path("espace/evenements/<int:pk>/transition/", staff.event_transition, name="transition"),
    path("espace/evenements/<int:pk>/seances/", staff.session_add, name="session_add"),
    path(
        "espace/evenements/<int:pk>/seances/<int:session_pk>/supprimer/",
        staff.session_remove,
        name="session_remove",
    ),
    path("espace/evenements/<int:pk>/presences/", staff.attendance, name="attendance"),
    path(
        "espace/evenements/<int:pk>/presences/<int:registration_pk>/",
        staff.attendance_mark,
        name="attendance_mark",
    ),
    path(
        "espace/evenements/<int:pk>/inscriptions/<int:registration_pk>/annuler/",
        staff.registration_cancel,
        name="staff_cancel",
    ),
    path(
        "espace/evenements/<int:pk>/inscriptions/<int:registration_pk>/attestation.pdf",
        staff.staff_certificate,
        name="staff_certificate",
    ),
    path("espace/evenements/pointage/<str:token>/", staff.checkin, name="checkin"),
]
