"""Correspondences between Essaim's vocabulary and the data·inclusion schema v1.

One table per direction, written once; the export and the import both read them.
"""

from essaim.directory.enums import LifeStage, Need, ProgrammeKind, Public

SCHEMA = "data-inclusion-schema 1.0.10 (v1)"
SOURCE = "essaim"
THEME_PREFIX = "creer-une-entreprise--"
THEME_DEFINE = "creer-une-entreprise--definir-son-projet-de-creation-dentreprise"
THEME_STRUCTURE = "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise"
THEME_DEVELOP = "creer-une-entreprise--developper-son-entreprise"

STAGE_TO_THEME = {
    LifeStage.EMERGENCE: THEME_DEFINE,
    LifeStage.CREATION: THEME_STRUCTURE,
    LifeStage.CONSOLIDATION: THEME_DEVELOP,
    LifeStage.DEVELOPPEMENT: THEME_DEVELOP,
}
THEME_TO_STAGES = {
    THEME_DEFINE: [LifeStage.EMERGENCE],
    THEME_STRUCTURE: [LifeStage.CREATION],
    THEME_DEVELOP: [LifeStage.CONSOLIDATION, LifeStage.DEVELOPPEMENT],
}
THEME_TO_NEEDS = {
    THEME_DEFINE: [Need.IDEA, Need.FEASIBILITY],
    THEME_STRUCTURE: [Need.BUSINESS_PLAN, Need.LEGAL_STRUCTURE],
    THEME_DEVELOP: [Need.MARKETS],
}

KIND_TO_TYPE = {
    ProgrammeKind.INCUBATOR: "accompagnement",
    ProgrammeKind.COUVEUSE: "accompagnement",
    ProgrammeKind.PROJECT_GENERATOR: "accompagnement",
    ProgrammeKind.RESOURCE_CENTRE: "information",
    ProgrammeKind.SHARED_PLACE: "aide-materielle",
    ProgrammeKind.PTCE: "accompagnement",
    ProgrammeKind.BUSINESS_NURSERY: "aide-materielle",
    ProgrammeKind.NETWORK: "accompagnement",
    ProgrammeKind.REPRESENTATION_BODY: "information",
    ProgrammeKind.BUSINESS_FLOW_TOOL: "atelier",
    ProgrammeKind.TRAINING_CENTRE: "formation",
    ProgrammeKind.ENTERPRISE_GROUP: "accompagnement",
}
TYPE_TO_KIND = {
    "accompagnement": ProgrammeKind.INCUBATOR,
    "information": ProgrammeKind.RESOURCE_CENTRE,
    "atelier": ProgrammeKind.RESOURCE_CENTRE,
    "formation": ProgrammeKind.TRAINING_CENTRE,
    "aide-materielle": ProgrammeKind.SHARED_PLACE,
    "aide-financiere": ProgrammeKind.RESOURCE_CENTRE,
}
TYPE_TO_NEEDS = {
    "aide-financiere": [Need.FINANCING],
    "formation": [Need.TRAINING],
    "aide-materielle": [Need.PREMISES],
}

PUBLIC_TO_DI = {
    Public.JOB_SEEKERS: "demandeurs-emploi",
    Public.YOUNG_PEOPLE: "jeunes",
    Public.WOMEN: "femmes",
}
DI_TO_PUBLIC = {value: key for key, value in PUBLIC_TO_DI.items()}
GENERAL_PUBLICS = {Public.CARRIERS}
