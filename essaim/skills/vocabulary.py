"""The skills vocabulary of territorial skills planning: families of skills relevant to social
enterprises (docs/skills.md), and how the texts and categories Essaim already holds are read
into them.

Pure functions (no database). Demand and supply are counted by family:
- a job offer's "profil de compétences recherché" and a candidacy's "parcours et compétences"
  are free text: `families_in(text)` finds the families whose words it contains (accents and
  case aside, whole words or word starts listed below);
- an expert's domains and a mobilisation's requested domain are `accompaniment.ExpertDomain`
  values: `EXPERT_DOMAIN_FAMILY` maps each one to its family.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.core.text import normalise


class SkillFamily(models.TextChoices):
    MANAGEMENT = "management", _("Direction et gestion de projet")
    FINANCE = "finance", _("Finance, comptabilité, gestion")
    LEGAL = "legal", _("Droit et gouvernance coopérative")
    TRADE = "trade", _("Commerce, vente et marketing")
    PRODUCTION = "production", _("Métiers de production et artisanat")
    FOOD = "food", _("Alimentation, restauration, agriculture")
    CARE = "care", _("Soin, aide à la personne, petite enfance")
    MEDIATION = "mediation", _("Médiation, animation, accompagnement social")
    INCLUSION = "inclusion", _("Insertion et encadrement technique")
    DIGITAL = "digital", _("Numérique")
    ENVIRONMENT = "environment", _("Environnement, réemploi, énergie")
    MOBILITY = "mobility", _("Mobilité et logistique")


# Words (normalised, as `core.text.normalise` writes them) that point to a family. A word ending
# in "*" matches any word starting with it.
WORDS: dict[str, tuple[str, ...]] = {
    SkillFamily.MANAGEMENT: (
        "direction",
        "dirigeant*",
        "gestion de projet",
        "management",
        "manager",
        "pilotage",
        "coordinat*",
        "entrepreneur*",
    ),
    SkillFamily.FINANCE: (
        "financ*",
        "comptab*",
        "tresorerie",
        "budget*",
        "gestion financiere",
        "levee de fonds",
    ),
    SkillFamily.LEGAL: ("juridique*", "droit", "gouvernance", "statuts", "cooperati*"),
    SkillFamily.TRADE: ("commerc*", "vente*", "vendeu*", "marketing", "prospection", "communication"),
    SkillFamily.PRODUCTION: (
        "artisan*",
        "menuis*",
        "mecani*",
        "reparation*",
        "atelier",
        "couture",
        "production",
        "fabrication",
        "batiment",
    ),
    SkillFamily.FOOD: ("cuisin*", "restaura*", "alimentaire*", "maraich*", "agricul*", "epicerie"),
    SkillFamily.CARE: (
        "soin*",
        "aide a domicile",
        "aide a la personne",
        "petite enfance",
        "creche",
        "sante",
        "auxiliaire de vie",
    ),
    SkillFamily.MEDIATION: ("mediat*", "animat*", "accompagnement social", "travail social", "educat*"),
    SkillFamily.INCLUSION: ("insertion", "encadrant*", "encadrement technique", "chantier d insertion"),
    SkillFamily.DIGITAL: ("numerique*", "informatique*", "developpe*", "web", "donnees"),
    SkillFamily.ENVIRONMENT: ("recycl*", "reemploi", "dechet*", "energie*", "environnement*", "ressourcerie"),
    SkillFamily.MOBILITY: ("mobilite", "logistique", "transport*", "livraison*", "chauffeur*", "garage"),
}

# accompaniment.enums.ExpertDomain value → family (kept as strings: no import of accompaniment).
EXPERT_DOMAIN_FAMILY: dict[str, str] = {
    "legal": SkillFamily.LEGAL,
    "financial": SkillFamily.FINANCE,
    "accounting": SkillFamily.FINANCE,
    "trade": SkillFamily.PRODUCTION,
    "technical": SkillFamily.PRODUCTION,
    "marketing": SkillFamily.TRADE,
    "governance": SkillFamily.LEGAL,
}


def _matches(text: str, word: str) -> bool:
    if word.endswith("*"):
        return f" {word[:-1]}" in text
    return f" {word} " in text


def families_in(text: str) -> list[str]:
    """The families whose words the text contains, in the vocabulary's order."""
    padded = f" {normalise(text or '')} "
    return [family.value for family in SkillFamily if any(_matches(padded, w) for w in WORDS[family])]
