from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "essaim.calls"
    label = "calls"

    def ready(self) -> None:
        # Imported once the apps are loaded: privacy reads the models of this app.
        from essaim.accounts import privacy
        from essaim.calls import privacy as calls_privacy  # (same reason)

        privacy.register(name="calls", export=calls_privacy.export_for, erase=calls_privacy.anonymise_for)
