"""The two accompaniment models of the study, shipped as pipeline templates.

Source: study "Favoriser la création d'entreprises sociales" (CHORUM/CIDES, ODYSSEM) — the
carrier-centred model (Antropia, Alter'Incub, Inter-Made) and the project-generator model
(REPLIC, District Solidaire, La Fabrique à Initiatives). A programme copies a template into
its own `ProgrammePipeline` and may then rename, add or drop stages; the stage keys below
stay stable so that analytics and the creation gate keep working after renaming.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from essaim.accompaniment.enums import ProjectModel
from essaim.accompaniment.models import PipelineStage, ProgrammePipeline
from essaim.directory.enums import LifeStage

CREATION_KEY = "creation"


@dataclass(frozen=True)
class StageTemplate:
    key: str
    name: str
    life_stage: str
    checklist: tuple[tuple[str, str], ...] = ()
    is_creation: bool = False


@dataclass(frozen=True)
class PipelineTemplate:
    key: str
    name: str
    model: str
    stages: tuple[StageTemplate, ...] = field(default_factory=tuple)


CARRIER = PipelineTemplate(
    key="carrier",
    name=_("Accompagnement de porteurs"),
    model=ProjectModel.CARRIER,
    stages=(
        StageTemplate(
            "selection",
            _("Sélection"),
            LifeStage.EMERGENCE,
            (
                ("application", _("Dossier de candidature complet")),
                ("interview", _("Entretien avec l'équipe")),
                ("committee", _("Passage en comité de sélection")),
            ),
        ),
        StageTemplate(
            "opportunite_faisabilite",
            _("Opportunité et faisabilité"),
            LifeStage.EMERGENCE,
            (
                ("market_social", _("Marché social : besoin et bénéficiaires")),
                ("market_economic", _("Marché économique : clients et potentiel")),
                ("market_political", _("Marché politique : collectivités et partenaires publics")),
                ("feasibility", _("Conclusion de faisabilité")),
            ),
        ),
        StageTemplate(
            "incubation",
            _("Incubation"),
            LifeStage.EMERGENCE,
            (
                ("business_model", _("Modèle économique")),
                ("financing_plan", _("Plan de financement")),
                ("partners", _("Partenaires engagés")),
                ("legal_form", _("Choix de la forme juridique")),
            ),
        ),
        StageTemplate(
            CREATION_KEY,
            _("Création"),
            LifeStage.CREATION,
            (
                ("registration", _("Structure immatriculée")),
                ("first_contracts", _("Premiers contrats ou financements encaissés")),
            ),
            is_creation=True,
        ),
        StageTemplate(
            "suivi_post_creation",
            _("Suivi post-création"),
            LifeStage.CONSOLIDATION,
            (
                ("checkins", _("Points de suivi planifiés")),
                ("dashboard", _("Tableau de bord d'activité")),
            ),
        ),
    ),
)

GENERATOR = PipelineTemplate(
    key="generator",
    name=_("Générateur de projets"),
    model=ProjectModel.GENERATOR,
    stages=(
        StageTemplate(
            "reperage",
            _("Repérage"),
            LifeStage.EMERGENCE,
            (
                ("needs", _("Besoins du territoire identifiés")),
                ("answers", _("Réponses possibles recensées")),
                ("opportunity_study", _("Étude d'opportunité")),
            ),
        ),
        StageTemplate(
            "montage",
            _("Montage"),
            LifeStage.EMERGENCE,
            (
                ("market_social", _("Marché social : besoin et bénéficiaires")),
                ("market_economic", _("Marché économique : clients et potentiel")),
                ("market_political", _("Marché politique : collectivités et partenaires publics")),
                ("business_model", _("Modèle économique")),
                ("partners", _("Partenaires engagés")),
            ),
        ),
        StageTemplate(
            "recrutement_porteur",
            _("Recrutement du porteur"),
            LifeStage.EMERGENCE,
            (
                ("job_offer", _("Offre de poste par compétences")),
                ("candidates", _("Candidats reçus en entretien")),
                ("recruitment", _("Porteur recruté")),
            ),
        ),
        StageTemplate(
            "finalisation",
            _("Finalisation"),
            LifeStage.EMERGENCE,
            (
                ("model_adjusted", _("Modèle ajusté avec le porteur")),
                ("financing_plan", _("Plan de financement bouclé")),
                ("first_market", _("Premier marché ou fonds sécurisés")),
            ),
        ),
        StageTemplate(
            CREATION_KEY,
            _("Création"),
            LifeStage.CREATION,
            (
                ("registration", _("Structure immatriculée")),
                ("pooling", _("Mutualisations et coopérations en place")),
            ),
            is_creation=True,
        ),
    ),
)

TEMPLATES: dict[str, PipelineTemplate] = {t.key: t for t in (CARRIER, GENERATOR)}
TEMPLATE_FOR_MODEL: dict[str, PipelineTemplate] = {t.model: t for t in (CARRIER, GENERATOR)}


def install(programme, model: str, template: str | None = None):
    """The programme's pipeline for `model`, copied from its template when missing (idempotent).

    Not a service of its own: a step of `services.pipeline_create` and `services.project_create`
    (inside their transaction and their log), and of the synthetic data generators.
    Side effects: one ProgrammePipeline and its PipelineStage rows when missing.
    """
    existing = ProgrammePipeline.objects.filter(programme=programme, model=model).first()
    if existing is not None:
        return existing
    tpl = TEMPLATES[template] if template else TEMPLATE_FOR_MODEL[model]
    pipeline = ProgrammePipeline.objects.create(
        programme=programme, model=model, template=tpl.key, name=str(tpl.name)
    )
    PipelineStage.objects.bulk_create(
        PipelineStage(
            pipeline=pipeline,
            key=st.key,
            name=str(st.name),
            life_stage=st.life_stage,
            position=(i + 1) * 10,
            checklist=[{"key": k, "label": str(label)} for k, label in st.checklist],
            is_creation=st.is_creation,
        )
        for i, st in enumerate(tpl.stages)
    )
    return pipeline
