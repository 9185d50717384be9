from django.apps import AppConfig


class FairsConfig(AppConfig):
    name = "essaim.fairs"
    label = "fairs"
    verbose_name = "Salons d'affaires"

    def ready(self) -> None:
        # Imported once the apps are loaded: privacy reads the models of this app.
        from essaim.accounts import privacy
        from essaim.fairs import privacy as fairs_privacy  # (same reason)

        privacy.register(
            name="fairs",
            export=fairs_privacy.export_for,
            erase=fairs_privacy.erase_for,
            models=("fairs.fairparticipant",),
        )
