"""URLs of ecosystems: public pages under /ecosystemes/, the workspace under /espace/ecosystemes/."""

from django.urls import path

from essaim.web.ecosystems import joint_views as joint
from essaim.web.ecosystems import public_views as public
from essaim.web.ecosystems import workspace_views as workspace

app_name = "ecosystems"

urlpatterns = [
    path("ecosystemes/", public.ecosystem_list, name="list"),
    path("ecosystemes/<slug:slug>/", public.ecosystem_detail, name="detail"),
    path("espace/ecosystemes/", workspace.home, name="home"),
    path("espace/ecosystemes/invitations/", workspace.invitations, name="invitations"),
    path(
        "espace/ecosystemes/invitations/<int:pk>/repondre/",
        workspace.invitation_answer,
        name="invitation_answer",
    ),
    path(
        "espace/ecosystemes/invitations/<int:pk>/contact/",
        workspace.membership_contact,
        name="membership_contact",
    ),
    path("espace/ecosystemes/<slug:slug>/", workspace.workspace, name="workspace"),
    path("espace/ecosystemes/<slug:slug>/inviter/", workspace.invite, name="invite"),
    path(
        "espace/ecosystemes/<slug:slug>/invitations/<int:pk>/transition/",
        workspace.membership_transition,
        name="membership_transition",
    ),
    path(
        "espace/ecosystemes/<slug:slug>/membres/<int:organisation_pk>/retirer/",
        workspace.member_remove,
        name="member_remove",
    ),
    path("espace/ecosystemes/<slug:slug>/projets/nouveau/", joint.joint_create, name="joint_create"),
    path("espace/ecosystemes/<slug:slug>/projets/<int:pk>/", joint.joint_detail, name="joint"),
    path(
        "espace/ecosystemes/<slug:slug>/projets/<int:pk>/contributions/",
        joint.contribution_add,
        name="contribution_add",
    ),
    path(
        "espace/ecosystemes/<slug:slug>/projets/<int:pk>/contributions/<int:contribution_pk>/retirer/",
        joint.contribution_remove,
        name="contribution_remove",
    ),
]
