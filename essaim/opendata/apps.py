from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "essaim.opendata"
    label = "opendata"
