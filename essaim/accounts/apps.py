from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "essaim.accounts"
    label = "accounts"
    verbose_name = _("Comptes et rôles")

    def ready(self) -> None:
        # two_factor notes the session's 2FA flags at login; the others read models: each is
        # importable only once the apps are loaded.
        from essaim.accounts import invitation_data, privacy, two_factor  # noqa: F401

        privacy.register(
            name="invitations",
            export=invitation_data.export_for,
            erase=invitation_data.erase_for,
            models=("accounts.invitation",),
        )
