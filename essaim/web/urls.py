from django.urls import path

from essaim.web.account import invitation_views, signup_views, two_factor_views
from essaim.web.account import password_views as passwords
from essaim.web.account import views as account_views
from essaim.web.outbox import views as outbox_views
from essaim.web.public import pages
from essaim.web.public import views as public_views

app_name = "web"

urlpatterns = [
    path("", public_views.home, name="home"),
    path("annuaire/", public_views.directory, name="directory"),
    path("dispositifs/<slug:slug>/", public_views.programme_detail, name="programme"),
    path("territoires/suggestions", public_views.territory_suggestions, name="territory_suggestions"),
    path("sources/", public_views.sources, name="sources"),
    path("mentions-legales/", pages.about, name="about"),
    path("donnees-personnelles/", pages.privacy, name="privacy"),
    path("accessibilite/", pages.accessibility, name="accessibility"),
    path("plan-du-site/", pages.sitemap, name="sitemap"),
    path("glossaire/", pages.glossary, name="glossary"),
    path("demo/courriels/", outbox_views.email_list, name="sent_emails"),
    path("demo/courriels/<int:pk>/", outbox_views.email_detail, name="sent_email"),
    path("compte/connexion/", account_views.EmailLoginView.as_view(), name="login"),
    path("compte/deconnexion/", account_views.logout_view, name="logout"),
    path("compte/", account_views.account, name="account"),
    path("compte/jetons/", account_views.token_create, name="token_create"),
    path("compte/jetons/<int:token_id>/revoquer/", account_views.token_revoke, name="token_revoke"),
    path("compte/double-authentification/", two_factor_views.overview, name="two_factor"),
    path("compte/double-authentification/activer/", two_factor_views.start, name="two_factor_start"),
    path("compte/double-authentification/configurer/", two_factor_views.setup, name="two_factor_setup"),
    path("compte/double-authentification/codes/", two_factor_views.codes_renew, name="two_factor_codes"),
    path("compte/double-authentification/retirer/", two_factor_views.disable, name="two_factor_disable"),
    path("compte/verification/", two_factor_views.verify, name="two_factor_verify"),
    path("compte/inscription/", signup_views.signup, name="signup"),
    path("compte/inscription/envoyee/", signup_views.signup_done, name="signup_done"),
    path("compte/confirmer/<uidb64>/<token>/", signup_views.signup_confirm, name="signup_confirm"),
    path("compte/mot-de-passe/oublie/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path(
        "compte/mot-de-passe/envoye/", passwords.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "compte/mot-de-passe/nouveau/<uidb64>/<token>/",
        passwords.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "compte/mot-de-passe/change/",
        passwords.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("compte/mot-de-passe/", passwords.PasswordChangeView.as_view(), name="password_change"),
    path(
        "compte/equipes/<slug:slug>/invitations/", invitation_views.team_invitations, name="team_invitations"
    ),
    path(
        "compte/equipes/<slug:slug>/invitations/<int:pk>/revoquer/",
        invitation_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("compte/invitation/<str:token>/", invitation_views.invitation_accept, name="invitation_accept"),
]
