from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "essaim.web"
    label = "web"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        # cycle-free but late: the inbox views read the models, loaded only once the apps are ready
        from essaim.web.workspace.inbox import remember_badge_at_login

        user_logged_in.connect(remember_badge_at_login, dispatch_uid="essaim_inbox_badge")
