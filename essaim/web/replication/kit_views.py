"""The replication workspace, under /espace/essaimage/: the models one may read, a model's kit
with its lineage (table and tree) and its outcomes beside its copies', the kit's writing, its
states, and the replication candidates of a territory. Kits come from
`essaim.replication.selectors.kit_for`: a draft of another organisation is a 404."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.core.errors import PermissionDenied, ValidationError
from essaim.replication import content as kit_content
from essaim.replication import geography, outcomes, selectors, services
from essaim.replication.candidates import replication_candidates
from essaim.replication.enums import Section
from essaim.replication.rules import can_browse_kits, can_manage_kit, can_replicate
from essaim.replication.workflows import KIT
from essaim.web.replication import forms
from essaim.web.replication.common import attempt


def _browse(request) -> None:
    if not can_browse_kits(request.user):
        raise PermissionDenied


@require_GET
def kit_list(request):
    _browse(request)
    kits = selectors.kits_for(request.user).annotate(copies=Count("replicas"))
    return render(request, "web/replication/kit_list.html", {"kits": kits})


@require_http_methods(["GET", "POST"])
def kit_create(request):
    _browse(request)
    projects, programmes = selectors.modelled_subjects(request.user)
    form = forms.NewKitForm(request.POST or None, projects=projects, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kit = attempt(
            form,
            lambda: services.kit_create(
                by=request.user,
                name=data["name"],
                texts=form.texts(),
                need_terms=data["need_terms"],
                life_stages=data["life_stages"],
                **form.subject_kwargs(),
            ),
        )
        if kit is not None:
            messages.success(request, _("Kit créé en brouillon."))
            return redirect("replication:kit", pk=kit.pk)
    return render(request, "web/replication/kit_form.html", {"form": form, "kit": None})


@require_GET
def kit_detail(request, pk: int):
    kit = selectors.kit_for(request.user, pk)
    version = selectors.current_version(kit)
    nodes = selectors.lineage(kit)
    width, height = selectors.tree_size(nodes)
    rows = outcomes.compare(nodes, version.content, request.user)
    context = {
        "kit": kit,
        "version": version,
        "sections": [(s.label, kit_content.lines(version.content, s.value)) for s in Section],
        "nodes": nodes,
        "tree": {"width": width, "height": height},
        "map": geography.lineage_map(nodes),
        "rows": rows,
        "indicator_names": list(rows[0].figures.indicators),
        "moves": KIT.available(kit, request.user),
        "manages": can_manage_kit(request.user, kit),
        "replicates": can_replicate(request.user, kit),
    }
    return render(request, "web/replication/kit_detail.html", context)


@require_http_methods(["GET", "POST"])
def kit_edit(request, pk: int):
    kit = selectors.kit_for(request.user, pk, manage=True)
    initial = forms.KitForm.initial_for(kit, selectors.current_version(kit).content)
    form = forms.EditKitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(
            form,
            lambda: services.kit_update(
                kit=kit,
                by=request.user,
                name=data["name"],
                texts=form.texts(),
                need_terms=data["need_terms"],
                life_stages=data["life_stages"],
                note=data["note"],
            ),
        )
        if done is not None:
            messages.success(request, _("Kit enregistré."))
            return redirect("replication:kit", pk=kit.pk)
    return render(request, "web/replication/kit_form.html", {"form": form, "kit": kit})


@require_POST
def kit_transition(request, pk: int):
    kit = selectors.kit_for(request.user, pk)
    name = request.POST.get("action", "")
    if name not in KIT.transitions:
        raise ValidationError(_("Action inconnue."))
    services.kit_transition(kit=kit, name=name, by=request.user)
    messages.success(request, _("C'est enregistré."))
    return redirect("replication:kit", pk=kit.pk)


@require_GET
def candidates(request):
    _browse(request)
    form = forms.TerritoryForm(request.GET or None)
    found = replication_candidates(form.cleaned_data["territoire"]) if form.is_valid() else None
    return render(request, "web/replication/candidates.html", {"form": form, "candidates": found})
