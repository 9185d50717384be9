from django.apps import AppConfig


class EcosystemsConfig(AppConfig):
    name = "essaim.ecosystems"
    label = "ecosystems"
    verbose_name = "Écosystèmes"

    def ready(self) -> None:
        # Both modules read models: importable only once the apps are loaded.
        from essaim.accounts import privacy
        from essaim.ecosystems import privacy as ecosystems_privacy  # (same reason)

        privacy.register(
            name="ecosystems", export=ecosystems_privacy.export_for, erase=ecosystems_privacy.erase_for
        )
