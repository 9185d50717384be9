from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "essaim.calls"
    label = "calls"
