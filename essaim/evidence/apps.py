from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "essaim.evidence"
    label = "evidence"
