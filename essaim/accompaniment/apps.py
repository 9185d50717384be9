from django.apps import AppConfig


class AccompanimentConfig(AppConfig):
    name = "essaim.accompaniment"
    label = "accompaniment"

    def ready(self) -> None:
        from essaim.accompaniment import privacy as accompaniment_privacy
        from essaim.accounts import privacy

        privacy.register(
            name="accompaniment",
            export=accompaniment_privacy.carrier_data_export,
            erase=accompaniment_privacy.carrier_account_delete,
        )
