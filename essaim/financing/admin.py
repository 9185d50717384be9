from django.contrib import admin

from essaim.financing.models import FinancingNeed, FinancingPlan, FinancingResource, Funder, FunderTerritory


class FunderTerritoryInline(admin.TabularInline):
    model = FunderTerritory
    extra = 1


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    inlines = [FunderTerritoryInline]


class NeedInline(admin.TabularInline):
    model = FinancingNeed
    extra = 0


class ResourceInline(admin.TabularInline):
    model = FinancingResource
    extra = 0
    autocomplete_fields = ["funder"]


@admin.register(FinancingPlan)
class FinancingPlanAdmin(admin.ModelAdmin):
    list_display = ["project", "updated_at"]
    raw_id_fields = ["project"]
    inlines = [NeedInline, ResourceInline]
