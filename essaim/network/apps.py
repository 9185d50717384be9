from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "essaim.network"
    label = "network"
    verbose_name = _("Réseau d'orientation et tableau de bord du territoire")
