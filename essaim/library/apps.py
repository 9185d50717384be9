from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "essaim.library"
    label = "library"
    verbose_name = "Bibliothèque de pratiques"

    def ready(self) -> None:
        # Both modules read models: importable only once the apps are loaded.
        from essaim.accounts import privacy
        from essaim.library import privacy as library_privacy  # (same reason)

        privacy.register(
            name="library",
            export=library_privacy.export_for,
            erase=library_privacy.erase_for,
            models=("library.resource", "library.reuse"),
        )
