"""The 14 programmes of the CHORUM / CIDES study with ODYSSEM, as data.

Facts (names, kinds, territories, activities, beneficiaries, durations) come from the
study's synthesis, table « Dispositifs étudiés » and the sections around it. Every
description, summary and beneficiaries text below is written by Essaim in its own words;
no sentence of the study is copied. What the synthesis does not give (SIREN, RNA, website,
year of creation, economic model figures) is left blank on purpose. See docs/data-sources.md.

Two initiators are not in the synthesis but are public, well-documented facts (press
articles on both programmes): Antropia was launched by the ESSEC business school, Alter'Incub
by the Union régionale des Scop of Languedoc-Roussillon. The synthesis itself only gives
examples of initiators (`STUDY_INITIATORS`): a business school, a "foyer de jeunes
travailleurs" (a home for young workers, not a youth hostel), a citizens' collective and a
cooperative federation.

Territory codes are INSEE's (EPCI by SIREN); old regions map to today's départements as in
the project brief.
"""

import datetime

from essaim.directory.enums import (
    AccompanimentModel as M,
)
from essaim.directory.enums import (
    Activity as A,
)
from essaim.directory.enums import (
    EcosystemModel,
    Initiator,
    LegalForm,
)
from essaim.directory.enums import (
    LifeStage as S,
)
from essaim.directory.enums import (
    Need as N,
)
from essaim.directory.enums import (
    ProgrammeKind as K,
)
from essaim.directory.enums import (
    Public as P,
)

SOURCE = (
    "CHORUM / CIDES avec ODYSSEM, « Favoriser la création d'entreprises sociales sur les territoires », "
    "synthèse de l'étude (http://cides.chorum.fr, rubrique « Nos outils » › « Études »)"
)
LICENCE = "Licence Ouverte 2.0 (Etalab) ; faits tirés de l'étude citée, textes rédigés par Essaim"
UPDATED_ON = datetime.date(2026, 11, 26)

OLD_LANGUEDOC_ROUSSILLON = [
    "departement:11",
    "departement:30",
    "departement:34",
    "departement:48",
    "departement:66",
]
OLD_AQUITAINE = ["departement:24", "departement:33", "departement:40", "departement:47", "departement:64"]
OLD_RHONE_ALPES = [
    "departement:01",
    "departement:07",
    "departement:26",
    "departement:38",
    "departement:42",
    "departement:69",
    "departement:73",
    "departement:74",
]
OLD_HAUTE_NORMANDIE = ["departement:27", "departement:76"]

ALL_STAGES = [S.EMERGENCE, S.CREATION, S.CONSOLIDATION, S.DEVELOPPEMENT]

# The initiators the synthesis gives as examples (part 1.1), in its order.
STUDY_INITIATORS = [
    Initiator.BUSINESS_SCHOOL,
    Initiator.YOUNG_WORKERS_HOME,
    Initiator.CITIZEN_COLLECTIVE,
    Initiator.COOPERATIVE_FEDERATION,
]

ECONOMIC_NOTES = (
    "La synthèse de l'étude ne chiffre pas le modèle économique de ce dispositif. Elle indique que "
    "les dispositifs étudiés vivent surtout de financements publics et cherchent à diversifier leurs "
    "ressources (ventes de prestations, contributions des membres)."
)

# Organisations: one per programme. Only facts the sources give; everything else blank.
ORGANISATIONS: list[dict] = [
    {
        "slug": "antropia",
        "name": "Antropia",
        "initiator": Initiator.BUSINESS_SCHOOL,
        "initiator_detail": "ESSEC (chaire Innovation et entrepreneuriat social)",
    },
    {"slug": "apeas", "name": "APEAS"},
    {"slug": "collectif-mesclun", "name": "Collectif Mesclun", "commune": "13055"},
    {"slug": "inter-made", "name": "Inter-Made", "commune": "13055"},
    {"slug": "district-solidaire", "name": "District Solidaire"},
    {"slug": "la-ruche", "name": "La Ruche", "commune": "75056"},
    {"slug": "la-fabrique-a-initiatives", "name": "La Fabrique à Initiatives"},
    {"slug": "pole-sud", "name": "Pôle Sud", "legal_form": LegalForm.INFORMAL, "commune": "26281"},
    {"slug": "realis", "name": "REALIS (Réseau actif de l'innovation sociale)"},
    {
        "slug": "alter-incub",
        "name": "Alter'Incub",
        "initiator": Initiator.COOPERATIVE_FEDERATION,
        "initiator_detail": "Union régionale des Scop (URSCOP) du Languedoc-Roussillon",
    },
    {"slug": "cres-lr", "name": "CRES Languedoc-Roussillon", "legal_form": LegalForm.ASSOCIATION},
    {"slug": "coventis", "name": "Coventis"},
    {
        "slug": "ecole-entrepreneuriat-economie-sociale",
        "name": "École de l'Entrepreneuriat en Économie Sociale",
    },
    {"slug": "replic", "name": "REPLIC"},
]

PROGRAMMES: list[dict] = [
    {
        "slug": "antropia",
        "organisation": "antropia",
        "name": "Antropia",
        "kind": K.INCUBATOR,
        "model": M.CARRIER,
        "stages": [S.EMERGENCE, S.CREATION],
        "zone": ["region:11"],
        "zone_description": "Île-de-France",
        "summary": "Incubateur social qui mène des porteurs de l'idée jusqu'à un plan d'affaires social abouti.",
        "description": (
            "Antropia est un incubateur social francilien. Il suit des porteurs de projet depuis leur "
            "idée de départ jusqu'à un plan d'affaires social formalisé, avec un soutien financier, "
            "des experts mobilisés pour les conseiller et les former, et une communauté d'entrepreneurs "
            "qu'il anime."
        ),
        "activities": [
            A.INDIVIDUAL_COACHING,
            A.FINANCIAL_SUPPORT,
            A.EXPERTS,
            A.COLLECTIVE_TRAINING,
            A.COMMUNITY,
        ],
        "needs": [N.IDEA, N.FEASIBILITY, N.BUSINESS_PLAN, N.FINANCING, N.TRAINING, N.PEERS],
        "publics": [P.CARRIERS],
        "beneficiaries": "Porteurs de projets durables au fort impact social",
    },
    {
        "slug": "apeas",
        "organisation": "apeas",
        "name": "APEAS",
        "kind": K.RESOURCE_CENTRE,
        "model": M.CARRIER,
        "stages": [S.EMERGENCE],
        "zone": ["region:93"],
        "zone_description": "Provence-Alpes-Côte d'Azur",
        "summary": "Centre de ressources et d'accompagnement de l'économie solidaire en Provence-Alpes-Côte d'Azur.",
        "description": (
            "L'APEAS est un centre de ressources régional. Il fait connaître l'économie solidaire, "
            "aide des initiatives à voir le jour sur les territoires de la région et accompagne la "
            "construction d'un réseau entre les acteurs qui la font vivre."
        ),
        "activities": [A.INFORMATION, A.INDIVIDUAL_COACHING, A.NETWORK_STRUCTURING],
        "needs": [N.IDEA, N.FEASIBILITY, N.PEERS],
        "publics": [P.CARRIERS, P.ESS_ENTERPRISES],
        "beneficiaries": "Acteurs de l'économie solidaire",
    },
    {
        "slug": "collectif-mesclun",
        "organisation": "collectif-mesclun",
        "name": "Collectif Mesclun",
        "kind": K.SHARED_PLACE,
        "model": M.NONE,
        "stages": [S.CONSOLIDATION, S.DEVELOPPEMENT],
        "zone": ["commune:13055"],
        "zone_description": "Marseille",
        "summary": "Lieu partagé marseillais où des entreprises solidaires coopèrent pour se consolider.",
        "description": (
            "Le Collectif Mesclun réunit à Marseille des entreprises solidaires dans un lieu commun. "
            "Ses membres partagent leurs locaux, s'entraident, coopèrent et se forment les uns les "
            "autres pour consolider et développer leurs activités."
        ),
        "activities": [A.HOSTING, A.COMMUNITY, A.COLLECTIVE_TRAINING],
        "needs": [N.PREMISES, N.PEERS, N.TRAINING],
        "publics": [P.ESS_ENTERPRISES],
        "beneficiaries": "Les entreprises solidaires membres du collectif",
    },
    {
        "slug": "inter-made",
        "organisation": "inter-made",
        "name": "Inter-Made",
        "kind": K.COUVEUSE,
        "model": M.CARRIER,
        "stages": [S.EMERGENCE, S.CREATION, S.CONSOLIDATION],
        "zone": ["departement:13"],
        "zone_description": "Marseille et les Bouches-du-Rhône",
        "summary": "Couveuse spécialisée dans l'ESS : préparation, test d'activité puis suivi après création.",
        "description": (
            "Inter-Made est une couveuse dédiée à l'économie sociale et solidaire dans les "
            "Bouches-du-Rhône. Un programme « starter » prépare les porteurs, la couveuse leur permet "
            "de tester leur activité avant d'immatriculer une structure, puis un suivi les accompagne "
            "dans les premiers mois après la création."
        ),
        "activities": [A.COLLECTIVE_TRAINING, A.INDIVIDUAL_COACHING, A.ACTIVITY_TEST, A.POST_CREATION],
        "needs": [N.IDEA, N.FEASIBILITY, N.BUSINESS_PLAN, N.TRAINING, N.LEGAL_STRUCTURE],
        "publics": [P.CARRIERS],
        "beneficiaries": "Porteurs de projets à finalité sociale, sociétale ou environnementale",
        "duration": "Starter : 13 semaines ; couveuse : 9 mois ; suivi post-couveuse : 6 mois",
    },
    {
        "slug": "district-solidaire",
        "organisation": "district-solidaire",
        "name": "District Solidaire",
        "kind": K.PROJECT_GENERATOR,
        "model": M.GENERATOR,
        "stages": [S.EMERGENCE, S.CREATION],
        "zone": ["epci:200046977"],
        "zone_description": "Grand Lyon (aujourd'hui Métropole de Lyon)",
        "summary": "Générateur de projets lyonnais qui recrute ensuite leurs porteurs, adossé à un réseau de consom'acteurs.",
        "description": (
            "District Solidaire conçoit des projets d'entreprises sociales en amont, puis recrute les "
            "personnes qui les porteront, sur l'agglomération lyonnaise. Il anime aussi et mobilise un "
            "réseau d'adhérents, consommateurs engagés (« consom'acteurs »)."
        ),
        "activities": [A.OPPORTUNITY_STUDY, A.PROJECT_DESIGN, A.CARRIER_RECRUITMENT, A.COMMUNITY],
        "needs": [N.IDEA, N.FEASIBILITY, N.RECRUITING, N.MARKETS],
        "publics": [P.LOCAL_AUTHORITIES, P.JOB_SEEKERS, P.CITIZENS],
        "beneficiaries": "Territoires et collectivités, demandeurs d'emploi, consom'acteurs adhérents",
    },
    {
        "slug": "la-ruche",
        "organisation": "la-ruche",
        "name": "La Ruche",
        "kind": K.SHARED_PLACE,
        "model": M.NONE,
        "stages": [S.CREATION, S.CONSOLIDATION, S.DEVELOPPEMENT],
        "zone": ["commune:75056"],
        "zone_description": "Paris",
        "summary": "Espace de travail partagé et communautaire à Paris pour les entreprises solidaires.",
        "description": (
            "La Ruche se présente comme un lieu communautaire, ni pépinière ni incubateur. À Paris, "
            "elle offre bureaux et domiciliation, des services mis en commun (infrastructure, "
            "télécommunications, salles de réunion), une vie collective animée, de la mise en réseau "
            "et des événements."
        ),
        "activities": [A.HOSTING, A.POOLED_SERVICES, A.COMMUNITY, A.EVENTS],
        "needs": [N.PREMISES, N.PEERS],
        "publics": [P.ESS_ENTERPRISES],
        "beneficiaries": "Entreprises solidaires",
    },
    {
        "slug": "la-fabrique-a-initiatives",
        "organisation": "la-fabrique-a-initiatives",
        "name": "La Fabrique à Initiatives",
        "kind": K.PROJECT_GENERATOR,
        "model": M.GENERATOR,
        "stages": [S.EMERGENCE],
        "zone": [
            "region:11",
            *OLD_AQUITAINE,
            *OLD_RHONE_ALPES,
            *OLD_LANGUEDOC_ROUSSILLON,
            *OLD_HAUTE_NORMANDIE,
        ],
        "zone_description": (
            "Île-de-France et les anciennes régions Aquitaine, Rhône-Alpes, Languedoc-Roussillon et "
            "Haute-Normandie"
        ),
        "summary": "Fabrique de projets d'entreprises sociales à partir des besoins d'un territoire.",
        "description": (
            "La Fabrique à Initiatives fait naître des projets d'entreprise sociale là où un territoire "
            "exprime un besoin : elle repère des opportunités de marché, construit une réponse "
            "entrepreneuriale et mène l'étude d'opportunité, parfois jusqu'à la création. Elle oriente "
            "ensuite les projets vers les ressources locales d'accompagnement et de financement."
        ),
        "activities": [A.OPPORTUNITY_STUDY, A.PROJECT_DESIGN, A.ORIENTATION],
        "needs": [N.IDEA, N.FEASIBILITY, N.FINANCING],
        "publics": [P.LOCAL_AUTHORITIES],
        # The synthesis' table gives no beneficiaries for this programme.
        "beneficiaries": "",
    },
    {
        "slug": "pole-sud",
        "organisation": "pole-sud",
        "name": "Pôle Sud",
        "kind": K.PTCE,
        "model": M.NONE,
        "stages": ALL_STAGES,
        "zone": ["departement:26", "departement:07"],
        "zone_description": "Nord de la Drôme et Ardèche ; site à Romans-sur-Isère",
        "summary": "Pôle territorial de coopération économique réuni sur un site à Romans-sur-Isère.",
        "description": (
            "Pôle Sud rassemble sur un même site, à Romans-sur-Isère, des structures qui forment un "
            "groupement informel au service de l'emploi local. Elles partagent le lieu, se mettent en "
            "réseau, montent ensemble des projets d'activités et d'emplois et offrent un pôle de "
            "ressources au territoire."
        ),
        "activities": [A.HOSTING, A.COMMUNITY, A.PROJECT_DESIGN, A.INFORMATION],
        "needs": [N.PREMISES, N.PEERS, N.MARKETS],
        "publics": [P.ESS_ENTERPRISES, P.JOB_SEEKERS],
        "beneficiaries": (
            "Structures installées sur le site, entreprises, associations et structures locales, "
            "parfois des personnes cherchant un emploi"
        ),
    },
    {
        "slug": "realis",
        "organisation": "realis",
        "name": "REALIS",
        "kind": K.NETWORK,
        "model": M.BOTH,
        "stages": ALL_STAGES,
        "zone": OLD_LANGUEDOC_ROUSSILLON,
        "zone_description": "Ancienne région Languedoc-Roussillon",
        "summary": "Marque commune qui fédère les acteurs de l'innovation sociale en Languedoc-Roussillon.",
        "description": (
            "REALIS, Réseau actif de l'innovation sociale, réunit sous une marque commune des "
            "structures complémentaires : émergence, développement et duplication de projets "
            "(Alter'Incub, REPLIC), formation (École de l'Entrepreneuriat en Économie Sociale), "
            "développement commercial (Coventis) et test d'activité en pépinière."
        ),
        "activities": [
            A.PROJECT_DESIGN,
            A.REPLICATION,
            A.COLLECTIVE_TRAINING,
            A.BUSINESS_FLOWS,
            A.ACTIVITY_TEST,
            A.COMMUNITY,
        ],
        "needs": [N.IDEA, N.TRAINING, N.MARKETS, N.PREMISES, N.PEERS],
        "publics": [P.LOCAL_AUTHORITIES, P.ESS_ENTERPRISES],
        "beneficiaries": "Territoires et acteurs de l'ESS",
    },
    {
        "slug": "alter-incub",
        "organisation": "alter-incub",
        "name": "Alter'Incub",
        "kind": K.INCUBATOR,
        "model": M.CARRIER,
        "stages": [S.EMERGENCE, S.CREATION],
        "zone": OLD_LANGUEDOC_ROUSSILLON,
        "zone_description": "Ancienne région Languedoc-Roussillon",
        "summary": "Incubateur d'entreprises sociales innovantes, membre de REALIS.",
        "description": (
            "Alter'Incub incube des entreprises sociales innovantes. Il choisit des projets, mène avec "
            "leurs porteurs une pré-étude qui pose aussi le cadre des partenariats, puis les suit "
            "individuellement pendant l'incubation. Il fait partie de la marque commune REALIS."
        ),
        "activities": [A.OPPORTUNITY_STUDY, A.INDIVIDUAL_COACHING, A.EXPERTS],
        "needs": [N.FEASIBILITY, N.BUSINESS_PLAN, N.FINANCING],
        "publics": [P.CARRIERS, P.LOCAL_AUTHORITIES, P.RESEARCHERS],
        "beneficiaries": "Porteurs de projets, territoires, laboratoires et équipes de recherche",
    },
    {
        "slug": "cres-lr",
        "organisation": "cres-lr",
        "name": "CRES LR",
        "kind": K.REPRESENTATION_BODY,
        "model": M.NONE,
        # "Cross-stage" (the brief): it represents the ESS at every stage of an enterprise's life,
        # but accompanies no carrier (its activities: observatory, structuring, promotion); the
        # ecosystem pages list it apart from the parcours (essaim/ecosystems/overview.py).
        "stages": ALL_STAGES,
        "zone": OLD_LANGUEDOC_ROUSSILLON,
        "zone_description": "Ancienne région Languedoc-Roussillon",
        "summary": "Association qui représente l'ESS régionale : observatoire, structuration, promotion.",
        "description": (
            "La CRES du Languedoc-Roussillon est une association qui représente l'économie sociale et "
            "solidaire de la région. Elle observe le secteur, aide à le structurer et à le développer, "
            "et le fait connaître auprès du public et des partenaires. Elle n'accompagne pas "
            "elle-même de porteurs dans la naissance de leur projet."
        ),
        "activities": [A.OBSERVATORY, A.NETWORK_STRUCTURING, A.PROMOTION, A.INFORMATION],
        "needs": [N.PEERS],
        "publics": [P.ESS_ENTERPRISES],
        "beneficiaries": "Acteurs et réseaux de l'ESS",
    },
    {
        "slug": "coventis",
        "organisation": "coventis",
        "name": "Coventis",
        "kind": K.BUSINESS_FLOW_TOOL,
        "model": M.NONE,
        "stages": [S.CONSOLIDATION, S.DEVELOPPEMENT],
        "zone": OLD_LANGUEDOC_ROUSSILLON,
        "zone_description": "Né en Languedoc-Roussillon, avec une ambition nationale",
        "summary": "Outil de développement commercial des structures de l'ESS : salon, offre, prospection.",
        "description": (
            "Coventis aide les structures de l'ESS à trouver des marchés. Il organise un salon "
            "professionnel, les aide à structurer leur offre et à prospecter des acheteurs. Né en "
            "Languedoc-Roussillon, membre de REALIS, il vise une portée nationale."
        ),
        "activities": [A.BUSINESS_FLOWS, A.EVENTS],
        "needs": [N.MARKETS],
        "publics": [P.ESS_ENTERPRISES, P.BUYERS, P.LOCAL_AUTHORITIES],
        "beneficiaries": "Entreprises de l'ESS, acheteurs, partenaires institutionnels",
    },
    {
        "slug": "ecole-entrepreneuriat-economie-sociale",
        "organisation": "ecole-entrepreneuriat-economie-sociale",
        "name": "École de l'Entrepreneuriat en Économie Sociale",
        "kind": K.TRAINING_CENTRE,
        "model": M.NONE,
        "stages": [S.CONSOLIDATION, S.DEVELOPPEMENT],
        "zone": OLD_LANGUEDOC_ROUSSILLON,
        "zone_description": "Languedoc-Roussillon, avec une ambition nationale",
        "summary": "Centre de formation des dirigeants de l'économie sociale, membre de REALIS.",
        "description": (
            "L'École de l'Entrepreneuriat en Économie Sociale forme les dirigeants de l'économie "
            "sociale. Ses formations thématiques renforcent les compétences de management et le "
            "leadership, facilitent les évolutions professionnelles et aident à anticiper les "
            "transformations économiques. Elle est membre de REALIS."
        ),
        "activities": [A.COLLECTIVE_TRAINING],
        "needs": [N.TRAINING],
        "publics": [P.ESS_WORKERS, P.JOB_SEEKERS],
        "beneficiaries": "Salariés et bénévoles de l'ESS, personnes qui cherchent un emploi dans ce secteur",
    },
    {
        "slug": "replic",
        "organisation": "replic",
        "name": "REPLIC",
        "kind": K.ENTERPRISE_GROUP,
        "model": M.GENERATOR,
        "stages": [S.EMERGENCE, S.CREATION, S.DEVELOPPEMENT],
        "zone": OLD_LANGUEDOC_ROUSSILLON,
        "zone_description": "Languedoc-Roussillon ; essaimage en cours vers d'autres territoires",
        "summary": "Groupe d'entreprises sociales qui crée des entreprises utiles aux territoires et les duplique.",
        "description": (
            "REPLIC est un groupe d'entreprises sociales qui crée lui-même des entreprises sociales et "
            "environnementales. Il repère les projets dont un territoire a besoin, monte les projets et "
            "les structures, les appuie en mutualisant des moyens, puis reproduit les réussites sur "
            "d'autres territoires. Il est membre de REALIS."
        ),
        "activities": [
            A.OPPORTUNITY_STUDY,
            A.PROJECT_DESIGN,
            A.CARRIER_RECRUITMENT,
            A.POOLED_SERVICES,
            A.REPLICATION,
        ],
        "needs": [N.IDEA, N.FEASIBILITY, N.RECRUITING],
        "publics": [P.LOCAL_AUTHORITIES],
        "beneficiaries": "Territoires",
    },
]

ECOSYSTEMS: list[dict] = [
    {
        "slug": "ramsess",
        "name": "RAMSESS",
        "model": EcosystemModel.COORDINATION,
        "description": (
            "Exemple donné par l'étude d'un écosystème fondé sur la coordination : les acteurs "
            "s'organisent ensemble pour que les porteurs de projet trouvent une offre cohérente et "
            "facile à lire. La synthèse ne précise ni son territoire ni ses membres."
        ),
        "territory_refs": [],
        "territory_description": "",
        "members": [],
    },
    {
        "slug": "realis",
        "name": "REALIS",
        "model": EcosystemModel.COMMON_BRAND,
        # An ESS network leads it: the study's roles (encourager, "chef d'orchestre", engaged
        # actor) are those of a local authority, so REALIS has none.
        "leader": "realis",
        "description": (
            "Une marque commune fédère des dispositifs complémentaires du Languedoc-Roussillon et les "
            "rend visibles de l'extérieur. L'étude y range Alter'Incub, REPLIC, l'École de "
            "l'Entrepreneuriat en Économie Sociale, Coventis et une pépinière qu'elle nomme sans la "
            "décrire (elle n'est donc pas inscrite ici comme dispositif) ; la CRES LR appartient au "
            "même écosystème."
        ),
        "territory_refs": OLD_LANGUEDOC_ROUSSILLON,
        "territory_description": "Ancienne région Languedoc-Roussillon",
        "members": ["alter-incub", "replic", "ecole-entrepreneuriat-economie-sociale", "coventis", "cres-lr"],
    },
    {
        "slug": "pole-sud",
        "name": "Pôle Sud",
        "model": EcosystemModel.JOINT_PROJECTS,
        "leader": "pole-sud",
        "description": (
            "Des structures installées en un même lieu, à Romans-sur-Isère, lancent ensemble des "
            "projets de création et de développement d'activités ; l'étude le cite comme exemple "
            "d'écosystème très opérationnel, présent à toutes les étapes de la vie des entreprises."
        ),
        "territory_refs": ["departement:26", "departement:07"],
        "territory_description": "Romans-sur-Isère (Drôme), nord de la Drôme et Ardèche",
        "members": ["pole-sud"],
    },
]
