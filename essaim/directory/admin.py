"""Organisations, programmes (with their zone of intervention) and ecosystems in the admin.

Validation lives in the models (SIREN/SIRET/RNA validators, ZoneItem.clean against the
referential); the admin shows their French messages next to the field.
"""

import contextlib

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from essaim.directory.models import Ecosystem, Organisation, Programme, ZoneItem
from essaim.directory.selectors import zone_check
from essaim.directory.validators import clean_digits
from essaim.territories.models import NATIONAL_CODE, Level
from essaim.territories.selectors import TerritoryNotFound, resolve_commune


class OrganisationForm(forms.ModelForm):
    """Identifiers may be typed with spaces or dots ("732 829 320"); they are stored as digits."""

    siren = forms.CharField(label=_("SIREN"), max_length=20, required=False, help_text=_("9 chiffres"))
    siret = forms.CharField(label=_("SIRET"), max_length=25, required=False, help_text=_("14 chiffres"))

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "legal_form",
            "year_created",
            "initiator",
            "initiator_detail",
            "siren",
            "siret",
            "rna",
            "website",
            "email",
            "phone",
            "address",
            "commune",
        ]

    def clean_siren(self):
        return clean_digits(self.cleaned_data["siren"])

    def clean_siret(self):
        return clean_digits(self.cleaned_data["siret"])


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "legal_form", "siren", "year_created", "initiator", "is_synthetic"]
    list_filter = ["legal_form", "initiator", "is_synthetic"]
    search_fields = ["name", "slug", "siren", "siret", "rna"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["commune"]
    readonly_fields = ["is_synthetic"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["name", "slug", "legal_form", "year_created", "initiator", "initiator_detail"]}),
        (_("Identifiants"), {"fields": ["siren", "siret", "rna"]}),
        (_("Contact"), {"fields": ["website", "email", "phone", "address", "commune"]}),
        (_("Origine des données"), {"fields": ["is_synthetic"]}),
    ]


class ZoneItemForm(forms.ModelForm):
    """Codes are normalised before the model checks them against the referential: upper case
    (Corsica's 2A/2B), an arrondissement's code becomes its commune's, national needs no code."""

    class Meta:
        model = ZoneItem
        fields = ["level", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Code INSEE (commune, département, région) ou SIREN (EPCI)")

    def clean(self):
        data = super().clean()
        level, code = data.get("level"), (data.get("code") or "").strip().upper()
        if level == Level.NATIONAL:
            code = code or NATIONAL_CODE
        elif level == Level.COMMUNE and code:
            # An unknown code is reported by ZoneItem.clean, like every other unknown territory.
            with contextlib.suppress(TerritoryNotFound):
                code = resolve_commune(code).code
        if level and not code:
            self.add_error("code", _("Indiquez le code du territoire."))
        data["code"] = code
        return data

    def _post_clean(self):
        # Without a code there is nothing for the model to check against the referential.
        if self.has_error("code"):
            return
        super()._post_clean()


class ZoneItemInline(admin.TabularInline):
    model = ZoneItem
    form = ZoneItemForm
    extra = 1
    fields = ["level", "code"]
    verbose_name = _("territoire d'intervention")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "model", "is_published", "is_synthetic", "updated_on"]
    list_filter = ["kind", "model", "is_published", "is_synthetic"]
    list_select_related = ["organisation"]
    search_fields = ["name", "slug", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
    readonly_fields = ["is_synthetic"]
    inlines = [ZoneItemInline]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["organisation", "name", "slug", "summary", "description", "is_published"]}),
        (
            _("Positionnement"),
            {"fields": ["kind", "model", "stages", "activities", "needs", "publics", "beneficiaries"]},
        ),
        (_("Accompagnement"), {"fields": ["duration", "rhythm", "zone_description"]}),
        (
            _("Modèle économique"),
            {
                "fields": [
                    "share_public_funding",
                    "share_service_sales",
                    "share_member_contributions",
                    "share_private_funding",
                    "economic_model_notes",
                ]
            },
        ),
        (_("Contact"), {"fields": ["contact_email", "website"]}),
        (_("Origine des données"), {"fields": ["source", "licence", "updated_on", "is_synthetic"]}),
    ]


class EcosystemForm(forms.ModelForm):
    class Meta:
        model = Ecosystem
        fields = [
            "name",
            "slug",
            "model",
            "description",
            "leader",
            "leader_role",
            "territory_refs",
            "territory_description",
            "members",
            "source",
        ]

    def clean_territory_refs(self):
        refs = self.cleaned_data.get("territory_refs") or []
        if not isinstance(refs, list) or not all(isinstance(ref, str) for ref in refs):
            raise ValidationError(_('Donnez une liste de « niveau:code », par exemple ["departement:26"].'))
        zone_check(refs)  # ValidationError naming the unknown territories
        return refs


@admin.register(Ecosystem)
class EcosystemAdmin(admin.ModelAdmin):
    form = EcosystemForm
    list_display = ["name", "model", "leader", "leader_role"]
    list_filter = ["model"]
    list_select_related = ["leader"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["leader", "members"]
