"""Pages of the peer circles and of the register of pooled resources, under /espace/entraide/
(docs/peers.md). Circles come from `selectors.circle_for` (another programme's circle is a 404),
their meetings through the circle; pooled resources from `selectors.pooled_resource_for`."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.core.errors import PermissionDenied
from essaim.directory.models import Programme
from essaim.peers import community, rules, selectors, services
from essaim.web.peers import circle_forms as forms
from essaim.web.peers.views import _attempt


def _programmes_run(user):
    if user.is_superuser:
        return Programme.objects.order_by("name", "pk")
    return Programme.objects.filter(pk__in=community.boards_of(user).staffed_programmes).order_by(
        "name", "pk"
    )


@require_http_methods(["GET", "POST"])
def circle_list(request):
    programmes = _programmes_run(request.user)
    form = forms.CircleForm(request.POST or None, programmes=programmes)
    if request.method == "POST":
        if not programmes.exists():
            raise PermissionDenied(_("Les cercles sont créés par les équipes des dispositifs."))
        if form.is_valid():
            data = form.cleaned_data
            circle = _attempt(form, lambda: services.circle_create(by=request.user, **data))
            if circle is not None:
                messages.success(request, _("Cercle créé : ajoutez-y ses membres."))
                return redirect("peers:circle", pk=circle.pk)
    context = {
        "circles": selectors.circles_for(request.user),
        "form": form,
        "may_create": programmes.exists(),
    }
    return render(request, "web/peers/circles.html", context, status=400 if form.errors else 200)


def _circle_page(request, circle, *, member_form=None, meeting_form=None, status=200):
    runs = rules.can_run_circle(request.user, circle)
    members = circle.members.order_by("full_name", "pk")
    context = {
        "circle": circle,
        "runs": runs,
        "meetings": selectors.circle_meetings(circle),
        "member_form": member_form or forms.MemberForm(candidates=selectors.circle_candidates(circle)),
        "meeting_form": meeting_form or forms.MeetingForm(members=members),
    }
    return render(request, "web/peers/circle.html", context, status=status)


@require_GET
def circle_detail(request, pk: int):
    return _circle_page(request, selectors.circle_for(request.user, pk))


@require_POST
def circle_member_add(request, pk: int):
    circle = selectors.circle_for(request.user, pk, manage=True)
    form = forms.MemberForm(request.POST, candidates=selectors.circle_candidates(circle))
    if form.is_valid():
        member = form.cleaned_data["member"]
        if _attempt(form, lambda: services.circle_member_add(circle=circle, by=request.user, member=member)):
            messages.success(request, _("Membre ajouté."))
            return redirect("peers:circle", pk=circle.pk)
    return _circle_page(request, circle, member_form=form, status=400)


@require_POST
def circle_member_remove(request, pk: int, user_pk: int):
    circle = selectors.circle_for(request.user, pk, manage=True)
    member = next((m for m in circle.members.all() if m.pk == user_pk), None)
    if member is None:
        raise Http404
    services.circle_member_remove(circle=circle, by=request.user, member=member)
    messages.success(request, _("Membre retiré du cercle."))
    return redirect("peers:circle", pk=circle.pk)


@require_POST
def circle_meeting_record(request, pk: int):
    circle = selectors.circle_for(request.user, pk, manage=True)
    form = forms.MeetingForm(request.POST, members=circle.members.all())
    if form.is_valid():
        data = {**form.cleaned_data, "attendees": list(form.cleaned_data["attendees"])}
        if _attempt(form, lambda: services.circle_meeting_record(circle=circle, by=request.user, **data)):
            messages.success(
                request, _("Rencontre enregistrée ; elle compte dans l'accompagnement des projets.")
            )
            return redirect("peers:circle", pk=circle.pk)
    return _circle_page(request, circle, meeting_form=form, status=400)


@require_POST
def circle_meeting_delete(request, pk: int, meeting_pk: int):
    circle = selectors.circle_for(request.user, pk, manage=True)
    meeting = selectors.circle_meeting_for(circle, meeting_pk)
    services.circle_meeting_delete(circle=circle, meeting=meeting, by=request.user)
    messages.success(request, _("Rencontre supprimée."))
    return redirect("peers:circle", pk=circle.pk)


@require_http_methods(["GET", "POST"])
def pooled_list(request):
    registers = selectors.registers_for(request.user)
    form = forms.PooledForm(request.POST or None, registers=registers)
    if request.method == "POST" and form.is_valid():
        done = _attempt(form, lambda: services.pooled_create(by=request.user, **form.values()))
        if done is not None:
            messages.success(request, _("Ressource ajoutée au registre."))
            return redirect("peers:pooled")
    resources = list(selectors.pooled_for(request.user))
    removable = {r.pk for r in resources if rules.can_remove_pooled(request.user, r)}
    context = {"resources": resources, "removable": removable, "form": form, "registers": registers}
    return render(request, "web/peers/pooled.html", context, status=400 if form.errors else 200)


@require_POST
def pooled_delete(request, pk: int):
    resource = selectors.pooled_resource_for(request.user, pk)
    services.pooled_delete(resource=resource, by=request.user)
    messages.success(request, _("Ressource retirée du registre."))
    return redirect("peers:pooled")
