from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "essaim.core"
    label = "core"

    def ready(self) -> None:
        from essaim.core import lookups  # noqa: F401  (registers the flag lookups)
