from django.contrib import admin

from essaim.orientation.models import ContactRequest


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "recipient",
        "programme",
        "ecosystem",
        "name",
        "email",
        "stage",
        "notified_at",
    ]
    list_filter = ["recipient", "stage"]
    search_fields = ["name", "email", "programme__name"]
    raw_id_fields = ["programme", "ecosystem", "sender", "commune"]
    readonly_fields = ["consent_at", "created_at", "notified_at"]
