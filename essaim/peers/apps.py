from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "essaim.peers"
    label = "peers"
    verbose_name = "Entraide entre pairs"

    def ready(self) -> None:
        # Both modules read models: importable only once the apps are loaded.
        from essaim.accounts import privacy
        from essaim.peers import privacy as peers_privacy  # (same reason)

        privacy.register(
            name="peers",
            export=peers_privacy.export_for,
            erase=peers_privacy.erase_for,
            models=(
                "peers.post",
                "peers.answer",
                "peers.report",
                "peers.peerprofile",
                "peers.circle",
                "peers.circlemeeting",
                "peers.pooledresource",
            ),
        )
