from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "essaim.outbox"
    label = "outbox"
    verbose_name = _("Courriels de la démonstration")
    default_auto_field = "django.db.models.BigAutoField"
