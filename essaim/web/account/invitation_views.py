"""Invitations to join a team: the admins' list (invite, revoke) and the invited person's page.

The team is fetched with `accounts.selectors.team_for` (404 outside it, 403 for members who are
not admins); an invitation through its team's queryset. The invited person's page is public: the
signed token in the link is the credential; what it offers depends on who follows it (signed in
with the invited address: accept; no account: create it and join; an account: sign in first).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from essaim.accounts import selectors, two_factor
from essaim.accounts.models import InvitationState, User
from essaim.accounts.services import invitations as services
from essaim.accounts.tokens import invitation_from_token
from essaim.accounts.workflows import INVITATION
from essaim.web.account.landing import landing_url
from essaim.web.account.middleware import redirect_to_step
from essaim.web.account.signup_forms import InvitationForm, InvitationSignupForm
from essaim.web.account.signup_views import sign_in
from essaim.web.workspace.views import form_errors

LISTED = 100  # the latest invitations shown


@require_http_methods(["GET", "POST"])
def team_invitations(request, slug: str):
    organisation = selectors.team_for(request.user, slug, manage=True)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=organisation, **form.cleaned_data, by=request.user
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email})
            return redirect("web:team_invitations", slug=organisation.slug)
    invitations = list(selectors.invitations_of(organisation)[:LISTED])
    rows = [(invitation, INVITATION.available(invitation, request.user)) for invitation in invitations]
    context = {"organisation": organisation, "form": form, "rows": rows, "listed": LISTED}
    return render(request, "web/account/invitations.html", context, status=400 if form.errors else 200)


@require_POST
def invitation_revoke(request, slug: str, pk: int):
    organisation = selectors.team_for(request.user, slug, manage=True)
    invitation = selectors.invitation_for(organisation, pk)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(
        request, _("L'invitation adressée à %(email)s est révoquée.") % {"email": invitation.email}
    )
    return redirect("web:team_invitations", slug=organisation.slug)


def _page(request, invitation, *, form=None, status: int = 200, **extra):
    context = {"invitation": invitation, "form": form, **extra}
    return render(request, "web/account/invitation_accept.html", context, status=status)


def _for_visitor(request, invitation):
    """Anonymous: sign in when the address has an account, otherwise create it here."""
    account = User.objects.filter(email__iexact=invitation.email).first()
    if account is not None and not account.awaiting_confirmation:
        login_url = f"{reverse('web:login')}?{urlencode({'next': request.path})}"
        return _page(
            request, invitation, has_account=True, login_url=login_url, inactive=not account.is_active
        )
    form = InvitationSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_signup(invitation=invitation, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request, _("Bienvenue dans l'équipe de %(name)s.") % {"name": invitation.organisation.name}
            )
            return sign_in(request, user)
    return _page(request, invitation, form=form, status=400 if form.errors else 200)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = invitation_from_token(token)
    if invitation is None:
        raise Http404(_("Ce lien d'invitation n'existe pas : vérifiez qu'il est complet."))
    if invitation.status != InvitationState.PENDING:
        return _page(request, invitation, unusable=True, status=410)
    if not request.user.is_authenticated:
        return _for_visitor(request, invitation)
    step = two_factor.state(request)
    if step != two_factor.OK:  # a public page, but accepting is an act of the signed-in person
        return redirect_to_step(step, request.path)
    if not INVITATION.may(invitation, "accept", request.user):
        return _page(request, invitation, other_account=True, status=403)
    if request.method == "POST":
        services.invitation_accept(invitation=invitation, by=request.user)
        messages.success(
            request, _("Bienvenue dans l'équipe de %(name)s.") % {"name": invitation.organisation.name}
        )
        return redirect(landing_url(request.user))
    return _page(request, invitation, may_accept=True)
