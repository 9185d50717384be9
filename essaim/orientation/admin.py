from django.contrib import admin

from essaim.orientation.models import ContactRequest


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "programme", "name", "email", "stage", "notified_at"]
    list_filter = ["stage"]
    search_fields = ["name", "email", "programme__name"]
    raw_id_fields = ["programme", "sender", "commune"]
    readonly_fields = ["consent_at", "created_at", "notified_at"]
