"""The practice library's pages: the public library (published entries only, filters, pages, a
resource's page) and the staff's (their programmes' resources in every state, writing, moves,
reuse of a checklist into their pipeline). Resources come from
`essaim.library.selectors.resource_for`: another programme's draft is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.accompaniment.rules import can_set_up_programme
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.library import outcomes, rules, selectors, services
from essaim.library.enums import ResourceState, ReuseMode
from essaim.library.workflows import RESOURCE
from essaim.web.events.forms import add_service_errors
from essaim.web.library import forms

PER_PAGE = 20


def _attempt(form, action):
    try:
        return action()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _programmes(request):
    programmes = selectors.programmes_run_by(request.user)
    if not programmes.exists():
        raise PermissionDenied(_("La bibliothèque de l'équipe est celle des équipes des dispositifs."))
    return programmes


@login_not_required
@require_GET
def resource_list(request):
    form = forms.FilterForm(request.GET or None)
    resources = selectors.published_resources(**form.filters())
    page = Paginator(resources, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/library/list.html", {"form": form, "page": page})


@login_not_required
@require_GET
def resource_detail(request, pk: int):
    resource = selectors.resource_for(request.user, pk)
    manages = rules.can_manage_resource(request.user, resource)
    reuses = list(selectors.reuses_of(resource)) if manages else []
    context = {
        "resource": resource,
        "manages": manages,
        "reuses": reuses,
        "reusers": len({u.programme_id for u in reuses}),
        "compared": outcomes.compare(resource) if reuses else None,
        "moves": RESOURCE.available(resource, request.user),
        "edit_publishes": resource.state == ResourceState.PUBLISHED,
        "reusable": not manages
        and rules.can_reuse(request.user, resource)
        and selectors.programmes_run_by(request.user).exists(),
    }
    return render(request, "web/library/detail.html", context)


@require_GET
def mine(request):
    programmes = _programmes(request)
    groups = [(p, selectors.programme_resources(p)) for p in programmes]
    return render(request, "web/library/mine.html", {"groups": groups})


@require_http_methods(["GET", "POST"])
def resource_create(request):
    form = forms.NewResourceForm(request.POST or None, programmes=_programmes(request))
    if request.method == "POST" and form.is_valid():
        programme = form.cleaned_data["programme"]
        resource = _attempt(
            form, lambda: services.resource_create(programme=programme, by=request.user, **form.values())
        )
        if resource is not None:
            messages.success(request, _("Ressource créée en brouillon."))
            return redirect("library:detail", pk=resource.pk)
    return render(request, "web/library/form.html", {"form": form, "resource": None})


@require_http_methods(["GET", "POST"])
def resource_edit(request, pk: int):
    resource = selectors.resource_for(request.user, pk, manage=True)
    form = forms.ResourceForm(request.POST or None, initial=forms.ResourceForm.initial_for(resource))
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form, lambda: services.resource_update(resource=resource, by=request.user, **form.values())
        )
        if done is not None:
            messages.success(request, _("Ressource enregistrée."))
            return redirect("library:detail", pk=resource.pk)
    return render(request, "web/library/form.html", {"form": form, "resource": resource})


@require_POST
def resource_transition(request, pk: int):
    resource = selectors.resource_for(request.user, pk, manage=True)
    name = request.POST.get("action", "")
    if name not in RESOURCE.transitions:
        raise ValidationError(_("Action inconnue."))
    services.resource_transition(resource=resource, name=name, by=request.user)
    messages.success(request, _("C'est enregistré."))
    return redirect("library:detail", pk=resource.pk)


def _reuse(request, resource, data):
    """Run the chosen way of reuse; its message for the next page."""
    stage = data["stage"]
    if data["mode"] != ReuseMode.STAGE:
        services.resource_reuse(resource=resource, stage=stage, by=request.user)
        return _("Liste reprise dans l'étape « %(stage)s ».") % {"stage": stage.name}
    try:
        reuse = services.resource_reuse_as_stage(
            resource=resource,
            pipeline=stage.pipeline,
            after=stage,
            name=data["name"] or None,
            by=request.user,
        )
    except PermissionDenied as exc:
        raise ValidationError(
            {"mode": _("Seuls les administrateurs du dispositif ajoutent une étape à son parcours.")}
        ) from exc
    return _("Nouvelle étape « %(stage)s » ajoutée au parcours.") % {"stage": reuse.stage.name}


@require_http_methods(["GET", "POST"])
def resource_reuse(request, pk: int):
    resource = selectors.resource_for(request.user, pk)
    _programmes(request)
    if not rules.can_reuse(request.user, resource):
        raise PermissionDenied(_("Seule une liste de contrôle publiée peut être reprise."))
    form = forms.ReuseForm(request.POST or None, stages=selectors.reuse_stages(request.user, resource))
    if request.method == "POST" and form.is_valid():
        done = _attempt(form, lambda: _reuse(request, resource, form.cleaned_data))
        if done is not None:
            messages.success(request, done)
            programme = form.cleaned_data["stage"].pipeline.programme
            if not can_set_up_programme(request.user, programme):  # the pipeline page is the admins'
                return redirect("library:detail", pk=resource.pk)
            return redirect("workspace:pipeline", slug=programme.slug)
    return render(request, "web/library/reuse.html", {"form": form, "resource": resource})
