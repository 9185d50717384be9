"""URLs of the business flows: the suppliers' search under /affaires/, the rest under /espace/affaires/."""

from django.urls import path

from essaim.web.business import figures_views, offer_views, request_views, supplier_views

app_name = "business"

urlpatterns = [
    path("affaires/fournisseurs/", offer_views.offer_search, name="offers"),
    path("affaires/fournisseurs/<int:pk>/", offer_views.offer_detail, name="offer"),
    path("espace/affaires/offres/", offer_views.offer_mine, name="offer_mine"),
    path("espace/affaires/offres/nouvelle/", offer_views.offer_create, name="offer_create"),
    path("espace/affaires/offres/<int:pk>/modifier/", offer_views.offer_edit, name="offer_edit"),
    path("espace/affaires/offres/<int:pk>/labels/", offer_views.label_add, name="label_add"),
    path(
        "espace/affaires/offres/<int:pk>/labels/<slug:kind>/retirer/",
        offer_views.label_remove,
        name="label_remove",
    ),
    path("espace/affaires/acheteurs/nouveau/", request_views.buyer_create, name="buyer_create"),
    path("espace/affaires/demandes/", request_views.request_list, name="requests"),
    path("espace/affaires/demandes/nouvelle/", request_views.request_create, name="request_create"),
    path("espace/affaires/demandes/<int:pk>/", request_views.request_detail, name="request"),
    path(
        "espace/affaires/demandes/<int:pk>/action/",
        request_views.request_transition,
        name="request_transition",
    ),
    path(
        "espace/affaires/demandes/<int:pk>/envoi-suivant/",
        request_views.request_next_batch,
        name="next_batch",
    ),
    path("espace/affaires/demandes/<int:pk>/suite/", request_views.survey, name="survey"),
    path("espace/affaires/opportunites/", supplier_views.inbox, name="inbox"),
    path("espace/affaires/opportunites/<int:pk>/", supplier_views.routing_detail, name="routing"),
    path(
        "espace/affaires/opportunites/<int:pk>/action/",
        supplier_views.routing_transition,
        name="routing_transition",
    ),
    path("espace/affaires/opportunites/<int:pk>/repondre/", supplier_views.respond, name="respond"),
    path("espace/affaires/chiffres/", figures_views.figures_page, name="figures"),
]
