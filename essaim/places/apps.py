from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "essaim.places"
    label = "places"
    verbose_name = "Lieux partagés"

    def ready(self) -> None:
        # Imported once the apps are loaded: privacy reads the models of this app.
        from essaim.accounts import privacy
        from essaim.places import privacy as places_privacy  # (same reason)

        privacy.register(
            name="places",
            export=places_privacy.export_for,
            erase=places_privacy.erase_for,
            models=("places.booking", "places.placemembership"),
        )
        privacy.declare(
            "places.mailitem",
            "mail received for a domiciled enterprise: its sender is the organisation that wrote "
            "(an administration, a supplier), not an account; deleted with its domiciliation",
        )
