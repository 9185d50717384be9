from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "essaim.evidence"
    label = "evidence"

    def ready(self):
        from essaim.evidence import signals  # reads the models: only once the apps are loaded

        signals.connect()
