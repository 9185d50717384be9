from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "essaim.imports"
    label = "imports"
    verbose_name = "Imports de tableurs"

    def ready(self) -> None:
        # Both modules read models: importable only once the apps are loaded.
        from essaim.accounts import privacy
        from essaim.imports import privacy as imports_privacy  # (same reason)

        privacy.register(
            name="imports",
            export=imports_privacy.export_for,
            erase=imports_privacy.erase_for,
            models=("imports.stagedimport",),
        )
        privacy.declare(
            "imports.importrun",
            "staff's work: who imported which file (counts only); `by` points to the anonymised account",
        )
