from django.apps import AppConfig


class ReplicationConfig(AppConfig):
    name = "essaim.replication"
    label = "replication"
    verbose_name = "Essaimage"

    def ready(self) -> None:
        # Both modules read models: importable only once the apps are loaded.
        from essaim.accounts import privacy
        from essaim.replication import privacy as replication_privacy  # (same reason)

        privacy.register(
            name="replication",
            export=replication_privacy.export_for,
            erase=replication_privacy.erase_for,
            models=("replication.kitversion", "replication.replica"),
        )
