"""The recruitment needs of a check-in, under /espace/projets/<id>/suivis/<id>/besoins/: the staff
of the project's programme note the posts the enterprise plans to fill, by family of skills, and
remove one noted by mistake. The check-in comes through its project's scoped queryset
(`essaim.skills.selectors.checkin_needs_for`): another programme's project or check-in is a 404."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from essaim.core.errors import ValidationError
from essaim.skills import selectors, services
from essaim.skills.models import NOTE_MAX, POSTS_MAX
from essaim.skills.vocabulary import SkillFamily


class NeedForm(forms.Form):
    family = forms.ChoiceField(
        label=_("Famille de compétences"),
        choices=[("", "—"), *SkillFamily.choices],
        error_messages={"required": _("Choisissez une famille de compétences.")},
    )
    posts = forms.IntegerField(
        label=_("Nombre de postes"),
        min_value=1,
        max_value=POSTS_MAX,
        error_messages={
            "required": _("Indiquez le nombre de postes."),
            "invalid": _("Indiquez un nombre entier de postes."),
            "min_value": _("Indiquez au moins un poste."),
            "max_value": _("%(limit_value)s postes au plus."),
        },
    )
    note = forms.CharField(
        label=_("Précision (facultatif)"),
        required=False,
        max_length=NOTE_MAX,
        help_text=_("Par exemple : le métier, le contrat, l'échéance."),
    )


@require_http_methods(["GET", "POST"])
def checkin_needs(request, pk: int, checkin_pk: int):
    checkin, needs = selectors.checkin_needs_for(request.user, checkin_pk, project_pk=pk)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recruitment_need_add(checkin=checkin, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Besoin de recrutement enregistré."))
            return redirect("skills:checkin-needs", pk=pk, checkin_pk=checkin.pk)
    context = {"project": checkin.project, "checkin": checkin, "needs": needs, "form": form}
    return render(request, "web/skills/checkin_needs.html", context, status=400 if form.errors else 200)


@require_POST
def checkin_need_remove(request, pk: int, checkin_pk: int, need_pk: int):
    checkin, needs = selectors.checkin_needs_for(request.user, checkin_pk, project_pk=pk)
    need = get_object_or_404(needs, pk=need_pk)
    services.recruitment_need_remove(checkin=need.checkin, need=need, by=request.user)
    messages.success(request, _("Besoin de recrutement retiré."))
    return redirect("skills:checkin-needs", pk=pk, checkin_pk=checkin.pk)
