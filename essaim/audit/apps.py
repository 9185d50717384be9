from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "essaim.audit"
    label = "audit"
    verbose_name = _("Journal d'activité")
    default_auto_field = "django.db.models.BigAutoField"
