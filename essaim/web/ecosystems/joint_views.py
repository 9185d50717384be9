"""Joint projects of an ecosystem, under /espace/ecosystemes/<slug>/projets/: creation and
contributors (the leader's staff), the project's page (each contributor's staff see their own
part; the leader's and the lead programme's staff see every contribution)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.core.errors import ValidationError
from essaim.ecosystems import selectors, services
from essaim.ecosystems.rules import can_manage_ecosystem
from essaim.web.ecosystems import forms
from essaim.web.ecosystems.common import run
from essaim.web.events.forms import add_service_errors


@require_http_methods(["GET", "POST"])
def joint_create(request, slug: str):
    ecosystem = selectors.ecosystem_for(request.user, slug, manage=True)
    form = forms.JointProjectForm(request.POST or None, ecosystem=ecosystem, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            joint = services.joint_project_create(ecosystem=ecosystem, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Projet commun créé."))
            return redirect("ecosystems:joint", slug=ecosystem.slug, pk=joint.pk)
    context = {"ecosystem": ecosystem, "form": form}
    return render(request, "web/ecosystems/joint_form.html", context, status=400 if form.errors else 200)


@require_GET
def joint_detail(request, slug: str, pk: int):
    ecosystem = selectors.ecosystem_for(request.user, slug)
    view = selectors.joint_project_for(request.user, ecosystem, pk)
    manages = can_manage_ecosystem(request.user, ecosystem)
    context = {
        "ecosystem": ecosystem,
        "view": view,
        "manages": manages,
        "form": forms.ContributionForm(ecosystem=ecosystem) if manages else None,
    }
    return render(request, "web/ecosystems/joint.html", context)


@require_POST
def contribution_add(request, slug: str, pk: int):
    ecosystem = selectors.ecosystem_for(request.user, slug, manage=True)
    view = selectors.joint_project_for(request.user, ecosystem, pk)
    form = forms.ContributionForm(request.POST, ecosystem=ecosystem)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        run(
            request,
            lambda: services.contribution_add(joint_project=view.joint, by=request.user, **form.cleaned_data),
            _("Contribution ajoutée."),
        )
    return redirect("ecosystems:joint", slug=ecosystem.slug, pk=view.joint.pk)


@require_POST
def contribution_remove(request, slug: str, pk: int, contribution_pk: int):
    ecosystem = selectors.ecosystem_for(request.user, slug, manage=True)
    contribution = selectors.contribution_for(ecosystem, pk, contribution_pk)
    run(
        request,
        lambda: services.contribution_remove(contribution=contribution, by=request.user),
        _("Contribution retirée."),
    )
    return redirect("ecosystems:joint", slug=ecosystem.slug, pk=pk)
