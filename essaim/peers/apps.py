from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "essaim.peers"
    label = "peers"
    verbose_name = "Entraide entre pairs"
