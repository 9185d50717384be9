from django.apps import AppConfig


def _create_cache_table(sender, using="default", verbosity=1, **kwargs) -> None:
    """The database cache (the default, docs/configuration.md) needs its table: `migrate` makes
    it, so a fresh clone or a new server works without a separate `createcachetable` step."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


class CoreConfig(AppConfig):
    name = "essaim.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from essaim.core import lookups  # noqa: F401  (registers the flag lookups)
        from essaim.core.security import session_started  # ready(): it reads the session settings

        user_logged_in.connect(session_started, dispatch_uid="essaim-session-started")
        # Sent once per app that has models; core has none, so hook on an app that always does.
        sessions = self.apps.get_app_config("sessions")
        post_migrate.connect(_create_cache_table, sender=sessions, dispatch_uid="essaim-cache-table")
