from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "essaim.registry"
    label = "registry"
    verbose_name = "Registre des entreprises (SIRENE)"

    def ready(self) -> None:
        # Imported once the apps are loaded: privacy keeps a registry of models by label.
        from essaim.accounts import privacy

        privacy.declare(
            "registry.conflict",
            "staff's work: resolved_by points to the anonymised account; the rest is public registry data",
        )
