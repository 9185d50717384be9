from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "essaim.orientation"
    label = "orientation"
