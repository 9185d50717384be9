from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "essaim.skills"
    label = "skills"
    verbose_name = "Compétences du territoire"

    def ready(self) -> None:
        # Both modules read models: importable only once the apps are loaded.
        from essaim.accounts import privacy
        from essaim.skills import privacy as skills_privacy  # (same reason)

        privacy.register(
            name="skills",
            export=skills_privacy.export_for,
            erase=skills_privacy.erase_for,
            models=("skills.recruitmentneed",),
        )
