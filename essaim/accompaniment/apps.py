import functools

from django.apps import AppConfig


class AccompanimentConfig(AppConfig):
    name = "essaim.accompaniment"
    label = "accompaniment"

    def ready(self) -> None:
        # Imported once the models are loaded (privacy reads them).
        from essaim.accompaniment import privacy as accompaniment_privacy
        from essaim.accounts import privacy
        from essaim.core.actors import SYSTEM

        privacy.register(
            name="accompaniment",
            export=accompaniment_privacy.carrier_data_export,
            erase=functools.partial(accompaniment_privacy.carrier_account_delete, by=SYSTEM),
        )
