from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "essaim.orientation"
    label = "orientation"

    def ready(self) -> None:
        from essaim.orientation import signals

        signals.connect()
