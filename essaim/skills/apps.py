from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "essaim.skills"
    label = "skills"
    verbose_name = "Compétences du territoire"
