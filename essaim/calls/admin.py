"""Calls, applications and the generator side in the admin, for platform administrators.

States are read-only here: they change only through the services (checked, logged in the
activity log, where the moves are read)."""

from django.contrib import admin

from essaim.calls.models import (
    Application,
    Call,
    Candidacy,
    Criterion,
    JobOffer,
    Question,
    Review,
    TerritoryNeed,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "state", "opens_at", "closes_at"]
    list_filter = ["state"]
    search_fields = ["title", "programme__name"]
    list_select_related = ["programme"]
    readonly_fields = ["state"]
    inlines = [CriterionInline, QuestionInline]


class ReviewInline(ReadOnlyInline):
    model = Review
    fields = ["reviewer", "conflict_of_interest", "submitted_at"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["project_name", "call", "carrier", "state", "submitted_at"]
    list_filter = ["state"]
    search_fields = ["project_name", "carrier__email"]
    list_select_related = ["call", "carrier"]
    readonly_fields = ["state", "submitted_at", "decided_at", "project"]
    raw_id_fields = ["carrier", "commune"]
    inlines = [ReviewInline]


@admin.register(TerritoryNeed)
class TerritoryNeedAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "state", "commune", "epci"]
    list_filter = ["state"]
    list_select_related = ["programme", "commune", "epci"]
    readonly_fields = ["state", "project"]
    raw_id_fields = ["commune", "epci"]


@admin.register(JobOffer)
class JobOfferAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "state", "published_at"]
    list_filter = ["state"]
    list_select_related = ["programme"]
    readonly_fields = ["state", "published_at"]
    raw_id_fields = ["need", "project", "commune"]


@admin.register(Candidacy)
class CandidacyAdmin(admin.ModelAdmin):
    list_display = ["candidate", "offer", "state", "created_at"]
    list_filter = ["state"]
    list_select_related = ["candidate", "offer"]
    readonly_fields = ["state"]
    raw_id_fields = ["candidate", "offer"]
