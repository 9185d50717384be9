"""Read-mostly admin for platform administrators; staff work in the workspace (/espace/)."""

from django.contrib import admin

from essaim.accompaniment.models import (
    Checkin,
    Expert,
    Meeting,
    PipelineStage,
    ProgrammePipeline,
    Project,
    Referral,
)


class StageInline(admin.TabularInline):
    model = PipelineStage
    extra = 0


@admin.register(ProgrammePipeline)
class ProgrammePipelineAdmin(admin.ModelAdmin):
    list_display = ["programme", "model", "name"]
    inlines = [StageInline]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "model", "stage", "status", "life_stage"]
    list_filter = ["model", "status", "life_stage"]
    search_fields = ["name"]
    raw_id_fields = ["commune", "carriers"]
    list_select_related = ["programme", "stage"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["project", "date", "kind", "duration_minutes"]
    raw_id_fields = ["project", "expert", "created_by"]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["user", "is_available", "availability"]
    raw_id_fields = ["user"]


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["project", "from_programme", "to_programme", "status"]
    raw_id_fields = ["project", "proposed_by"]


@admin.register(Checkin)
class CheckinAdmin(admin.ModelAdmin):
    """Validated check-ins are immutable: the admin only reads them."""

    list_display = ["project", "months_after", "status", "enterprise_status", "headcount", "fte"]

    def has_change_permission(self, request, obj=None):
        return False
