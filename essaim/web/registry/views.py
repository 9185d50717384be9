"""Registry pages for staff, under /espace/registre/: the conflicts between what their programmes
declare and what the registry says (to settle), each followed enterprise's registry status and
ESS bases with their source and date, survival from registry dates beside the declared one, and
the baseline of a territory. Another programme's enterprise or conflict is a 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.core.errors import PermissionDenied, ValidationError
from essaim.evidence.curves import REFERENCE_SOURCE, REFERENCES
from essaim.registry import rules, selectors, services, survival
from essaim.registry.workflows import CONFLICT
from essaim.web.registry.forms import BaselineForm, EssForm, ResolveForm


def _rows(conflicts, user) -> list[dict]:
    return [
        {"conflict": c, "words": selectors.conflict_words(c), "moves": CONFLICT.available(c, user)}
        for c in conflicts
    ]


@require_GET
def home(request):
    if not (request.user.is_superuser or rules.is_any_staff(request.user)):
        raise PermissionDenied(_("Réservé aux équipes des dispositifs."))
    conflicts = selectors.conflicts_for(request.user)
    followed = selectors.followed_enterprises(request.user)
    registry, declared = survival.followed(followed, inside=False), survival.declared(followed, inside=False)
    context = {
        "open": _rows(conflicts.open().order_by("detected_at", "pk"), request.user),
        "settled": _rows(conflicts.exclude(state="open").order_by("-resolved_at", "-pk")[:50], request.user),
        "curves": [
            (_("Selon le registre"), registry, survival.milestones(registry)),
            (_("Selon les points de suivi"), declared, survival.milestones(declared)),
        ],
        "milestones": survival.MILESTONES,
        "form": ResolveForm(),
    }
    return render(request, "web/registry/home.html", context)


@require_GET
def enterprise(request, pk):
    enterprise = selectors.enterprise_for(request.user, pk)
    registry = selectors.registry_of(enterprise)
    context = {
        "enterprise": enterprise,
        **registry,
        "conflicts": _rows(registry["conflicts"], request.user),
        "form": ResolveForm(),
        "ess_form": EssForm(),
    }
    return render(request, "web/registry/enterprise.html", context)


@require_POST
def resolve(request, pk):
    conflict = selectors.conflict_for(request.user, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    services.conflict_resolve(
        by=request.user,
        conflict=conflict,
        transition=form.cleaned_data["transition"],
        note=form.cleaned_data["note"],
    )
    messages.success(request, _("Écart tranché."))
    return redirect("registry:enterprise", pk=conflict.enterprise_id)


@require_POST
def ess_declare(request, pk):
    enterprise = selectors.enterprise_for(request.user, pk)
    form = EssForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    services.ess_declare(by=request.user, enterprise=enterprise, **form.service_fields())
    messages.success(request, _("Statut ESS enregistré."))
    return redirect("registry:enterprise", pk=enterprise.pk)


@require_GET
def baseline(request):
    if not rules.can_view_baseline(request.user):
        raise PermissionDenied(_("Réservé aux équipes des dispositifs et aux observateurs d'un territoire."))
    form = BaselineForm(request.GET or None, territories=selectors.baseline_territories())
    context = {
        "form": form,
        "milestones": survival.MILESTONES,
        "references": REFERENCES,
        "source": REFERENCE_SOURCE,
    }
    if form.is_valid():
        query = form.query()
        reference = survival.baseline(**query)
        accompanied = survival.followed(
            survival.followed_in(selectors.followed_enterprises(request.user), **query), inside=False
        )
        context["curves"] = [
            (_("Tous les établissements créés"), reference, survival.milestones(reference)),
            (
                _("Entreprises accompagnées par vos dispositifs"),
                accompanied,
                survival.milestones(accompanied),
            ),
        ]
        context["query"] = query
    return render(request, "web/registry/baseline.html", context, status=400 if form.errors else 200)
