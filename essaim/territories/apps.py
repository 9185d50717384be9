from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "essaim.territories"
    label = "territories"
    verbose_name = _("Territoires")

    def ready(self) -> None:
        from essaim.territories import lookups  # noqa: F401  (registers __prefix)
