from django.apps import AppConfig


class AccompanimentConfig(AppConfig):
    name = "essaim.accompaniment"
    label = "accompaniment"
