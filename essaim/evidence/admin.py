from django.contrib import admin

from essaim.evidence.models import Enterprise, Indicator, ProgrammeBudget, ProgrammeIndicator, ReportFile


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "direction", "source"]
    list_filter = ["kind", "direction"]
    search_fields = ["name", "slug"]


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "siret", "project"]
    search_fields = ["name", "siret"]
    raw_id_fields = ["project"]


@admin.register(ProgrammeBudget)
class ProgrammeBudgetAdmin(admin.ModelAdmin):
    list_display = ["programme", "year", "amount"]
    raw_id_fields = ["programme"]


@admin.register(ProgrammeIndicator)
class ProgrammeIndicatorAdmin(admin.ModelAdmin):
    list_display = ["programme", "indicator"]
    raw_id_fields = ["programme"]


@admin.register(ReportFile)
class ReportFileAdmin(admin.ModelAdmin):
    list_display = ["scope", "format", "status", "progress", "user", "created_at"]
    readonly_fields = ["status", "progress", "error", "finished_at"]
