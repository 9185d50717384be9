from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "essaim.web"
    label = "web"
