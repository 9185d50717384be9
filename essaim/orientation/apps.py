from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "essaim.orientation"
    label = "orientation"

    def ready(self) -> None:
        from essaim.orientation import signals  # reads the models: only once the apps are loaded

        signals.connect()
