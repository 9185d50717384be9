from django.apps import AppConfig


class FinancingConfig(AppConfig):
    name = "essaim.financing"
    label = "financing"
