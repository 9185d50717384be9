"""Workspace URLs of calls for projects and of the project generator, under /espace/appels/."""

from django.urls import path

from essaim.web.workspace.calls import application_views as app
from essaim.web.workspace.calls import generator_views as gen
from essaim.web.workspace.calls import views

app_name = "calls"

urlpatterns = [
    path("", views.index, name="index"),
    path("nouveau/", views.call_create, name="call_create"),
    path("<int:pk>/", views.call_detail, name="call"),
    path("<int:pk>/modifier/", views.call_edit, name="call_edit"),
    path("<int:pk>/criteres/", views.criterion_add, name="criterion_add"),
    path("<int:pk>/questions/", views.question_add, name="question_add"),
    path("<int:pk>/<str:kind>/<int:item_pk>/supprimer/", views.item_remove, name="item_remove"),
    path("<int:pk>/transition/", views.call_transition, name="call_transition"),
    path("<int:pk>/comite/", views.committee, name="committee"),
    path("instruction/<int:pk>/", app.instruction, name="instruction"),
    path("instruction/<int:pk>/evaluateurs/", app.review_assign, name="review_assign"),
    path("instruction/<int:pk>/decision/", app.decide, name="decide"),
    path("candidatures/<int:pk>/", app.application_edit, name="application"),
    path("candidatures/<int:pk>/retirer/", app.application_withdraw, name="application_withdraw"),
    path("evaluations/<int:pk>/", app.review, name="review"),
    path("evaluations/<int:pk>/conflit/", app.review_conflict, name="review_conflict"),
    path("besoins/", gen.need_list, name="needs"),
    path("besoins/nouveau/", gen.need_create, name="need_create"),
    path("besoins/<int:pk>/", gen.need_detail, name="need"),
    path("besoins/<int:pk>/transition/", gen.need_transition, name="need_transition"),
    path("offres/", gen.offer_list, name="offers"),
    path("offres/nouvelle/", gen.offer_create, name="offer_create"),
    path("offres/<int:pk>/", gen.offer_detail, name="offer"),
    path("offres/<int:pk>/modifier/", gen.offer_edit, name="offer_edit"),
    path("offres/<int:pk>/transition/", gen.offer_transition, name="offer_transition"),
    path("candidats/<int:pk>/", gen.candidacy_detail, name="candidacy"),
    path("candidats/<int:pk>/transition/", gen.candidacy_transition, name="candidacy_transition"),
    path("postulations/<int:pk>/", gen.my_candidacy, name="my_candidacy"),
    path("postulations/<int:pk>/retirer/", gen.my_candidacy_withdraw, name="my_candidacy_withdraw"),
]
