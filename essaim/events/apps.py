from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "essaim.events"
    label = "events"
    verbose_name = "Événements et formations"

    def ready(self) -> None:
        # Imported once the apps are loaded: privacy reads the models of this app.
        from essaim.accounts import privacy
        from essaim.events import privacy as events_privacy  # (same reason)

        privacy.register(name="events", export=events_privacy.export_for, erase=events_privacy.erase_for)
