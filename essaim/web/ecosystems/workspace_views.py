"""The ecosystem workspace, under /espace/ecosystemes/: the ecosystems one takes part in, the
invitations of one's organisations, an ecosystem's members (directory with contacts, invite,
remove), its members' events and its joint projects. Ecosystems come from
`essaim.ecosystems.selectors.ecosystem_for`: one the user takes no part in is a 404."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.core.errors import ValidationError
from essaim.ecosystems import selectors, services
from essaim.ecosystems.rules import can_manage_ecosystem
from essaim.ecosystems.workflows import MEMBERSHIP
from essaim.events.selectors import public_events
from essaim.web.ecosystems import forms
from essaim.web.ecosystems.common import run
from essaim.web.events.forms import add_service_errors

EVENTS_SHOWN = 10
LEADER_MOVES = ("withdraw", "remove")
MEMBER_MOVES = ("accept", "decline", "leave")


@require_GET
def home(request):
    context = {
        "ecosystems": selectors.workspace_ecosystems(request.user),
        "invitations": selectors.pending_invitations(request.user),
    }
    return render(request, "web/ecosystems/workspace_home.html", context)


@require_GET
def invitations(request):
    memberships = selectors.my_memberships(request.user)
    rows = [(m, MEMBERSHIP.available(m, request.user)) for m in memberships]
    return render(request, "web/ecosystems/invitations.html", {"rows": rows})


@require_POST
def invitation_answer(request, pk: int):
    membership = selectors.invitation_for(request.user, pk)
    action = request.POST.get("action", "")
    if action not in MEMBER_MOVES:
        raise ValidationError(_("Action inconnue."))
    run(
        request,
        lambda: services.membership_transition(
            membership=membership, action=action, by=request.user, comment=request.POST.get("comment", "")
        ),
        _("C'est enregistré."),
    )
    return redirect("ecosystems:invitations")


@require_POST
def membership_contact(request, pk: int):
    membership = selectors.invitation_for(request.user, pk)
    form = forms.ContactForm(request.POST, organisation=membership.organisation)
    if not form.is_valid():
        messages.error(request, _("Choisissez une personne de l'équipe."))
    else:
        contact = form.cleaned_data["contact"]
        run(
            request,
            lambda: services.membership_contact_set(membership=membership, contact=contact, by=request.user),
            _("Personne à contacter enregistrée."),
        )
    return redirect("ecosystems:invitations")


@require_GET
def workspace(request, slug: str):
    ecosystem = selectors.ecosystem_for(request.user, slug)
    manages = can_manage_ecosystem(request.user, ecosystem)
    programme_ids = list(ecosystem.members.values_list("pk", flat=True))
    events = public_events().filter(Q(programme_id__in=programme_ids) | Q(ecosystem=ecosystem))
    memberships = selectors.open_memberships(ecosystem) if manages else []
    context = {
        "ecosystem": ecosystem,
        "manages": manages,
        "directory": selectors.member_directory(ecosystem),
        "memberships": [(m, MEMBERSHIP.available(m, request.user)) for m in memberships],
        "joints": selectors.joint_projects_for(request.user, ecosystem),
        "events": list(events.order_by("starts_at", "pk")[:EVENTS_SHOWN]),
    }
    return render(request, "web/ecosystems/workspace.html", context)


@require_http_methods(["GET", "POST"])
def invite(request, slug: str):
    ecosystem = selectors.ecosystem_for(request.user, slug, manage=True)
    form = forms.InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.membership_invite(
                ecosystem=ecosystem,
                organisation=organisation,
                role=form.cleaned_data["role"],
                programmes=organisation.programmes.public(),
                message=form.cleaned_data["message"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Invitation envoyée à %(name)s.") % {"name": organisation.name})
            return redirect("ecosystems:workspace", slug=ecosystem.slug)
    context = {"ecosystem": ecosystem, "form": form}
    return render(request, "web/ecosystems/invite.html", context, status=400 if form.errors else 200)


@require_POST
def membership_transition(request, slug: str, pk: int):
    ecosystem = selectors.ecosystem_for(request.user, slug, manage=True)
    membership = selectors.membership_for(ecosystem, pk)
    action = request.POST.get("action", "")
    if action not in LEADER_MOVES:
        raise ValidationError(_("Action inconnue."))
    run(
        request,
        lambda: services.membership_transition(membership=membership, action=action, by=request.user),
        _("C'est enregistré."),
    )
    return redirect("ecosystems:workspace", slug=ecosystem.slug)


@require_POST
def member_remove(request, slug: str, organisation_pk: int):
    ecosystem = selectors.ecosystem_for(request.user, slug, manage=True)
    row = next(
        (r for r in selectors.member_directory(ecosystem) if r.organisation.pk == organisation_pk), None
    )
    if row is None:
        raise Http404(_("Membre introuvable."))
    run(
        request,
        lambda: services.member_remove(ecosystem=ecosystem, organisation=row.organisation, by=request.user),
        _("%(name)s ne fait plus partie de l'écosystème.") % {"name": row.organisation.name},
    )
    return redirect("ecosystems:workspace", slug=ecosystem.slug)
