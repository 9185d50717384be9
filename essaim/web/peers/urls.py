"""URLs of the help board, in the workspace: /espace/entraide/ (docs/peers.md)."""

from django.urls import path

from essaim.web.peers import circle_views, views

app_name = "peers"

urlpatterns = [
    path("espace/entraide/", views.post_list, name="list"),
    path("espace/entraide/nouveau/", views.post_create, name="create"),
    path("espace/entraide/pairs/", views.peer_suggestions, name="suggestions"),
    path("espace/entraide/pairs/visibilite/", views.peer_visibility, name="visibility"),
    path("espace/entraide/<int:pk>/", views.post_detail, name="detail"),
    path("espace/entraide/<int:pk>/repondre/", views.answer_create, name="answer"),
    path("espace/entraide/<int:pk>/signaler/", views.report_create, name="report"),
    path("espace/entraide/<int:pk>/moderation/", views.post_moderate, name="moderate"),
    path(
        "espace/entraide/<int:pk>/reponses/<int:answer_pk>/moderation/",
        views.answer_moderate,
        name="answer_moderate",
    ),
    path(
        "espace/entraide/<int:pk>/reponses/<int:answer_pk>/recommander/",
        views.answer_recommend,
        name="answer_recommend",
    ),
    path("espace/entraide/cercles/", circle_views.circle_list, name="circles"),
    path("espace/entraide/cercles/<int:pk>/", circle_views.circle_detail, name="circle"),
    path(
        "espace/entraide/cercles/<int:pk>/membres/", circle_views.circle_member_add, name="circle_member_add"
    ),
    path(
        "espace/entraide/cercles/<int:pk>/membres/<int:user_pk>/retirer/",
        circle_views.circle_member_remove,
        name="circle_member_remove",
    ),
    path(
        "espace/entraide/cercles/<int:pk>/rencontres/",
        circle_views.circle_meeting_record,
        name="circle_meeting",
    ),
    path(
        "espace/entraide/cercles/<int:pk>/rencontres/<int:meeting_pk>/supprimer/",
        circle_views.circle_meeting_delete,
        name="circle_meeting_delete",
    ),
    path("espace/entraide/mutualisation/", circle_views.pooled_list, name="pooled"),
    path("espace/entraide/mutualisation/<int:pk>/retirer/", circle_views.pooled_delete, name="pooled_delete"),
]
