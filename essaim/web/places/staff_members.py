"""Staff pages of a place's members (resident or member, monthly room allowance, dates) and of
the entitlements programmes grant their accompanied projects (a desk or room credits)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from essaim.core.errors import ValidationError
from essaim.places import selectors, services
from essaim.places.models import ResourceKind
from essaim.web.places.staff_forms import EntitlementForm, MembershipForm, add_service_errors


def _save_membership(request, place, form) -> bool:
    try:
        services.membership_set(programme=place, by=request.user, **form.service_fields())
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, _("Membre enregistré : %(name)s.") % {"name": form.cleaned_data["user"]})
    return True


@require_http_methods(["GET", "POST"])
def members(request, place):
    place = selectors.place_for(request.user, place)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_membership(request, place, form):
        return redirect("places:staff_members", place=place.pk)
    context = {"place": place, "form": form, "memberships": selectors.place_memberships(place)}
    return render(request, "web/places/staff_members.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def member_edit(request, place, pk):
    membership = selectors.place_membership_for(request.user, pk, place_pk=place)
    initial = {
        "email": membership.user.email,
        "kind": membership.kind,
        "allowance_hours": None
        if membership.monthly_allowance_minutes is None
        else membership.monthly_allowance_minutes // 60,
        "starts_on": membership.starts_on,
        "ends_on": membership.ends_on,
    }
    form = MembershipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_membership(request, membership.programme, form):
        return redirect("places:staff_members", place=membership.programme.pk)
    context = {"place": membership.programme, "form": form, "membership": membership}
    return render(request, "web/places/member_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def entitlements(request, place):
    place = selectors.place_for(request.user, place)
    desks = place.resources.filter(kind=ResourceKind.DESK).order_by("name")
    projects = selectors.grantable_projects(request.user, place)
    form = EntitlementForm(request.POST or None, projects=projects, desks=desks)
    if request.method == "POST" and form.is_valid():
        try:
            services.entitlement_grant(place=place, by=request.user, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Droit accordé."))
            return redirect("places:staff_entitlements", place=place.pk)
    context = {"place": place, "form": form, "entitlements": selectors.place_entitlements(place)}
    return render(request, "web/places/staff_entitlements.html", context, status=400 if form.errors else 200)


@require_POST
def entitlement_end(request, place, pk):
    entitlement = selectors.entitlement_for(request.user, pk, place_pk=place)
    services.entitlement_end(entitlement=entitlement, by=request.user)
    messages.success(request, _("Droit retiré à partir d'aujourd'hui."))
    return redirect("places:staff_entitlements", place=place)
