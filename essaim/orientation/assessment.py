"""A short self-assessment that infers the life stage of a carrier who does not know it."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from essaim.directory.enums import LifeStage


@dataclass(frozen=True)
class Question:
    name: str
    text: str
    help: str = ""


QUESTIONS = [
    Question(
        "registered",
        _("Votre structure est-elle déjà créée (entreprise immatriculée, association déclarée) ?"),
    ),
    Question(
        "idea_tested",
        _("Avez-vous confronté votre idée à de futurs clients, usagers ou partenaires ?"),
        _("Par exemple : entretiens, étude de marché, premières ventes tests."),
    ),
    Question("financing_closed", _("Votre plan de financement est-il bouclé ?")),
    Question(
        "scale_up",
        _("Souhaitez-vous changer d'échelle : nouvelle activité, nouveau territoire, essaimage ?"),
    ),
]
QUESTION_NAMES = [q.name for q in QUESTIONS]


def infer_stage(answers: dict[str, bool]) -> tuple[str, str]:
    """(stage, explanation) from yes/no answers; a missing answer counts as "no"."""
    if not answers.get("registered"):
        if not answers.get("idea_tested"):
            return LifeStage.EMERGENCE.value, str(
                _("Votre idée n'a pas encore été confrontée à son marché : c'est l'émergence.")
            )
        if answers.get("financing_closed"):
            return LifeStage.CREATION.value, str(
                _("Idée testée et financement bouclé : vous êtes prêt à créer votre structure.")
            )
        return LifeStage.CREATION.value, str(
            _(
                "Idée testée, structure pas encore créée : c'est la création. "
                "Bouclez votre plan de financement avant de vous lancer."
            )
        )
    if answers.get("scale_up"):
        return LifeStage.DEVELOPPEMENT.value, str(
            _("Votre structure existe et veut changer d'échelle : c'est le développement.")
        )
    return LifeStage.CONSOLIDATION.value, str(
        _("Votre structure existe et doit se renforcer : c'est la consolidation.")
    )
