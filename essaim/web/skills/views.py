"""The skills balance of a territory, under /espace/competences/: demand against supply by family
for a year, the gap and its trend, as a page, CSV or XLSX (`?format=csv|xlsx`). Read through
`essaim.skills.selectors.skills_balance` (who reads what: docs/skills.md)."""

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from essaim.core.errors import PermissionDenied
from essaim.skills import exports, selectors
from essaim.skills.rules import can_read_skills
from essaim.territories.resolver import split_ref
from essaim.web.replication.forms import TerritoryField


class BalanceForm(forms.Form):
    territoire = TerritoryField(label=_("Territoire"), required=True)
    annee = forms.IntegerField(label=_("Année"), min_value=2000, max_value=2100, required=False)
    format = forms.ChoiceField(choices=[("", ""), ("csv", "CSV"), ("xlsx", "XLSX")], required=False)


@require_GET
def balance(request):
    if not can_read_skills(request.user):
        raise PermissionDenied
    form = BalanceForm(request.GET or None)
    reading, year = None, timezone.localdate().year
    if form.is_valid():
        year = form.cleaned_data["annee"] or year
        level, code = split_ref(form.cleaned_data["territoire"])
        reading = selectors.skills_balance(request.user, level, code, year)
        name = f"competences-{level}-{code}-{year}"
        if form.cleaned_data["format"] == "csv":
            return exports.csv_response(reading.lines, name)
        if form.cleaned_data["format"] == "xlsx":
            return exports.xlsx_response(reading.lines, name)
    return render(request, "web/skills/balance.html", {"form": form, "reading": reading, "year": year})
