"""The COG referential in the admin: read-only (it is loaded from data), searchable by name or code."""

from django.contrib import admin

from essaim.core.text import normalise
from essaim.territories.models import Commune, CommuneAlias, Departement, Epci, PostalCode, Region


class ReferentialAdmin(admin.ModelAdmin):
    """View-only: the referential comes from `manage.py load_territories`, edits would be overwritten."""

    search_fields = ["code", "name_norm"]
    search_help_text = "Nom (sans tenir compte des accents) ou code INSEE / SIREN"
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        # Names are matched on the stored normalised column, so "ile de fr" finds Île-de-France.
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(code__iexact=term) | queryset.filter(
            name_norm__contains=normalise(term)
        ), False


@admin.register(Region)
class RegionAdmin(ReferentialAdmin):
    list_display = ["code", "name", "population", "chef_lieu"]
    exclude = ["name_norm"]


@admin.register(Departement)
class DepartementAdmin(ReferentialAdmin):
    list_display = ["code", "name", "region", "population"]
    list_select_related = ["region"]
    list_filter = ["region"]
    exclude = ["name_norm"]


@admin.register(Epci)
class EpciAdmin(ReferentialAdmin):
    list_display = ["code", "name", "kind", "population"]
    list_filter = ["kind"]
    exclude = ["name_norm"]


class PostalCodeInline(admin.TabularInline):
    model = PostalCode
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CommuneAliasInline(PostalCodeInline):
    model = CommuneAlias
    fields = ["code", "name", "kind"]
    fk_name = "commune"


@admin.register(Commune)
class CommuneAdmin(ReferentialAdmin):
    list_display = ["code", "name", "departement", "epci", "population"]
    ordering = ["-population", "code"]  # the commune one looks for is usually the larger one
    list_select_related = ["departement", "epci"]
    list_filter = ["region"]
    exclude = ["name_norm"]
    inlines = [PostalCodeInline, CommuneAliasInline]
