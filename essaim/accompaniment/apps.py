import functools

from django.apps import AppConfig

from essaim.core.actors import SYSTEM


class AccompanimentConfig(AppConfig):
    name = "essaim.accompaniment"
    label = "accompaniment"

    def ready(self) -> None:
        # Both modules read models: importable only once the apps are loaded.
        from essaim.accompaniment import privacy as accompaniment_privacy
        from essaim.accounts import privacy  # (same reason)

        privacy.register(
            name="accompaniment",
            export=accompaniment_privacy.carrier_data_export,
            erase=functools.partial(accompaniment_privacy.carrier_account_delete, by=SYSTEM),
        )
