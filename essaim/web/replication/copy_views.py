"""Copies of a model: replicating a published kit into another territory, a copy's page (what
differs from the kit's current version) and taking the kit's change. Copies come from
`essaim.replication.selectors.replica_for`: seen by their programme's staff and the kit's
owners, managed by their programme's staff only."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.core.errors import PermissionDenied
from essaim.replication import content as kit_content
from essaim.replication import selectors, services
from essaim.replication.enums import Subject
from essaim.replication.rules import can_replicate, can_run_replica
from essaim.web.replication import forms
from essaim.web.replication.common import attempt


def _copy_form(request, kit):
    replicas = kit.replicas.order_by("created_at", "pk")
    if kit.subject == Subject.PROJECT:
        return forms.ProjectCopyForm(
            request.POST or None, programmes=selectors.target_programmes(request.user), replicas=replicas
        )
    return forms.ProgrammeCopyForm(
        request.POST or None, organisations=selectors.founding_organisations(request.user), replicas=replicas
    )


@require_http_methods(["GET", "POST"])
def replica_create(request, pk: int):
    kit = selectors.kit_for(request.user, pk)
    if not can_replicate(request.user, kit):
        raise PermissionDenied
    form = _copy_form(request, kit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        replica = attempt(
            form,
            lambda: services.replica_create(
                kit=kit,
                by=request.user,
                name=data["name"],
                commune=data.get("commune"),
                programme=data.get("programme"),
                organisation=data.get("organisation"),
                territory=data.get("territory", ""),
                parent=data.get("parent"),
            ),
        )
        if replica is not None:
            messages.success(request, _("Le modèle est essaimé."))
            return redirect("replication:replica", pk=replica.pk)
    return render(request, "web/replication/replicate.html", {"kit": kit, "form": form})


@require_GET
def replica_detail(request, pk: int):
    replica = selectors.replica_for(request.user, pk)
    current = selectors.current_version(replica.kit)
    context = {
        "replica": replica,
        "kit": replica.kit,
        "current": current,
        "drift": kit_content.drift(replica.content, current.content),
        "runs": can_run_replica(request.user, replica),
    }
    return render(request, "web/replication/replica_detail.html", context)


@require_POST
def replica_take(request, pk: int):
    replica = selectors.replica_for(request.user, pk, manage=True)
    services.replica_take_version(replica=replica, by=request.user)
    messages.success(request, _("La copie suit maintenant la version courante du modèle."))
    return redirect("replication:replica", pk=replica.pk)
