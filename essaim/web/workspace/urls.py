from django.urls import path

from essaim.web.workspace import imports, inbox, me_views, programme_views, referral_views, views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("dispositifs/<slug:slug>/", views.board, name="board"),
    path("dispositifs/<slug:slug>/projets/nouveau/", views.project_create, name="project_create"),
    path("dispositifs/<slug:slug>/passerelles/", referral_views.referral_list, name="referral_list"),
    path("dispositifs/<slug:slug>/parcours/", programme_views.pipeline, name="pipeline"),
    path("dispositifs/<slug:slug>/parcours/creer/", programme_views.pipeline_create, name="pipeline_create"),
    path(
        "dispositifs/<slug:slug>/parcours/etapes/<int:stage_pk>/<str:action>/",
        programme_views.stage_edit,
        name="stage_edit",
    ),
    path("dispositifs/<slug:slug>/reglages/", programme_views.settings_edit, name="settings"),
    path("dispositifs/<slug:slug>/journal/", programme_views.audit_log, name="audit"),
    path("dispositifs/<slug:slug>/importer/", imports.import_start, name="import_start"),
    path(
        "dispositifs/<slug:slug>/importer/<int:pk>/colonnes/", imports.import_columns, name="import_columns"
    ),
    path(
        "dispositifs/<slug:slug>/importer/<int:pk>/verification/", imports.import_check, name="import_check"
    ),
    path("dispositifs/<slug:slug>/importer/<int:pk>/rapport/", imports.import_report, name="import_report"),
    path(
        "dispositifs/<slug:slug>/importer/modeles/<slug:kind>.<slug:fmt>",
        imports.import_template,
        name="import_template",
    ),
    path("projets/<int:pk>/", views.project_detail, name="project"),
    path("projets/<int:pk>/modifier/", views.project_edit, name="project_edit"),
    path("projets/<int:pk>/etape/", views.project_transition, name="project_transition"),
    path("projets/<int:pk>/livrables/", views.checklist_toggle, name="checklist_toggle"),
    path("projets/<int:pk>/rendez-vous/", views.meeting_create, name="meeting_create"),
    path("projets/<int:pk>/rendez-vous/<int:meeting_pk>/", views.meeting_edit, name="meeting_edit"),
    path(
        "projets/<int:pk>/rendez-vous/<int:meeting_pk>/supprimer/",
        views.meeting_delete,
        name="meeting_delete",
    ),
    path("projets/<int:pk>/experts/", views.mobilisation_create, name="mobilisation_create"),
    path(
        "projets/<int:pk>/experts/<int:mobilisation_pk>/heures/",
        views.mobilisation_hours,
        name="mobilisation_hours",
    ),
    path("projets/<int:pk>/suivis/<int:checkin_pk>/", views.checkin_validate, name="checkin"),
    path("projets/<int:pk>/passerelles/nouvelle/", referral_views.referral_create, name="referral_create"),
    path("passerelles/<int:pk>/", referral_views.referral_detail, name="referral"),
    path(
        "passerelles/<int:pk>/rendez-vous/", referral_views.referral_meeting_create, name="referral_meeting"
    ),
    path("passerelles/<int:pk>/<str:action>/", referral_views.referral_action, name="referral_action"),
    path("demandes/", inbox.inbox, name="contact_requests"),
    path("demandes/<int:pk>/", inbox.inbox_detail, name="contact_request"),
    path("demandes/<int:pk>/suivre/", inbox.inbox_take, name="contact_request_take"),
    path("demandes/<int:pk>/confier/", inbox.inbox_assign, name="contact_request_assign"),
    path("demandes/<int:pk>/projet/", inbox.inbox_turn_into_project, name="contact_request_project"),
    path("demandes/<int:pk>/etat/<str:action>/", inbox.inbox_move, name="contact_request_move"),
    path("experts/", me_views.expert_pool, name="expert_pool"),
    path("expertises/", me_views.expert_requests, name="expert_requests"),
    path("expertises/<int:pk>/repondre/", me_views.expert_respond, name="expert_respond"),
    path("mes-donnees/", me_views.data_export, name="data_export"),
    path("supprimer-mon-compte/", me_views.account_delete, name="account_delete"),
]
