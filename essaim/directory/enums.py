"""The study's vocabulary, defined once. Values are stable identifiers; labels are French."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeStage(models.TextChoices):
    EMERGENCE = "emergence", _("Émergence")
    CREATION = "creation", _("Création")
    CONSOLIDATION = "consolidation", _("Consolidation")
    DEVELOPPEMENT = "developpement", _("Développement")


class ProgrammeKind(models.TextChoices):
    INCUBATOR = "incubator", _("Incubateur")
    COUVEUSE = "couveuse", _("Couveuse")
    PROJECT_GENERATOR = "project_generator", _("Générateur de projets / fabrique à initiatives")
    RESOURCE_CENTRE = "resource_centre", _("Centre de ressources")
    SHARED_PLACE = "shared_place", _("Lieu partagé / tiers-lieu")
    PTCE = "ptce", _("Pôle territorial de coopération économique (PTCE)")
    BUSINESS_NURSERY = "business_nursery", _("Pépinière d'entreprises")
    NETWORK = "network", _("Réseau / marque commune")
    REPRESENTATION_BODY = "representation_body", _("Organisme de représentation")
    BUSINESS_FLOW_TOOL = "business_flow_tool", _("Outil de flux d'affaires")
    TRAINING_CENTRE = "training_centre", _("Centre de formation")
    ENTERPRISE_GROUP = "enterprise_group", _("Groupe d'entreprises sociales")
    # Mainstream ("droit commun") actors of the national offer (docs/data-sources.md).
    FRANCE_SERVICES = "france_services", _("France services")
    CCI = "cci", _("Chambre de commerce et d'industrie")
    CMA = "cma", _("Chambre de métiers et de l'artisanat")
    CHAMBER_AGRICULTURE = "chamber_agriculture", _("Chambre d'agriculture")
    FRANCE_TRAVAIL = "france_travail", _("France Travail (ex-Pôle emploi)")
    MISSION_LOCALE = "mission_locale", _("Mission locale")
    ASSOCIATIONS_REGISTRY = "associations_registry", _("Greffe des associations")
    ASSOCIATIONS_HELP = "associations_help", _("Mission d'accueil et d'information des associations (MAIA)")
    COMMERCIAL_COURT = "commercial_court", _("Tribunal de commerce")
    APEC = "apec", _("Apec")
    INCLUSION_SERVICE = "inclusion_service", _("Service référencé par data·inclusion")


class OfferFamily(models.TextChoices):
    """What an offer is: one of the ESS support programmes, a mainstream actor, a shared place."""

    ESS = "ess", _("Dispositif d'appui à l'ESS")
    MAINSTREAM = "mainstream", _("Acteur de droit commun")
    SHARED_PLACE = "shared_place", _("Lieu partagé")


MAINSTREAM_KINDS = (
    ProgrammeKind.FRANCE_SERVICES,
    ProgrammeKind.CCI,
    ProgrammeKind.CMA,
    ProgrammeKind.CHAMBER_AGRICULTURE,
    ProgrammeKind.FRANCE_TRAVAIL,
    ProgrammeKind.MISSION_LOCALE,
    ProgrammeKind.ASSOCIATIONS_REGISTRY,
    ProgrammeKind.ASSOCIATIONS_HELP,
    ProgrammeKind.COMMERCIAL_COURT,
    ProgrammeKind.APEC,
    ProgrammeKind.INCLUSION_SERVICE,
)
# The kinds of the study's programmes and of the programmes support organisations publish.
ESS_KINDS = tuple(k for k in ProgrammeKind if k not in MAINSTREAM_KINDS)


class AccompanimentModel(models.TextChoices):
    CARRIER = "carrier", _("Accompagnement de porteurs")
    GENERATOR = "generator", _("Générateur de projets")
    BOTH = "both", _("Les deux modèles")
    NONE = "none", _("Sans accompagnement de projets")


class Need(models.TextChoices):
    IDEA = "idea", _("Trouver ou tester une idée")
    FEASIBILITY = "feasibility", _("Étude de faisabilité")
    BUSINESS_PLAN = "business_plan", _("Modèle économique / business plan")
    FINANCING = "financing", _("Financement")
    PREMISES = "premises", _("Locaux")
    PEERS = "peers", _("Pairs et communauté")
    TRAINING = "training", _("Formation")
    MARKETS = "markets", _("Marchés / flux d'affaires")
    RECRUITING = "recruiting", _("Recrutement")
    LEGAL_STRUCTURE = "legal_structure", _("Structure juridique")


class Public(models.TextChoices):
    CARRIERS = "carriers", _("Porteurs de projet")
    JOB_SEEKERS = "job_seekers", _("Demandeurs d'emploi")
    YOUNG_PEOPLE = "young_people", _("Jeunes")
    WOMEN = "women", _("Femmes entrepreneures")
    ESS_ENTERPRISES = "ess_enterprises", _("Entreprises et structures de l'ESS")
    ESS_WORKERS = "ess_workers", _("Salariés et bénévoles de l'ESS")
    LOCAL_AUTHORITIES = "local_authorities", _("Territoires et collectivités")
    RESEARCHERS = "researchers", _("Laboratoires et équipes de recherche")
    BUYERS = "buyers", _("Acheteurs")
    CITIZENS = "citizens", _("Citoyens et consom'acteurs")


class Activity(models.TextChoices):
    INFORMATION = "information", _("Information et sensibilisation")
    INDIVIDUAL_COACHING = "individual_coaching", _("Accompagnement individuel")
    COLLECTIVE_TRAINING = "collective_training", _("Formation collective")
    EXPERTS = "experts", _("Mobilisation d'experts")
    FINANCIAL_SUPPORT = "financial_support", _("Soutien financier")
    OPPORTUNITY_STUDY = "opportunity_study", _("Repérage de besoins et études d'opportunité")
    PROJECT_DESIGN = "project_design", _("Montage de projets")
    CARRIER_RECRUITMENT = "carrier_recruitment", _("Recrutement de porteurs")
    ACTIVITY_TEST = "activity_test", _("Test d'activité")
    HOSTING = "hosting", _("Hébergement, bureaux et domiciliation")
    POOLED_SERVICES = "pooled_services", _("Services mutualisés")
    COMMUNITY = "community", _("Animation de communauté et mise en réseau")
    EVENTS = "events", _("Événements")
    BUSINESS_FLOWS = "business_flows", _("Salons, prospection et flux d'affaires")
    OBSERVATORY = "observatory", _("Observatoire")
    PROMOTION = "promotion", _("Promotion et représentation de l'ESS")
    NETWORK_STRUCTURING = "network_structuring", _("Structuration de réseaux")
    REPLICATION = "replication", _("Essaimage et réplication")
    POST_CREATION = "post_creation", _("Suivi post-création")
    ORIENTATION = "orientation", _("Orientation vers les ressources du territoire")


class Initiator(models.TextChoices):
    BUSINESS_SCHOOL = "business_school", _("École de commerce")
    UNIVERSITY = "university", _("Université ou recherche")
    # The study names "un foyer de jeunes travailleurs" among initiators (not a youth hostel).
    YOUNG_WORKERS_HOME = "young_workers_home", _("Foyer de jeunes travailleurs")
    CITIZEN_COLLECTIVE = "citizen_collective", _("Collectif citoyen")
    COOPERATIVE_FEDERATION = "cooperative_federation", _("Fédération de coopératives")
    LOCAL_AUTHORITY = "local_authority", _("Collectivité locale")
    ESS_NETWORK = "ess_network", _("Réseau de l'ESS")
    ESS_ENTERPRISES = "ess_enterprises", _("Entreprises de l'ESS")
    ENTREPRENEURS = "entrepreneurs", _("Entrepreneurs")
    OTHER = "other", _("Autre")


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", _("Association loi 1901")
    SCOP = "scop", _("SCOP")
    SCIC = "scic", _("SCIC")
    CAE = "cae", _("Coopérative d'activité et d'emploi (CAE)")
    SAS = "sas", _("SAS")
    SARL = "sarl", _("SARL")
    GIE = "gie", _("GIE / groupement")
    FOUNDATION = "foundation", _("Fondation")
    MUTUAL = "mutual", _("Mutuelle")
    PUBLIC_BODY = "public_body", _("Établissement ou collectivité publique")
    INFORMAL = "informal", _("Groupement informel")
    OTHER = "other", _("Autre")


class EcosystemModel(models.TextChoices):
    COORDINATION = "coordination", _("Coordination d'acteurs")
    COMMON_BRAND = "common_brand", _("Marque commune")
    JOINT_PROJECTS = "joint_projects", _("Projets communs en un même lieu")


class LeaderRole(models.TextChoices):
    """The roles the study gives a local authority in an ecosystem (never an ESS network's)."""

    ENCOURAGER = "encourager", _("Incitateur")
    CONDUCTOR = "conductor", _("Chef d'orchestre")
    ENGAGED_ACTOR = "engaged_actor", _("Acteur engagé")
