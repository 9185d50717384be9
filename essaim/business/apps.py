from django.apps import AppConfig


class BusinessConfig(AppConfig):
    name = "essaim.business"
    label = "business"
    verbose_name = "Flux d'affaires"

    def ready(self) -> None:
        # Imported once the apps are loaded: privacy reads the models of this app.
        from essaim.accounts import privacy
        from essaim.business import privacy as business_privacy  # (same reason)

        privacy.register(
            name="business",
            export=business_privacy.export_for,
            erase=business_privacy.erase_for,
            models=("business.supplieroffer", "business.buyerrequest", "business.response", "business.deal"),
        )
